/*
 * bench-native — one element, processing only, in the native host (wasm2c +
 * clickos_host.c) and in plain C (bench/c-reference), driven by the same loop.
 *
 *   bench-native --in traffic.pcap --elem "DecIPTTL(...)" [--inputs N] [--outputs N]
 *                [--cref NAME [--cargs ARGS]] [--batch B] [--packets P] [--reps R]
 *                [--variants base,wasm,c] [--callgrind]
 *
 * Every variant runs the same loop over the capture's frames (cycled): refill a
 * batch of B packets (copy each frame into a preallocated buffer, as a NIC
 * would have; timestamp 1 s), then hand the batch over —
 *   base: to nobody (the loop's own cost),
 *   wasm: clickos_push() to the wasm2c-compiled element (copy in, one crossing, copy out),
 *   zbase: the frames written straight into module memory instead (clickos_resident_*,
 *         as a receive path that owns its buffers would), handed to nobody,
 *   zc:   that, pushed to the element in one crossing, the ports read in place,
 *   c:    the C reference's push function.
 * ns/packet of processing = (variant - base) / packets ((zc - zbase) for zero copy), per repetition, the
 * variants interleaved within each repetition; time is this thread's CPU time
 * (CLOCK_THREAD_CPUTIME_ID), which other processes on a shared machine disturb
 * far less than wall time. Packets the element emits are counted, not copied.
 *
 * --callgrind: run the listed variants once each with callgrind's collection
 * switched on only inside the loop (valgrind --tool=callgrind
 * --collect-atstart=no): instruction counts instead of times.
 *
 * Prints one JSON object on stdout.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clickos_host.h"
#include "pcap.h"
#include "chain.h"
#include "cref.h"

#if defined(__has_include)
#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#endif
#endif
#ifndef HAVE_CALLGRIND
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_TOGGLE_COLLECT
#endif

#ifndef BENCH_MODULE
#error "compile with -DBENCH_MODULE=<clickos_module_def symbol>"
#endif
extern const clickos_module_def BENCH_MODULE;

#define HEADROOM CLICKOS_DEFAULT_HEADROOM
#define MAXREPS 64
enum { V_BASE, V_WASM, V_ZBASE, V_ZC, V_C, NV };
static const char* VNAME[NV] = { "base", "wasm", "zbase", "zc", "c" };

typedef struct {
  pcap_file in;
  uint32_t batch, cap;
  uint8_t* bufs[CLICKOS_MAX_BATCH];
  clickos_packet pk[CLICKOS_MAX_BATCH];
  clickos_module* m;
  clickos_eid eid;
  const cref_def* cref;
  void* cstate;
  size_t next;
  uint64_t out, emitted;
  int32_t ports[CLICKOS_MAX_BATCH];
  uint32_t max_len;
} bench;

static void die(const char* what, const char* detail) {
  fprintf(stderr, "bench-native: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
  exit(1);
}

static uint64_t fixed_now(void* ctx) { (void)ctx; return 1000000000ull; }

/* Is `name` one of the comma-separated words of `list`? */
static int listed(const char* list, const char* name) {
  size_t n = strlen(name);
  for (const char* p = list; *p;) {
    const char* e = strchr(p, ',');
    size_t len = e ? (size_t)(e - p) : strlen(p);
    if (len == n && strncmp(p, name, n) == 0) return 1;
    if (!e) break;
    p = e + 1;
  }
  return 0;
}

static double cpu_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static inline void refill(bench* b, uint32_t n) {
  for (uint32_t k = 0; k < n; k++) {
    const pcap_record* r = &b->in.records[b->next];
    if (++b->next == b->in.n) b->next = 0;
    memcpy(b->bufs[k] + HEADROOM, r->data, r->len);
    clickos_packet_init(&b->pk[k], b->bufs[k], b->cap, HEADROOM, r->len);
    b->pk[k].timestamp_ns = 1000000000;
  }
}

/* The same frames written straight into the module's resident packets. */
static inline void refill_resident(bench* b, uint32_t n) {
  clickos_rx rx;
  /* A trap discards the resident region: reserve it again. */
  if (clickos_resident_begin(b->m, &rx) && (clickos_resident_reserve(b->m, b->max_len) || clickos_resident_begin(b->m, &rx)))
    die("cannot reserve resident packets", clickos_module_errors(b->m));
  for (uint32_t k = 0; k < n; k++) {
    const pcap_record* r = &b->in.records[b->next];
    if (++b->next == b->in.n) b->next = 0;
    uint8_t* at = clickos_rx_packet(&rx, k, r->len, 1000000000);
    if (!at) die("frame longer than the resident buffers", NULL);
    memcpy(at, r->data, r->len);
  }
}

