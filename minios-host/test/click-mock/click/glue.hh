#ifndef CLICK_MOCK_GLUE_HH
#define CLICK_MOCK_GLUE_HH
#include <click/config.h>
void click_chatter(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
uint32_t click_random();
#endif
