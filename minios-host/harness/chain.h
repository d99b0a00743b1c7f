/*
 * chain.h — splits a linear Click chain, "Strip(14) -> dt :: DecIPTTL -> Unstrip(14)",
 * into elements (optional name, class, raw configuration string). Only Click's
 * `->` connections between single elements; quotes, backslash escapes and
 * nested parentheses inside configurations are respected, and `//` and
 * `/ * * /` comments are skipped outside them.
 */
#ifndef CLICKOS_HARNESS_CHAIN_H
#define CLICKOS_HARNESS_CHAIN_H

#include <stddef.h>

#define CHAIN_MAX 64

typedef struct chain_elem {
  char* name;   /* NULL if anonymous */
  char* cls;
  char* conf;   /* "" if no parentheses */
  size_t pos;   /* offset of the element in the chain text */
} chain_elem;

typedef struct chain {
  size_t n;
  chain_elem e[CHAIN_MAX];
} chain;

/* 0, or -1 with "position N: why" in err. */
int chain_parse(const char* text, chain* out, char* err, size_t errlen);
void chain_free(chain* c);

#endif
