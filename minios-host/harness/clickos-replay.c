/*
 * clickos-replay — replays a crossing trace recorded by the Node host
 * (RunOptions.trace, runtime/src/host/trace.ts) in the native host, crossing by
 * crossing, and compares every result: conformance of the two hosts at the
 * element level, for any configuration (the graph around the elements is the
 * Node host's; only the crossings are replayed).
 *
 *   clickos-replay TRACE [--module NAME] [--quiet]
 *
 * Creates the trace's elements in the same order with the same configuration
 * strings and port counts through clickos_host.h, then for each record sets the
 * virtual clock (clickos.now_ns) to the recorded time and repeats the call:
 * initialize, push (the recorded input batch, headroom included), timer fire,
 * handler read or write. It compares each packet's output port, bytes,
 * meaningful headroom, header offsets, packet type, timestamp, annotations and
 * flags, the emitted packets, handler values and statuses, and the timers the
 * call scheduled or cancelled. The first difference is printed as
 *   crossing N (push on input 0), element NAME (Class), packet K: field F expected X got Y
 * and the exit status is 1; 0 when everything matches (a summary on stdout),
 * 2 on a bad trace or usage.
 * --module NAME replays only elements the trace places in module NAME (others
 * are skipped and counted); without it every element must be in this module.
 * Built with one module like clickos-run: -DCLICKOS_REPLAY_MODULE=<def symbol>.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clickos_host.h"
#include "replay_trace.h"

#ifndef CLICKOS_REPLAY_MODULE
#error "compile with -DCLICKOS_REPLAY_MODULE=<clickos_module_def symbol> (see the generated clickos.mk)"
#endif
extern const clickos_module_def CLICKOS_REPLAY_MODULE;

/* Room around replayed packets: more headroom than the host gives the module
 * (so every header offset the module may see is representable) and a generous
 * tailroom (elements that grow a packet in place must fit, as in Click). */
#define REPLAY_HEADROOM 128u
#define REPLAY_TAILROOM 4096u
#define MAX_EFFECTS 256
#define MAX_HEAD 64u

typedef struct relem {
  char *module, *cls, *name;
  int skip;                /* in another module (--module) */
  clickos_eid eid;
} relem;

typedef struct replay {
  clickos_module* m;
  int64_t clock;
  relem* el;
  uint32_t nel;
  int32_t* idx_of_eid;     /* host element id -> trace index */
  uint32_t neid;
  replay_effect fx[MAX_EFFECTS];
  uint32_t nfx;
  int fx_overflow;
  uint64_t rnd;
  const char* filter;
  /* where we are, for messages */
  uint64_t crossing;
  char what[64];
  uint32_t cur;
  uint64_t n_records, n_new, n_init, n_push, n_packets, n_emitted, n_timer, n_hread, n_hwrite, n_skipped, n_traps;
} replay;

static void fail(const char* fmt, ...) {
  va_list ap;
  fprintf(stderr, "clickos-replay: ");
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n");
  exit(2);
}

/* The first difference: "crossing N (what), element X (Class), SUBJECT: field F expected E got G". */
static void differ(replay* r, const char* subject, const char* field, const char* expected, const char* got) {
  relem* e = r->cur < r->nel ? &r->el[r->cur] : NULL;
  printf("crossing %llu (%s), element %s (%s)%s%s: field %s expected %s got %s\n", (unsigned long long)r->crossing,
         r->what, e ? e->name : "?", e ? e->cls : "?", subject ? ", " : "", subject ? subject : "", field, expected, got);
  exit(1);
}

static void differ_i(replay* r, const char* subject, const char* field, long long expected, long long got) {
  char a[32], b[32];
  snprintf(a, sizeof a, "%lld", expected);
  snprintf(b, sizeof b, "%lld", got);
  differ(r, subject, field, a, b);
}

/* ---- hooks: the virtual clock, reproducible randomness, timer effects ---- */

static uint64_t hook_now(void* ctx) {
  replay* r = (replay*)ctx;
  return r->clock < 0 ? 0 : (uint64_t)r->clock;
}

