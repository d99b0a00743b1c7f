/* cref_find: every reference by name. */
#include <string.h>
#include "cref.h"

extern const cref_def cref_basic[], cref_classifier[], cref_ipfilter[], cref_ipfilter_program[], cref_nat[], cref_ids[];

const cref_def* cref_find(const char* name) {
  const cref_def* tables[] = { cref_basic, cref_classifier, cref_ipfilter, cref_ipfilter_program, cref_nat, cref_ids };
  for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++)
    for (const cref_def* d = tables[t]; d->name; d++)
      if (strcmp(d->name, name) == 0) return d;
  return NULL;
}
