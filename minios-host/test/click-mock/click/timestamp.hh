#ifndef CLICK_MOCK_TIMESTAMP_HH
#define CLICK_MOCK_TIMESTAMP_HH
#include <click/config.h>
class Timestamp { public:
    typedef int32_t seconds_type;
    typedef int64_t value_type;
    Timestamp();
    seconds_type sec() const;
    uint32_t nsec() const;
    value_type nsecval() const;
    static Timestamp now();
    static Timestamp make_nsec(seconds_type sec, uint32_t nsec);
    static Timestamp make_nsec(value_type nsec);
};
#endif