static void hook_random(void* ctx, uint8_t* buf, size_t len) {
  replay* r = (replay*)ctx;
  size_t i;
  for (i = 0; i < len; i++) {
    r->rnd ^= r->rnd << 13; r->rnd ^= r->rnd >> 7; r->rnd ^= r->rnd << 17;
    buf[i] = (uint8_t)r->rnd;
  }
}

static void hook_log(void* ctx, clickos_module* m, clickos_eid eid, int level, const char* msg, size_t len) {
  (void)ctx; (void)m; (void)eid; (void)level; (void)msg; (void)len;   /* logs are not compared */
}

static void effect(replay* r, uint8_t kind, clickos_eid eid, uint32_t timer, uint64_t delay) {
  replay_effect* f;
  if (r->nfx == MAX_EFFECTS) { r->fx_overflow = 1; return; }
  f = &r->fx[r->nfx++];
  f->kind = kind;
  f->element = eid >= 0 && (uint32_t)eid < r->neid ? (uint32_t)r->idx_of_eid[eid] : 0xffffffffu;
  f->timer = timer;
  /* The Node host clamps a negative delay to 0 (wasm-module.ts); so do we, to compare. */
  f->delay_ns = (int64_t)delay < 0 ? 0 : (int64_t)delay;
}
static void hook_schedule(void* ctx, clickos_module* m, clickos_eid eid, uint32_t timer, uint64_t delay_ns) {
  (void)m;
  effect((replay*)ctx, REPLAY_SCHEDULE, eid, timer, delay_ns);
}
static void hook_cancel(void* ctx, clickos_module* m, clickos_eid eid, uint32_t timer) {
  (void)m;
  effect((replay*)ctx, REPLAY_CANCEL, eid, timer, 0);
}

/* ---- packets ----------------------------------------------------------------------- */

static int32_t abs_header(int32_t rel) {
  return rel == REPLAY_REL_NONE || (int64_t)rel + REPLAY_HEADROOM < 0 ? CLICKOS_NO_HEADER : (int32_t)(rel + (int32_t)REPLAY_HEADROOM);
}

/* A recorded input packet in a buffer of its own, headroom bytes before the data. */
static void make_packet(clickos_packet* p, const replay_packet* rp) {
  uint32_t cap = REPLAY_HEADROOM + rp->len + REPLAY_TAILROOM;
  uint8_t* buf = (uint8_t*)calloc(1, cap);
  uint32_t head = rp->head > REPLAY_HEADROOM ? REPLAY_HEADROOM : rp->head;
  if (!buf) fail("out of memory");
  memcpy(buf + REPLAY_HEADROOM - head, rp->bytes + (rp->head - head), (size_t)head + rp->len);
  clickos_packet_init(p, buf, cap, REPLAY_HEADROOM, rp->len);
  p->mac = abs_header(rp->mac);
  p->net = abs_header(rp->net);
  p->transport = abs_header(rp->transport);
  p->packet_type = rp->packet_type;
  p->timestamp_ns = rp->timestamp_ns;
  p->flags = rp->flags;
  memcpy(p->anno, rp->anno, CLICKOS_ANNO_SIZE);
}

static long long rel_header(const clickos_packet* p, int32_t h) {
  return h == CLICKOS_NO_HEADER ? (long long)REPLAY_REL_NONE : (long long)h - (long long)p->off;
}

static void compare_header(replay* r, const char* subject, const char* field, int32_t want, long long got) {
  char a[32], b[32];
  if ((long long)want == got) return;
  if (want == REPLAY_REL_NONE) snprintf(a, sizeof a, "unset"); else snprintf(a, sizeof a, "data%+d", want);
  if (got == REPLAY_REL_NONE) snprintf(b, sizeof b, "unset"); else snprintf(b, sizeof b, "data%+lld", got);
  differ(r, subject, field, a, b);
}

/* Compares a packet after the crossing with the recording. Dropped packets are
 * compared by fate only: their contents go nowhere. */
