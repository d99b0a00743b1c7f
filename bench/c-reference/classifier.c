/* Plain C reference for Classifier: Click's "OFFSET/HEXVALUE[%HEXMASK]" terms,
 * ANDed within a pattern, patterns tried in order, "-" matches everything; the
 * first matching pattern's index is the output, no match drops. Terms are
 * compiled at init into (offset, value, mask) byte strings; matching compares
 * them with the mask, as a C developer would without Click's decision tree. */
#include <stdlib.h>
#include <ctype.h>
#include "cref.h"

#define MAX_PAT 16
#define MAX_TERM 8
#define MAX_BYTES 16

typedef struct { uint32_t off, n; uint8_t val[MAX_BYTES], mask[MAX_BYTES]; } term;
typedef struct { int nterm; term t[MAX_TERM]; } pattern;
typedef struct { int npat; pattern p[MAX_PAT]; } classifier;

static int hexval(int c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

static void* classifier_init(const char* args, int noutputs, const char** err) {
  classifier* c = (classifier*)calloc(1, sizeof *c);
  const char* s = args;
  (void)noutputs;
  while (*s && c->npat < MAX_PAT) {
    pattern* pt = &c->p[c->npat++];
    while (*s && *s != ',') {
      term* t;
      while (*s == ' ') s++;
      if (*s == '-' ) { s++; continue; }
      if (!isdigit((unsigned char)*s)) break;
      t = &pt->t[pt->nterm++];
      t->off = (uint32_t)strtoul(s, (char**)&s, 10);
      if (*s++ != '/') { *err = "expected OFFSET/VALUE"; free(c); return NULL; }
      while (isxdigit((unsigned char)s[0]) && isxdigit((unsigned char)s[1]) && t->n < MAX_BYTES) {
        t->val[t->n] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
        t->mask[t->n++] = 0xff;
        s += 2;
      }
      if (*s == '%') {
        s++;
        for (uint32_t k = 0; k < t->n && isxdigit((unsigned char)s[0]); k++, s += 2) t->mask[k] = (uint8_t)(hexval(s[0]) << 4 | hexval(s[1]));
      }
      for (uint32_t k = 0; k < t->n; k++) t->val[k] &= t->mask[k];
      while (*s == ' ') s++;
    }
    if (*s == ',') s++;
  }
  return c;
}

static void classifier_push(void* st, clickos_packet* p, uint32_t n) {
  const classifier* c = (const classifier*)st;
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t* d = pdata(&p[i]);
    uint32_t len = p[i].len;
    int out = CLICKOS_DROP;
    for (int k = 0; k < c->npat && out < 0; k++) {
      const pattern* pt = &c->p[k];
      int ok = 1;
      for (int j = 0; j < pt->nterm && ok; j++) {
        const term* t = &pt->t[j];
        if (t->off + t->n > len) { ok = 0; break; }
        for (uint32_t b = 0; b < t->n; b++)
          if ((d[t->off + b] & t->mask[b]) != t->val[b]) { ok = 0; break; }
      }
      if (ok) out = k;
    }
    p[i].port = out;
  }
}

const cref_def cref_classifier[] = {
  { "classifier", classifier_init, classifier_push },
  { NULL, NULL, NULL },
};