/* One pass of `packets` packets through variant v. */
static void run(bench* b, int v, uint64_t packets) {
  uint64_t done = 0;
  b->next = 0;
  while (done < packets) {
    uint32_t n = packets - done < b->batch ? (uint32_t)(packets - done) : b->batch;
    if (v == V_ZBASE) {
      refill_resident(b, n);
      done += n;
      continue;
    }
    if (v == V_ZC) {
      const clickos_packet* em = NULL;
      int r;
      refill_resident(b, n);
      r = clickos_push_resident(b->m, b->eid, 0, n, &em);
      if (r > 0) b->emitted += (uint64_t)r;
      clickos_resident_ports(b->m, b->ports, n);
      for (uint32_t k = 0; k < n; k++) b->out += b->ports[k] >= 0;
      done += n;
      continue;
    }
    refill(b, n);
    if (v == V_WASM) {
      const clickos_packet* em = NULL;
      int r = clickos_push(b->m, b->eid, 0, b->pk, n, &em);
      if (r > 0) b->emitted += (uint64_t)r;
    } else if (v == V_C) {
      b->cref->push(b->cstate, b->pk, n);
    }
    if (v != V_BASE)
      for (uint32_t k = 0; k < n; k++) b->out += b->pk[k].port >= 0;
    done += n;
  }
}