static void compare_packet(replay* r, const char* subject, const replay_packet* want, const clickos_packet* got) {
  uint32_t i;
  char a[48], b[48], f[48];
  if (want->port != got->port) differ_i(r, subject, "port", want->port, got->port);
  if (want->port < 0) return;
  if (want->len != got->len) differ_i(r, subject, "length", want->len, got->len);
  for (i = 0; i < want->len; i++)
    if (want->bytes[want->head + i] != got->buf[got->off + i]) {
      snprintf(f, sizeof f, "data[%u]", i);
      snprintf(a, sizeof a, "0x%02x", want->bytes[want->head + i]);
      snprintf(b, sizeof b, "0x%02x", got->buf[got->off + i]);
      differ(r, subject, f, a, b);
    }
  if (got->off < want->head) differ_i(r, subject, "headroom bytes kept", want->head, got->off);
  for (i = 0; i < want->head; i++)
    if (want->bytes[i] != got->buf[got->off - want->head + i]) {
      snprintf(f, sizeof f, "headroom[-%u]", want->head - i);
      snprintf(a, sizeof a, "0x%02x", want->bytes[i]);
      snprintf(b, sizeof b, "0x%02x", got->buf[got->off - want->head + i]);
      differ(r, subject, f, a, b);
    }
  compare_header(r, subject, "mac header", want->mac, rel_header(got, got->mac));
  compare_header(r, subject, "network header", want->net, rel_header(got, got->net));
  compare_header(r, subject, "transport header", want->transport, rel_header(got, got->transport));
  if (want->packet_type != got->packet_type) differ_i(r, subject, "packet type", want->packet_type, got->packet_type);
  if (want->timestamp_ns != got->timestamp_ns) differ_i(r, subject, "timestamp", want->timestamp_ns, got->timestamp_ns);
  for (i = 0; i < CLICKOS_ANNO_SIZE; i++)
    if (want->anno[i] != got->anno[i]) {
      snprintf(f, sizeof f, "anno[%u]", i);
      snprintf(a, sizeof a, "0x%02x", want->anno[i]);
      snprintf(b, sizeof b, "0x%02x", got->anno[i]);
      differ(r, subject, f, a, b);
    }
  if (want->flags != got->flags) differ_i(r, subject, "flags", want->flags, got->flags);
}

/* The emitted packets of a crossing: count, then each. */
static void compare_emitted(replay* r, replay_cur* c, const clickos_packet* em, int got) {
  uint32_t n = replay_u32(c), i;
  char subject[48];
  if (c->bad) fail("crossing %llu: truncated record", (unsigned long long)r->crossing);
  if ((int)n != got) differ_i(r, NULL, "emitted packets", n, got);
  for (i = 0; i < n; i++) {
    replay_packet want;
    if (replay_packet_read(c, &want)) fail("crossing %llu: truncated emitted packet", (unsigned long long)r->crossing);
    snprintf(subject, sizeof subject, "emitted packet %u", i);
    compare_packet(r, subject, &want, &em[i]);
  }
  r->n_emitted += n;
}

/* ---- one record --------------------------------------------------------------------- */

static const char* effect_text(char* out, size_t cap, const replay_effect* f, replay* r) {
  const char* name = f->element < r->nel ? r->el[f->element].name : "?";
  if (f->kind == REPLAY_SCHEDULE) snprintf(out, cap, "schedule %s timer %u in %lld ns", name, f->timer, (long long)f->delay_ns);
  else snprintf(out, cap, "cancel %s timer %u", name, f->timer);
  return out;
}

static void compare_effects(replay* r, replay_cur* c, int trapped) {
  uint32_t n = replay_u32(c), i;
  char a[160], b[160], field[32];
  replay_effect want;
  if (r->fx_overflow) fail("crossing %llu: more than %d timer calls", (unsigned long long)r->crossing, MAX_EFFECTS);
  for (i = 0; i < n; i++) {
    want.kind = replay_u8(c); want.element = replay_u32(c); want.timer = replay_u32(c); want.delay_ns = replay_i64(c);
    if (c->bad) fail("crossing %llu: truncated timer effects", (unsigned long long)r->crossing);
    /* After a trap the hosts re-create elements each in its own way; the trap is what is compared. */
    if (trapped) continue;
    snprintf(field, sizeof field, "timer call %u", i);
    if (i >= r->nfx) differ(r, NULL, field, effect_text(a, sizeof a, &want, r), "none");
    if (want.kind != r->fx[i].kind || want.element != r->fx[i].element || want.timer != r->fx[i].timer ||
        want.delay_ns != r->fx[i].delay_ns)
      differ(r, NULL, field, effect_text(a, sizeof a, &want, r), effect_text(b, sizeof b, &r->fx[i], r));
  }
  if (!trapped && r->nfx > n) {
    snprintf(field, sizeof field, "timer call %u", n);
    differ(r, NULL, field, "none", effect_text(b, sizeof b, &r->fx[n], r));
  }
}

