/*
 * replay_trace.h — reads the crossing traces the Node host records
 * (runtime/src/host/trace.ts, RunOptions.trace) for clickos-replay: a bounds-checked
 * little-endian cursor and the record and packet layouts. The format is
 * documented once, at the top of trace.ts.
 */
#ifndef CLICKOS_REPLAY_TRACE_H
#define CLICKOS_REPLAY_TRACE_H

#include <stddef.h>
#include <stdint.h>

#define REPLAY_MAGIC "CLKTRC01"
#define REPLAY_MAGIC_LEN 8
/* A header offset that is not set (offsets are relative to the data start). */
#define REPLAY_REL_NONE INT32_MIN

enum replay_tag {
  REPLAY_NEW = 1, REPLAY_INITIALIZE = 2, REPLAY_PUSH = 3, REPLAY_TIMER = 4, REPLAY_HREAD = 5, REPLAY_HWRITE = 6
};
enum replay_effect_kind { REPLAY_SCHEDULE = 1, REPLAY_CANCEL = 2 };

/* A cursor over one region of the trace; `bad` is set (and sticks) when a read
 * runs past its end, and reads then return zeros. */
typedef struct replay_cur {
  const uint8_t* p;
  size_t n, at;
  int bad;
} replay_cur;

uint8_t replay_u8(replay_cur* c);
uint32_t replay_u32(replay_cur* c);
int32_t replay_i32(replay_cur* c);
int64_t replay_i64(replay_cur* c);
/* n bytes in place, or NULL (and bad) past the end. */
const uint8_t* replay_bytes(replay_cur* c, size_t n);
/* A string as a new NUL-terminated copy (free it), or NULL when bad. */
char* replay_str(replay_cur* c);

/* One recorded packet: `bytes` holds `head` bytes of meaningful headroom, then
 * `len` data bytes (pointers into the trace). */
typedef struct replay_packet {
  uint32_t len, head;
  const uint8_t* bytes;
  int32_t mac, net, transport;   /* relative to the data start, or REPLAY_REL_NONE */
  uint32_t packet_type;
  int64_t timestamp_ns;
  const uint8_t* anno;           /* CLICKOS_ANNO_SIZE bytes */
  int32_t port;                  /* output port, -1 when dropped */
  uint32_t flags;
} replay_packet;

/* 0, or -1 when the record ends inside the packet. */
int replay_packet_read(replay_cur* c, replay_packet* p);

typedef struct replay_effect {
  uint8_t kind;
  uint32_t element;  /* trace index */
  uint32_t timer;
  int64_t delay_ns;
} replay_effect;

#endif
