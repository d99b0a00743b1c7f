#ifndef CLICK_MOCK_HANDLER_HH
#define CLICK_MOCK_HANDLER_HH
#include <click/string.hh>
class Element;
class ErrorHandler;
typedef String (*ReadHandlerCallback)(Element *e, void *user_data);
typedef int (*WriteHandlerCallback)(const String &data, Element *e, void *user_data, ErrorHandler *errh);
#endif