static void new_element(replay* r, replay_cur* c, uint32_t idx) {
  relem* e;
  int cls, nin, nout, ok;
  char* conf;
  if (idx != r->nel) fail("record %llu: element %u created out of order", (unsigned long long)r->crossing, idx);
  if (!(r->el = (relem*)realloc(r->el, sizeof(relem) * (r->nel + 1)))) fail("out of memory");
  e = &r->el[r->nel++];
  memset(e, 0, sizeof *e);
  e->eid = CLICKOS_NO_ELEMENT;
  e->module = replay_str(c); e->cls = replay_str(c); e->name = replay_str(c);
  conf = replay_str(c);
  nin = replay_i32(c); nout = replay_i32(c); ok = replay_u8(c);
  if (c->bad) fail("record %llu: truncated element", (unsigned long long)r->crossing);
  r->cur = idx;
  snprintf(r->what, sizeof r->what, "create and configure");
  if (r->filter && strcmp(r->filter, e->module) != 0) { e->skip = 1; r->n_skipped++; free(conf); return; }
  cls = clickos_class_find(&CLICKOS_REPLAY_MODULE, e->cls);
  if (cls < 0) fail("element %s: class %s (module %s) is not in this module (%s); use --module", e->name, e->cls, e->module,
                    CLICKOS_REPLAY_MODULE.name);
  e->eid = clickos_element_new(r->m, cls, e->name, nin, nout);
  if (e->eid < 0) differ(r, NULL, "create", "ok", clickos_module_errors(r->m));
  if ((uint32_t)e->eid >= r->neid) {
    uint32_t n = (uint32_t)e->eid + 16, k;
    if (!(r->idx_of_eid = (int32_t*)realloc(r->idx_of_eid, sizeof(int32_t) * n))) fail("out of memory");
    for (k = r->neid; k < n; k++) r->idx_of_eid[k] = -1;
    r->neid = n;
  }
  r->idx_of_eid[e->eid] = (int32_t)idx;
  if ((clickos_element_configure(r->m, e->eid, conf, strlen(conf)) == 0) != ok)
    differ(r, NULL, "configure", ok ? "ok" : "an error", ok ? clickos_module_errors(r->m) : "ok");
  r->n_new++;
  free(conf);
}

static void push(replay* r, replay_cur* c, relem* e) {
  int32_t port = replay_i32(c);
  uint32_t n = replay_u32(c), i;
  int trapped, got;
  clickos_packet* pk;
  const clickos_packet* em = NULL;
  char subject[48];
  if (c->bad || n > CLICKOS_MAX_BATCH) fail("crossing %llu: bad push record", (unsigned long long)r->crossing);
  snprintf(r->what, sizeof r->what, "push of %u packet%s on input %d", n, n == 1 ? "" : "s", port);
  if (!(pk = (clickos_packet*)calloc(n ? n : 1, sizeof *pk))) fail("out of memory");
  for (i = 0; i < n; i++) {
    replay_packet in;
    if (replay_packet_read(c, &in)) fail("crossing %llu: truncated input packet %u", (unsigned long long)r->crossing, i);
    make_packet(&pk[i], &in);
  }
  trapped = replay_u8(c);
  got = clickos_push(r->m, e->eid, port, pk, n, &em);
  if (trapped) {
    if (got != CLICKOS_HOST_ETRAP) differ(r, NULL, "result", "a trap", got < 0 ? clickos_module_errors(r->m) : "no trap");
    r->n_traps++;
  } else {
    if (got < 0) differ(r, NULL, "result", "no trap", got == CLICKOS_HOST_ETRAP ? clickos_module_last_trap(r->m) : clickos_module_errors(r->m));
    for (i = 0; i < n; i++) {
      replay_packet want;
      if (replay_packet_read(c, &want)) fail("crossing %llu: truncated output packet %u", (unsigned long long)r->crossing, i);
      snprintf(subject, sizeof subject, "packet %u", i);
      compare_packet(r, subject, &want, &pk[i]);
    }
    compare_emitted(r, c, em, got);
  }
  for (i = 0; i < n; i++) free(pk[i].buf);
  free(pk);
  r->n_push++;
  r->n_packets += n;
  compare_effects(r, c, trapped);
}

