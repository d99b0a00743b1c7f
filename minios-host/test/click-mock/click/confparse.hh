#ifndef CLICK_MOCK_CONFPARSE_HH
#define CLICK_MOCK_CONFPARSE_HH
#include <click/string.hh>
#include <click/vector.hh>
String cp_unargvec(const Vector<String> &conf);
void cp_argvec(const String &str, Vector<String> &conf);
#endif