int main(int argc, char** argv) {
  const char *in_path = NULL, *elem = NULL, *cref = NULL, *cargs = "", *variants = "base,wasm,zbase,zc,c";
  int inputs = 1, outputs = 1, reps = 5, callgrind = 0, use[NV] = { 0 };
  uint64_t packets = 1000000;
  static bench b;
  char err[512];
  b.batch = 256;
  for (int i = 1; i < argc; i++) {
    const char* a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--callgrind") == 0) { callgrind = 1; continue; }
    if (!v) die("option needs a value", a);
    i++;
    if (strcmp(a, "--in") == 0) in_path = v;
    else if (strcmp(a, "--elem") == 0) elem = v;
    else if (strcmp(a, "--cref") == 0) cref = v;
    else if (strcmp(a, "--cargs") == 0) cargs = v;
    else if (strcmp(a, "--variants") == 0) variants = v;
    else if (strcmp(a, "--inputs") == 0) inputs = atoi(v);
    else if (strcmp(a, "--outputs") == 0) outputs = atoi(v);
    else if (strcmp(a, "--reps") == 0) reps = atoi(v);
    else if (strcmp(a, "--packets") == 0) packets = strtoull(v, NULL, 10);
    else if (strcmp(a, "--batch") == 0) b.batch = (uint32_t)atoi(v);
    else die("unknown option", a);
  }
  if (!in_path || !elem) die("--in and --elem are required", NULL);
  if (b.batch < 1 || b.batch > CLICKOS_MAX_BATCH) die("--batch: expected 1..256", NULL);
  if (reps < 1 || reps > MAXREPS) die("--reps: expected 1..64", NULL);
  if (inputs < 1 || outputs < 1 || packets < 1) die("--inputs, --outputs and --packets must be >= 1", NULL);
  for (int v = 0; v < NV; v++) use[v] = listed(variants, VNAME[v]);
  if (use[V_C] && !cref) use[V_C] = 0;

  if (pcap_read(in_path, &b.in, err, sizeof err)) die(err, NULL);
  if (b.in.n == 0) die("empty capture", in_path);
  uint32_t maxlen = 0;
  for (size_t k = 0; k < b.in.n; k++) if (b.in.records[k].len > maxlen) maxlen = b.in.records[k].len;
  b.cap = HEADROOM + maxlen + 256;
  for (uint32_t k = 0; k < CLICKOS_MAX_BATCH; k++)
    if (!(b.bufs[k] = (uint8_t*)calloc(1, b.cap))) die("out of memory", NULL);

  /* The wasm element, as clickos-run sets it up. */
  if (use[V_WASM] || use[V_ZC] || use[V_ZBASE] || use[V_BASE]) {
    chain ch;
    clickos_hooks hooks;
    int cls;
    if (chain_parse(elem, &ch, err, sizeof err) || ch.n != 1) die("--elem: expected one element", err);
    clickos_hooks_default(&hooks);
    hooks.now_ns = fixed_now;
    b.m = clickos_module_open(&BENCH_MODULE, &hooks);
    if (!b.m) die("cannot open module", clickos_module_open_error());
    cls = clickos_class_find(&BENCH_MODULE, ch.e[0].cls);
    if (cls < 0) die("class not in this module", ch.e[0].cls);
    b.eid = clickos_element_new(b.m, cls, "e", inputs, outputs);
    if (b.eid < 0 || clickos_element_configure(b.m, b.eid, ch.e[0].conf, strlen(ch.e[0].conf)) ||
        clickos_element_initialize(b.m, b.eid))
      die("element set-up failed", clickos_module_errors(b.m));
    chain_free(&ch);
    b.max_len = maxlen;
    if (clickos_resident_reserve(b.m, maxlen)) die("cannot reserve resident packets", clickos_module_errors(b.m));
  }
  if (use[V_C]) {
    const char* e = "";
    if (!(b.cref = cref_find(cref))) die("no such C reference", cref);
    if (!(b.cstate = b.cref->init(cargs, outputs, &e))) die("C reference set-up failed", e);
  }

  uint64_t out[NV] = { 0 }, emitted = 0, traps = 0, cmp = 0, port_diff = 0, byte_diff = 0;
  /* Same output? Each frame once through the element and once through the C
   * reference (first batches of the capture, before any timing): output port,
   * and for packets that leave, the bytes. Stateful elements may legitimately
   * differ (which public port a NAT picks). */
  if (use[V_WASM] && use[V_C] && !callgrind) {
    static int32_t wport[CLICKOS_MAX_BATCH];
    static uint32_t wlen[CLICKOS_MAX_BATCH];
    static uint8_t* wbytes[CLICKOS_MAX_BATCH];
    size_t limit = b.in.n < 1024 ? b.in.n : 1024, done = 0;
    const clickos_packet* em = NULL;
    for (uint32_t k = 0; k < b.batch; k++) wbytes[k] = (uint8_t*)malloc(b.cap);
    b.next = 0;
    while (done < limit) {
      uint32_t n = limit - done < b.batch ? (uint32_t)(limit - done) : b.batch;
      size_t start = b.next;
      refill(&b, n);
      clickos_push(b.m, b.eid, 0, b.pk, n, &em);
      for (uint32_t k = 0; k < n; k++) {
        wport[k] = b.pk[k].port; wlen[k] = b.pk[k].len;
        memcpy(wbytes[k], b.pk[k].buf + b.pk[k].off, b.pk[k].len);
      }
      b.next = start;
      refill(&b, n);
      b.cref->push(b.cstate, b.pk, n);
      for (uint32_t k = 0; k < n; k++) {
        cmp++;
        if (b.pk[k].port != wport[k]) port_diff++;
        else if (wport[k] >= 0 && (b.pk[k].len != wlen[k] || memcmp(wbytes[k], b.pk[k].buf + b.pk[k].off, wlen[k]) != 0)) byte_diff++;
      }
      done += n;
    }
    for (uint32_t k = 0; k < b.batch; k++) free(wbytes[k]);
  }
  if (callgrind) {
    /* One pass each, counted only inside the loop (warm-up pass first, uncounted). */
    for (int v = 0; v < NV; v++) {
      if (!use[v]) continue;
      run(&b, v, packets);
      b.out = 0;
      CALLGRIND_START_INSTRUMENTATION;
      CALLGRIND_TOGGLE_COLLECT;
      run(&b, v, packets);
      CALLGRIND_TOGGLE_COLLECT;
      CALLGRIND_STOP_INSTRUMENTATION;
      out[v] = b.out;
    }
    printf("{\"callgrind\":true,\"packets\":%llu,\"batch\":%u}\n", (unsigned long long)packets, b.batch);
    return 0;
  }

  static double ns[NV][MAXREPS];
  for (int v = 0; v < NV; v++) if (use[v]) run(&b, v, packets < 200000 ? packets : 200000);   /* warm-up, fills flow tables */
  b.emitted = 0;
  for (int r = 0; r < reps; r++)
    for (int v = 0; v < NV; v++) {
      if (!use[v]) continue;
      double t0;
      b.out = 0;
      b.emitted = 0;
      t0 = cpu_ns();
      run(&b, v, packets);
      ns[v][r] = (cpu_ns() - t0) / (double)packets;
      out[v] = b.out;
      if (v == V_WASM) emitted = b.emitted;
    }
  if (b.m) traps = clickos_module_traps(b.m);

  printf("{\"batch\":%u,\"packets\":%llu,\"frames\":%zu,\"traps\":%llu,\"emitted\":%llu", b.batch,
         (unsigned long long)packets, b.in.n, (unsigned long long)traps, (unsigned long long)emitted);
  if (cmp) printf(",\"check\":{\"compared\":%llu,\"portDiff\":%llu,\"byteDiff\":%llu}", (unsigned long long)cmp,
                  (unsigned long long)port_diff, (unsigned long long)byte_diff);
  for (int v = 0; v < NV; v++) {
    if (!use[v]) continue;
    printf(",\"%s\":{\"out\":%llu,\"ns\":[", VNAME[v], (unsigned long long)out[v]);
    for (int r = 0; r < reps; r++) printf("%s%.3f", r ? "," : "", ns[v][r]);
    printf("]}");
  }
  printf("}\n");
  if (b.m) clickos_module_close(b.m);
  return 0;
}