static void timer(replay* r, replay_cur* c, relem* e) {
  uint32_t t = replay_u32(c);
  int trapped = replay_u8(c), got;
  const clickos_packet* em = NULL;
  if (c->bad) fail("crossing %llu: bad timer record", (unsigned long long)r->crossing);
  snprintf(r->what, sizeof r->what, "timer %u", t);
  got = clickos_timer_fire(r->m, e->eid, t, &em);
  if (trapped) {
    if (got != CLICKOS_HOST_ETRAP) differ(r, NULL, "result", "a trap", "no trap");
    r->n_traps++;
  } else {
    if (got < 0) differ(r, NULL, "result", "no trap", got == CLICKOS_HOST_ETRAP ? clickos_module_last_trap(r->m) : clickos_module_errors(r->m));
    compare_emitted(r, c, em, got);
  }
  r->n_timer++;
  compare_effects(r, c, trapped);
}

static void handler_read(replay* r, replay_cur* c, relem* e) {
  char* name = replay_str(c);
  int ok = replay_u8(c);
  char* want = replay_str(c);
  size_t cap = 4096;
  char* buf = NULL;
  long got;
  if (c->bad) fail("crossing %llu: bad handler read record", (unsigned long long)r->crossing);
  snprintf(r->what, sizeof r->what, "read handler %.40s", name);
  for (;;) {
    if (!(buf = (char*)malloc(cap))) fail("out of memory");
    got = clickos_handler_read(r->m, e->eid, name, buf, cap);
    if (got < 0 || (size_t)got < cap) break;
    free(buf);
    cap = (size_t)got + 1;
  }
  if (!ok && got >= 0) differ(r, NULL, "status", "an error", "ok");
  if (ok && got < 0) differ(r, NULL, "status", "ok", clickos_module_errors(r->m));
  if (ok && strcmp(want, buf) != 0) differ(r, NULL, "value", want, buf);
  free(buf); free(name); free(want);
  r->n_hread++;
  compare_effects(r, c, 0);
}

static void handler_write(replay* r, replay_cur* c, relem* e) {
  char* name = replay_str(c);
  char* value = replay_str(c);
  int ok = replay_u8(c), got;
  if (c->bad) fail("crossing %llu: bad handler write record", (unsigned long long)r->crossing);
  snprintf(r->what, sizeof r->what, "write handler %.40s", name);
  got = clickos_handler_write(r->m, e->eid, name, value, strlen(value));
  if ((got == 0) != ok) differ(r, NULL, "status", ok ? "ok" : "an error", got == 0 ? "ok" : clickos_module_errors(r->m));
  free(name); free(value);
  r->n_hwrite++;
  compare_effects(r, c, 0);
}

static void record(replay* r, uint8_t tag, replay_cur* c) {
  uint32_t idx = replay_u32(c);
  relem* e;
  r->clock = replay_i64(c);
  r->nfx = 0;
  r->fx_overflow = 0;
  if (c->bad) fail("record %llu: truncated", (unsigned long long)r->crossing);
  if (tag == REPLAY_NEW) {
    new_element(r, c, idx);
    if (!r->el[idx].skip) compare_effects(r, c, 0);
    return;
  }
  if (idx >= r->nel) fail("record %llu: element %u was never created", (unsigned long long)r->crossing, idx);
  e = &r->el[idx];
  r->cur = idx;
  if (e->skip) { r->n_skipped++; return; }
  switch (tag) {
    case REPLAY_INITIALIZE: {
      int ok = replay_u8(c);
      snprintf(r->what, sizeof r->what, "initialize");
      if ((clickos_element_initialize(r->m, e->eid) == 0) != ok)
        differ(r, NULL, "initialize", ok ? "ok" : "an error", ok ? clickos_module_errors(r->m) : "ok");
      r->n_init++;
      compare_effects(r, c, 0);
      break;
    }
    case REPLAY_PUSH: push(r, c, e); break;
    case REPLAY_TIMER: timer(r, c, e); break;
    case REPLAY_HREAD: handler_read(r, c, e); break;
    case REPLAY_HWRITE: handler_write(r, c, e); break;
    default: fail("record %llu: unknown tag %u", (unsigned long long)r->crossing, tag);
  }
  if (c->at != c->n) fail("record %llu: %zu bytes left over", (unsigned long long)r->crossing, c->n - c->at);
}

