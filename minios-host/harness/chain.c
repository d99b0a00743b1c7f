/* chain.c — see chain.h. */
#include "chain.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(char* err, size_t errlen, size_t pos, const char* why) {
  snprintf(err, errlen, "position %zu: %s", pos, why);
  return -1;
}

static size_t skip_space(const char* s, size_t i) {
  for (;;) {
    while (s[i] && isspace((unsigned char)s[i])) i++;
    if (s[i] == '/' && s[i + 1] == '/') { while (s[i] && s[i] != '\n') i++; continue; }
    if (s[i] == '/' && s[i + 1] == '*') {
      const char* end = strstr(s + i + 2, "*/");
      if (!end) return strlen(s);   /* unterminated: the caller reports what is missing */
      i = (size_t)(end - s) + 2;
      continue;
    }
    return i;
  }
}

static int is_word(char c) { return isalnum((unsigned char)c) || c == '_' || c == '@' || c == '/' || c == '.'; }

static char* dup_range(const char* s, size_t a, size_t b) {
  char* p = (char*)malloc(b - a + 1);
  if (p) { memcpy(p, s + a, b - a); p[b - a] = 0; }
  return p;
}

/* Ends at the ')' matching the '(' at i; returns its index, or (size_t)-1. */
static size_t match_paren(const char* s, size_t i) {
  int depth = 0;
  char quote = 0;
  for (; s[i]; i++) {
    char c = s[i];
    if (quote) {
      if (c == '\\' && quote == '"' && s[i + 1]) i++;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '(') depth++;
    else if (c == ')' && --depth == 0) return i;
  }
  return (size_t)-1;
}

int chain_parse(const char* s, chain* out, char* err, size_t errlen) {
  size_t i = 0;
  memset(out, 0, sizeof *out);
  for (;;) {
    chain_elem* e;
    size_t a, b;
    i = skip_space(s, i);
    if (!s[i]) return fail(err, errlen, i, out->n ? "expected an element after '->'" : "empty chain");
    if (out->n == CHAIN_MAX) return fail(err, errlen, i, "too many elements (at most 64)");
    e = &out->e[out->n];
    e->pos = i;
    a = i;
    while (is_word(s[i])) i++;
    if (i == a) return fail(err, errlen, i, "expected an element class name");
    b = i;
    i = skip_space(s, i);
    if (s[i] == ':' && s[i + 1] == ':') {
      e->name = dup_range(s, a, b);
      i = skip_space(s, i + 2);
      a = i;
      while (is_word(s[i])) i++;
      if (i == a) return fail(err, errlen, i, "expected an element class after '::'");
      b = i;
      i = skip_space(s, i);
    }
    e->cls = dup_range(s, a, b);
    if (s[i] == '(') {
      size_t close = match_paren(s, i);
      if (close == (size_t)-1) return fail(err, errlen, i, "unbalanced '(' (or unterminated quote) in configuration");
      e->conf = dup_range(s, i + 1, close);
      i = skip_space(s, close + 1);
    } else {
      e->conf = dup_range(s, i, i);
    }
    out->n++;
    if (!e->cls || !e->conf) return fail(err, errlen, a, "out of memory");
    if (!s[i]) return 0;
    if (s[i] == '-' && s[i + 1] == '>') { i += 2; continue; }
    if (s[i] == '[') return fail(err, errlen, i, "port syntax ([n]) is not supported by the harness: a linear chain of port 0 connections only");
    if (s[i] == ';') return fail(err, errlen, i, "only one chain is supported (no ';')");
    return fail(err, errlen, i, "expected '->' between elements");
  }
}

void chain_free(chain* c) {
  size_t i;
  for (i = 0; i < c->n; i++) { free(c->e[i].name); free(c->e[i].cls); free(c->e[i].conf); }
  c->n = 0;
}
