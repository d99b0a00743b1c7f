#ifndef CLICK_MOCK_STRACCUM_HH
#define CLICK_MOCK_STRACCUM_HH
#include <click/config.h>
#include <click/string.hh>
class StringAccum { public:
    StringAccum();
    ~StringAccum();
    StringAccum &operator<<(const char *s);
    StringAccum &operator<<(const String &s);
    String take_string();
  private:
    StringAccum(const StringAccum &);
    StringAccum &operator=(const StringAccum &);
};
#endif
