#ifndef CLICK_MOCK_ERROR_HH
#define CLICK_MOCK_ERROR_HH
#include <click/string.hh>
class ErrorHandler { public:
    virtual ~ErrorHandler();
    int nerrors() const;
    void message(const char *fmt, ...);
    int warning(const char *fmt, ...);
    int error(const char *fmt, ...);
};
#endif
