/*
 * cref.h — plain C reference implementations of the standard elements' per-packet
 * work, written the way a Click developer writes an element in C: same algorithm,
 * same checks, same outputs, no WebAssembly. bench/native/bench-native.c drives
 * them with the same loop, the same packets (clickos_packet, as the C host hands
 * to clickos_push) and the same compiler and flags as the wasm2c-compiled module,
 * so the only difference in the figures is WASM-via-wasm2c against plain C.
 *
 * Each reference: init(args, noutputs) -> state (NULL + message on bad args), and
 * push(state, packets, n) which sets every packet's port (CLICKOS_DROP to drop).
 */
#ifndef BENCH_CREF_H
#define BENCH_CREF_H
#include <stdint.h>
#include <string.h>
#include "clickos_host.h"

typedef struct cref_def {
  const char* name;
  void* (*init)(const char* args, int noutputs, const char** err);
  void (*push)(void* state, clickos_packet* p, uint32_t n);
} cref_def;

const cref_def* cref_find(const char* name);

/* ---- helpers every reference uses (as Click's click_ip.h / packet.hh give) ---- */
static inline uint8_t* pdata(clickos_packet* p) { return p->buf + p->off; }
static inline uint16_t rd16(const uint8_t* b) { return (uint16_t)((b[0] << 8) | b[1]); }
static inline void wr16(uint8_t* b, uint16_t v) { b[0] = (uint8_t)(v >> 8); b[1] = (uint8_t)v; }
static inline uint32_t rd32raw(const uint8_t* b) { uint32_t v; memcpy(&v, b, 4); return v; }
static inline void wr32raw(uint8_t* b, uint32_t v) { memcpy(b, &v, 4); }

/* RFC 1071 one's-complement sum over len bytes (len even for IP headers). */
static inline uint16_t ip_cksum(const uint8_t* b, uint32_t len) {
  uint32_t s = 0, i;
  for (i = 0; i + 1 < len; i += 2) s += (uint32_t)rd16(b + i);
  if (len & 1) s += (uint32_t)b[len - 1] << 8;
  while (s >> 16) s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}
/* RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m'), for a 16-bit field m -> m'. */
static inline uint16_t cksum_update16(uint16_t hc, uint16_t m, uint16_t mp) {
  uint32_t s = (uint32_t)(uint16_t)~hc + (uint16_t)~m + mp;
  s = (s & 0xffff) + (s >> 16);
  s = (s & 0xffff) + (s >> 16);
  return (uint16_t)~s;
}
/* The same for a 32-bit address given in network byte order (raw). */
static inline uint16_t cksum_update32raw(uint16_t hc, uint32_t mraw, uint32_t mpraw) {
  const uint8_t* a = (const uint8_t*)&mraw;
  const uint8_t* b = (const uint8_t*)&mpraw;
  hc = cksum_update16(hc, rd16(a), rd16(b));
  return cksum_update16(hc, rd16(a + 2), rd16(b + 2));
}
/* A valid IPv4 header at d (len bytes available): as the SDK's Packet.ip(). */
static inline int ip_valid(const uint8_t* d, uint32_t len) {
  uint32_t hl;
  if (len < 20 || (d[0] >> 4) != 4) return 0;
  hl = (uint32_t)(d[0] & 15) << 2;
  return hl >= 20 && hl <= len;
}
#endif
