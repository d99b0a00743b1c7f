/* flowtable.h — the C counterpart of elements/lib/flowtable.ts: a fixed-size
 * open-addressing table from a 5-tuple to an int, linear probing, the same key
 * packing and the same 64-bit multiply-xorshift hash, so the C references and
 * the elements do the same work per lookup. Insert only (the benchmarks measure
 * the lookup fast path; removal is not on it). */
#ifndef BENCH_FLOWTABLE_H
#define BENCH_FLOWTABLE_H
#include <stdint.h>
#include <stdlib.h>

typedef struct {
  uint32_t mask;
  int32_t limit, size;
  uint64_t* addrs;
  uint64_t* ports;
  int32_t* vals;
} flowtable;

#define FT_OCCUPIED ((uint64_t)1 << 40)

static inline int ft_init(flowtable* t, int32_t limit) {
  uint32_t n = 16;
  while (n < (uint32_t)limit * 2) n <<= 1;
  t->mask = n - 1; t->limit = limit; t->size = 0;
  t->addrs = (uint64_t*)calloc(n, 8);
  t->ports = (uint64_t*)calloc(n, 8);
  t->vals = (int32_t*)calloc(n, 4);
  return t->addrs && t->ports && t->vals ? 0 : -1;
}
static inline uint32_t ft_home(const flowtable* t, uint64_t a, uint64_t b) {
  uint64_t h = (a * 0x9e3779b97f4a7c15ull) ^ ((b + 0x632be59bd9b4e019ull) * 0xc2b2ae3d27d4eb4full);
  h ^= h >> 31;
  h *= 0xbf58476d1ce4e5b9ull;
  h ^= h >> 29;
  return (uint32_t)h & t->mask;
}
/* Addresses raw (network order as loaded), ports host order. Slot or -1. */
static inline int32_t ft_find(const flowtable* t, uint8_t proto, uint32_t sa, uint16_t sp, uint32_t da, uint16_t dp) {
  uint64_t a = (uint64_t)sa | ((uint64_t)da << 32);
  uint64_t b = (uint64_t)sp | ((uint64_t)dp << 16) | ((uint64_t)proto << 32) | FT_OCCUPIED;
  uint32_t i = ft_home(t, a, b);
  for (;;) {
    uint64_t pb = t->ports[i];
    if (pb == 0) return -1;
    if (pb == b && t->addrs[i] == a) return (int32_t)i;
    i = (i + 1) & t->mask;
  }
}
static inline int32_t ft_insert(flowtable* t, uint8_t proto, uint32_t sa, uint16_t sp, uint32_t da, uint16_t dp, int32_t v) {
  uint64_t a = (uint64_t)sa | ((uint64_t)da << 32);
  uint64_t b = (uint64_t)sp | ((uint64_t)dp << 16) | ((uint64_t)proto << 32) | FT_OCCUPIED;
  uint32_t i = ft_home(t, a, b);
  for (;;) {
    uint64_t pb = t->ports[i];
    if (pb == 0) break;
    if (pb == b && t->addrs[i] == a) { t->vals[i] = v; return (int32_t)i; }
    i = (i + 1) & t->mask;
  }
  if (t->size >= t->limit) return -1;
  t->addrs[i] = a; t->ports[i] = b; t->vals[i] = v; t->size++;
  return (int32_t)i;
}
#endif