static uint8_t* read_file(const char* path, size_t* n) {
  FILE* f = fopen(path, "rb");
  uint8_t* b = NULL;
  size_t cap = 0, len = 0, k;
  if (!f) fail("%s: cannot open", path);
  for (;;) {
    if (len == cap && !(b = (uint8_t*)realloc(b, cap = cap ? cap * 2 : 1 << 16))) fail("out of memory");
    k = fread(b + len, 1, cap - len, f);
    len += k;
    if (k == 0) break;
  }
  if (ferror(f)) fail("%s: read error", path);
  fclose(f);
  *n = len;
  return b;
}

int main(int argc, char** argv) {
  replay r;
  clickos_hooks hooks;
  const char* path = NULL;
  int quiet = 0, i;
  size_t n;
  uint8_t* file;
  replay_cur top;

  memset(&r, 0, sizeof r);
  r.rnd = 0x9e3779b97f4a7c15ull;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--module") == 0 && i + 1 < argc) r.filter = argv[++i];
    else if (strcmp(argv[i], "--quiet") == 0) quiet = 1;
    else if (argv[i][0] == '-' || path) fail("usage: clickos-replay TRACE [--module NAME] [--quiet]");
    else path = argv[i];
  }
  if (!path) fail("usage: clickos-replay TRACE [--module NAME] [--quiet]");
  file = read_file(path, &n);
  if (n < REPLAY_MAGIC_LEN || memcmp(file, REPLAY_MAGIC, REPLAY_MAGIC_LEN) != 0) fail("%s: not a crossing trace (no %s header)", path, REPLAY_MAGIC);

  clickos_hooks_default(&hooks);
  hooks.ctx = &r;
  hooks.log = hook_log;
  hooks.error = NULL;   /* collected; printed where they matter */
  hooks.now_ns = hook_now;
  hooks.random = hook_random;
  hooks.timer_schedule = hook_schedule;
  hooks.timer_cancel = hook_cancel;
  r.m = clickos_module_open(&CLICKOS_REPLAY_MODULE, &hooks);
  if (!r.m) fail("cannot open module %s: %s", CLICKOS_REPLAY_MODULE.name, clickos_module_open_error());
  /* The trace holds every crossing the Node host made, its re-runs after a trap included. */
  clickos_module_set_rerun(r.m, 0);

  top.p = file; top.n = n; top.at = REPLAY_MAGIC_LEN; top.bad = 0;
  while (top.at < top.n) {
    uint8_t tag = replay_u8(&top);
    uint32_t len = replay_u32(&top);
    const uint8_t* body = replay_bytes(&top, len);
    replay_cur c;
    if (!body) fail("%s: record %llu is truncated (offset %zu)", path, (unsigned long long)r.n_records + 1, top.at);
    c.p = body; c.n = len; c.at = 0; c.bad = 0;
    r.crossing = ++r.n_records;
    record(&r, tag, &c);
  }
  if (!quiet)
    printf("replay: crossings=%llu elements=%llu initialize=%llu pushes=%llu packets=%llu emitted=%llu timers=%llu "
           "handler_reads=%llu handler_writes=%llu traps=%llu skipped=%llu differences=0\n",
           (unsigned long long)r.n_records, (unsigned long long)r.n_new, (unsigned long long)r.n_init,
           (unsigned long long)r.n_push, (unsigned long long)r.n_packets, (unsigned long long)r.n_emitted,
           (unsigned long long)r.n_timer, (unsigned long long)r.n_hread, (unsigned long long)r.n_hwrite, (unsigned long long)r.n_traps,
           (unsigned long long)r.n_skipped);
  clickos_module_close(r.m);
  for (i = 0; (uint32_t)i < r.nel; i++) { free(r.el[i].module); free(r.el[i].cls); free(r.el[i].name); }
  free(r.el);
  free(r.idx_of_eid);
  free(file);
  return 0;
}
