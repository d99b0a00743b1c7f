#ifndef CLICK_MOCK_STRING_HH
#define CLICK_MOCK_STRING_HH
#include <click/config.h>
class String { public:
    String();
    String(const char *s);
    String(const char *s, int len);
    String(const String &x);
    explicit String(int x);
    explicit String(unsigned x);
    explicit String(long x);
    explicit String(unsigned long x);
    explicit String(long long x);
    explicit String(unsigned long long x);
    ~String();
    String &operator=(const String &x);
    const char *data() const;
    int length() const;
    const char *c_str() const;
};
#endif
