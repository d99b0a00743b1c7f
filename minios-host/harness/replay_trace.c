/*
 * replay_trace.c — the bounds-checked reader of crossing traces (see replay_trace.h).
 */
#include "replay_trace.h"

#include <stdlib.h>
#include <string.h>

#include "clickos_abi.h"

const uint8_t* replay_bytes(replay_cur* c, size_t n) {
  const uint8_t* at;
  if (c->bad || n > c->n - c->at) { c->bad = 1; return NULL; }
  at = c->p + c->at;
  c->at += n;
  return at;
}

/* Little-endian by bytes: the trace is read the same on any host. */
static uint64_t le(replay_cur* c, size_t n) {
  const uint8_t* b = replay_bytes(c, n);
  uint64_t v = 0;
  size_t i;
  if (!b) return 0;
  for (i = 0; i < n; i++) v |= (uint64_t)b[i] << (8 * i);
  return v;
}

uint8_t replay_u8(replay_cur* c) { return (uint8_t)le(c, 1); }
uint32_t replay_u32(replay_cur* c) { return (uint32_t)le(c, 4); }
int32_t replay_i32(replay_cur* c) { return (int32_t)(uint32_t)le(c, 4); }
int64_t replay_i64(replay_cur* c) { return (int64_t)le(c, 8); }

char* replay_str(replay_cur* c) {
  uint32_t n = replay_u32(c);
  const uint8_t* b = replay_bytes(c, n);
  char* s;
  if (!b || !(s = (char*)malloc((size_t)n + 1))) { c->bad = 1; return NULL; }
  memcpy(s, b, n);
  s[n] = 0;
  return s;
}

int replay_packet_read(replay_cur* c, replay_packet* p) {
  p->len = replay_u32(c);
  p->head = replay_u32(c);
  p->bytes = c->bad ? NULL : replay_bytes(c, (size_t)p->head + p->len);
  p->mac = replay_i32(c);
  p->net = replay_i32(c);
  p->transport = replay_i32(c);
  p->packet_type = replay_u32(c);
  p->timestamp_ns = replay_i64(c);
  p->anno = replay_bytes(c, CLICKOS_ANNO_SIZE);
  p->port = replay_i32(c);
  p->flags = replay_u32(c);
  return c->bad ? -1 : 0;
}
