/*
 * clickos-run — the Linux harness of the native host: runs a linear chain of
 * one wasm2c-compiled module's elements over a pcap file, through the same C
 * host (clickos_host.c) and runtime the ClickOS image uses.
 *
 * One file (~590 lines): a command-line program (options, the chain, the run,
 * handler printing, the bench loop); its pcap/pcapng reading and chain parsing
 * are already in pcap.c, pcapng.c and chain.c.
 *
 *   clickos-run [MODULE] --chain "Strip(14) -> DecIPTTL -> Unstrip(14)"
 *               --in in.pcap [--out out.pcap] [--out1 port1.pcap]
 *               [-h ELEMENT.HANDLER]... [-h traps] [--batch N] [--bench N]
 *               [--encap ETHER|IP] [--encap1 ETHER|IP] [--snaplen N] [--port1 NAME,NAME...]
 *               [--per-element | --zero-copy | --one]
 *
 * Built together with one module (clickos build --target linux; the module's
 * clickos_module_def is CLICKOS_RUN_MODULE), so MODULE is informational.
 * Packets leaving the last element on port 0 go to --out; packets leaving any
 * element on port 1 go to --out1 (elements whose class allows a second output
 * get one only when --out1 is given, as if connected in a Click config, or
 * only the elements listed by --port1);
 * everything else is dropped. clickos.now_ns is the capture's clock (the
 * latest timestamp read, as the Node host's FromDump). Outputs use the input's link type unless --encap
 * / --encap1 say otherwise (Click ToDump's ENCAP), snaplen 65535 as ToDump.
 * --bench N runs the chain N times over the input in memory and prints
 * ns/packet. A batch stays resident in the module across the chain
 * (clickos_push_chain: one copy in, one copy out); --per-element pushes
 * element by element instead (clickos_push), for comparison: the output is
 * the same. --zero-copy writes each input batch straight into the module's
 * memory (clickos_resident_*, as a receive path owning its buffers would) for
 * the first element, and copies the packets out only after it: the output is
 * the same again. --one pushes packet by packet (clickos_push_one_chain), as the
 * generated Click classes do, the chain fused into one call per packet: the
 * output is the same once more. Handler values are printed as `click -h` does ("name:",
 * value, blank line).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "chain.h"
#include "clickos_host.h"
#include "pcap.h"

#ifndef CLICKOS_RUN_MODULE
#error "compile with -DCLICKOS_RUN_MODULE=<clickos_module_def symbol> (see the generated clickos.mk)"
#endif
extern const clickos_module_def CLICKOS_RUN_MODULE;

#define HEADROOM CLICKOS_DEFAULT_HEADROOM
#define EXTRA_TAILROOM 256u
#define LEVEL_CAP (CLICKOS_MAX_BATCH + CLICKOS_MAX_EMIT)
#define MAX_HANDLERS 64
#define TRAP_REPORTS 10
#define POOL_MIN 2048u
#define POOL_CLASSES 20   /* 2 KiB .. 1 GiB */

typedef struct harness {
  clickos_module* m;
  chain ch;
  clickos_eid eid[CHAIN_MAX];
  clickos_packet* level[CHAIN_MAX];
  clickos_packet* input;          /* the batch read from the capture */
  uint32_t batch;
  int bench;                    /* sinks count and free instead of writing */
  int per_element;              /* clickos_push element by element, no resident chain */
  int one;                      /* packet by packet (clickos_push_one_chain), as the Click classes push */
  int shared_input;             /* --shared-input: the host writes no packet buffer; staged bytes copied here */
  int zero_copy;                /* input batches received into module memory (clickos_resident_*) */
  uint32_t max_len;             /* longest input frame */
  pcap_writer out, out1;
  int have_out, have_out1;
  uint64_t n_in, n_out, n_out1, n_drop, n_trap_reports, n_write_errors;
  uint64_t push_ns;
  uint8_t* pool[POOL_CLASSES];  /* free packet buffers by size class */
  int64_t clock_ns;             /* virtual clock: the capture's time */
  int clock_set;
} harness;

/* clickos.now_ns: the capture's time, as the Node host's FromDump keeps it
 * (the latest timestamp read so far), so replays are deterministic. */
static uint64_t virtual_now(void* ctx) {
  harness* h = (harness*)ctx;
  return h->clock_ns < 0 ? 0 : (uint64_t)h->clock_ns;
}

static uint64_t clock_of(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
static uint64_t now_ns(void) { return clock_of(CLOCK_MONOTONIC); }

static void usage(FILE* f) {
  fprintf(f,
          "usage: clickos-run [MODULE] --chain \"A(conf) -> B -> C\" --in IN.pcap [--out OUT.pcap]\n"
          "                   [--out1 PORT1.pcap] [-h ELEMENT.HANDLER]... [-h traps] [--batch N] [--bench N]\n"
          "                   [--encap ETHER|IP] [--encap1 ETHER|IP] [--snaplen N] [--port1 NAME,NAME...]\n"
          "                   [--per-element | --zero-copy | --one] [--shared-input]\n"
          "module: %s (classes:", CLICKOS_RUN_MODULE.name);
  for (uint32_t i = 0; i < CLICKOS_RUN_MODULE.nclasses; i++) fprintf(f, " %s", CLICKOS_RUN_MODULE.classes[i].name);
  fprintf(f, ")\n");
}

static void die(const char* fmt, const char* a, const char* b) {
  fprintf(stderr, "clickos-run: ");
  fprintf(stderr, fmt, a, b);
  fprintf(stderr, "\n");
  exit(1);
}

/* Largest output count a Click port spec ("1/1-2", "1/-", "2/1") allows; 1000 for unbounded. */
static int max_outputs(const char* ports) {
  const char* o = strchr(ports, '/');
  const char* dash;
  if (!o) o = ports; else o++;
  dash = strchr(o, '-');
  if (!dash) return atoi(o);
  if (dash[1] == 0) return 1000;
  return atoi(dash + 1);
}

/* Is `name` one of the comma-separated names in `list`? */
static int in_list(const char* list, const char* name) {
  size_t n = strlen(name);
  while (*list) {
    const char* end = strchr(list, ',');
    size_t len = end ? (size_t)(end - list) : strlen(list);
    if (len == n && n && strncmp(list, name, n) == 0) return 1;
    if (!end) break;
    list = end + 1;
  }
  return 0;
}

/* Click ToDump's ENCAP names as pcap link types (as the Node host's ToDump). */
static long encap_linktype(const char* name) {
  if (strcmp(name, "ETHER") == 0) return 1;
  if (strcmp(name, "IP") == 0 || strcmp(name, "RAW") == 0) return 101;
  return -1;
}

/* Packet buffers come from a pool of free lists by power-of-two size (2 KiB
 * and up), so the per-packet path never calls malloc or free. A buffer's
 * class follows from the packet's cap, which the host never changes. */
static uint32_t pool_class(uint32_t cap) {
  uint32_t c = 0;
  while ((POOL_MIN << c) < cap) c++;
  return c;
}

static uint8_t* pool_get(harness* h, uint32_t cap) {
  uint32_t c = pool_class(cap);
  uint8_t* b = h->pool[c];
  if (b) {
    memcpy(&h->pool[c], b, sizeof b);   /* next free buffer, stored in the buffer */
    return b;
  }
  if (!(b = (uint8_t*)malloc((size_t)POOL_MIN << c))) die("%s%s", "out of memory", "");
  return b;
}

static void pool_put(harness* h, clickos_packet* p) {
  uint32_t c = pool_class(p->cap);
  memcpy(p->buf, &h->pool[c], sizeof p->buf);
  h->pool[c] = p->buf;
}

static void pool_free(harness* h) {
  for (uint32_t c = 0; c < POOL_CLASSES; c++)
    while (h->pool[c]) {
      uint8_t* b = h->pool[c];
      memcpy(&h->pool[c], b, sizeof b);
      free(b);
    }
}

/* A packet as a NIC or FromDump hands it over: no meaningful headroom. */
static void new_packet(harness* h, clickos_packet* p, const uint8_t* data, uint32_t len, int64_t ts) {
  uint32_t cap = HEADROOM + len + EXTRA_TAILROOM;
  uint8_t* buf = pool_get(h, cap);
  clickos_packet_init(p, buf, cap, HEADROOM, len);
  p->head_valid = 0;
  memcpy(buf + HEADROOM, data, len);
  p->timestamp_ns = ts;
}

/* A copy of a packet the module emitted (its bytes live in module memory). */
static void copy_emitted(harness* h, clickos_packet* p, const clickos_packet* e) {
  uint32_t keep = e->off < HEADROOM ? e->off : HEADROOM;
  new_packet(h, p, e->buf + e->off, e->len, e->timestamp_ns);
  memcpy(p->buf + HEADROOM - keep, e->buf + e->off - keep, keep);
  p->head_valid = keep;
  p->port = e->port;
  p->flags = e->flags;
  p->packet_type = e->packet_type;
  memcpy(p->anno, e->anno, sizeof p->anno);
#define MOVE(f) p->f = e->f == CLICKOS_NO_HEADER || e->f + (int64_t)HEADROOM < e->off ? CLICKOS_NO_HEADER : (int32_t)(e->f - e->off + HEADROOM)
  MOVE(mac);
  MOVE(net);
  MOVE(transport);
#undef MOVE
}

static void sink(harness* h, pcap_writer* w, int have, uint64_t* count, clickos_packet* p) {
  (*count)++;
  if (!h->bench && have && pcap_write(w, p->timestamp_ns, p->buf + p->off, p->len)) h->n_write_errors++;
  pool_put(h, p);
}

/* Reports a failed push (a trap: the module was re-instantiated). */
static void push_failed(harness* h, size_t idx, int r, uint32_t lost) {
  if (h->n_trap_reports++ >= TRAP_REPORTS) return;
  if (r == CLICKOS_HOST_ETRAP)
    fprintf(stderr, "clickos-run: %s: trap (%s); %u packet(s) dropped, module re-instantiated\n",
            clickos_element_name(h->m, h->eid[idx]), clickos_module_last_trap(h->m), lost);
  else
    fprintf(stderr, "clickos-run: %s: push failed (%d): %s", clickos_element_name(h->m, h->eid[idx]), r,
            clickos_module_errors(h->m));
}

static void process(harness* h, size_t idx, clickos_packet* pk, uint32_t n);

/* A packet leaving element idx: on to the next element (nx), or to a sink. */
static void route(harness* h, size_t idx, clickos_packet* p, clickos_packet* nx, uint32_t* nn) {
  if (p->port == 0 && idx + 1 < h->ch.n) nx[(*nn)++] = *p;
  else if (p->port == 0) sink(h, &h->out, h->have_out, &h->n_out, p);
  else if (p->port == 1) sink(h, &h->out1, h->have_out1, &h->n_out1, p);
  else { h->n_drop++; pool_put(h, p); }
}

/* Runs a batch from element idx on: the batch stays resident in the module
 * through the following elements (clickos_push_chain) until one emits packets
 * or the chain ends; packets are routed as if pushed element by element
 * (sinks in order of the element they left, then the next element's batch:
 * the survivors, then copies of the emitted packets). */
static void process_one(harness* h, size_t idx, clickos_packet* p);

static void process(harness* h, size_t idx, clickos_packet* pk, uint32_t n) {
  const clickos_packet* em = NULL;
  clickos_packet* nx;
  uint32_t nn = 0, i, ran = 1, exit_at[CLICKOS_MAX_BATCH];
  size_t last, j;
  uint64_t t0;
  int r;
  if (h->one) {
    for (i = 0; i < n; i++) process_one(h, idx, &pk[i]);
    return;
  }
  t0 = now_ns();
  if (h->per_element) {
    r = clickos_push(h->m, h->eid[idx], 0, pk, n, &em);
    memset(exit_at, 0, sizeof exit_at[0] * n);
  } else {
    r = clickos_push_chain(h->m, &h->eid[idx], (uint32_t)(h->ch.n - idx), 0, pk, n, exit_at, &ran, &em);
  }
  h->push_ns += now_ns() - t0;
  /* Shared-input mode: what the module changed comes back staged (as the Click glue gets it). */
  if (h->shared_input)
    for (i = 0; i < n; i++)
      if (pk[i].staged) memcpy(pk[i].buf + pk[i].staged_at, pk[i].staged, pk[i].staged_len);
  last = idx + ran - 1;
  nx = h->level[last];
  if (r < 0) {
    uint32_t lost = 0;
    for (i = 0; i < n; i++) lost += exit_at[i] == last - idx;
    push_failed(h, last, r, lost);
    r = 0;
  } else {
    /* A trap whose batch was run again: only the packets that trapped alone are lost. */
    const uint16_t* blamed;
    uint32_t nb = clickos_push_blamed(h->m, &blamed);
    for (i = 0; i < nb && h->n_trap_reports++ < TRAP_REPORTS; i++)
      fprintf(stderr, "clickos-run: %s: trap (%s); packet at %llu ns dropped, the rest of its batch run again\n",
              clickos_element_name(h->m, h->eid[idx]), clickos_module_last_trap(h->m),
              (unsigned long long)pk[blamed[i]].timestamp_ns);
  }
  /* Packets that left an element before the last one that ran (never by output 0). */
  if (ran > 1)
    for (j = idx; j < last; j++)
      for (i = 0; i < n; i++)
        if (exit_at[i] == j - idx) route(h, j, &pk[i], nx, &nn);
  for (i = 0; i < n; i++)
    if (exit_at[i] == last - idx) route(h, last, &pk[i], nx, &nn);
  for (i = 0; i < (uint32_t)r; i++) {
    clickos_packet c;
    copy_emitted(h, &c, &em[i]);
    route(h, last, &c, nx, &nn);
  }
  for (i = 0; i < nn; i += h->batch) process(h, last + 1, nx + i, nn - i < h->batch ? nn - i : h->batch);
}

/* --one: a packet at a time through the rest of the chain (clickos_push_one_chain,
 * fused: one call into the module for the run), as a Click push does; the
 * packet goes on from the element it left, as do the packets it emitted. */
static void process_one(harness* h, size_t idx, clickos_packet* p) {
  const clickos_packet* em = NULL;
  clickos_packet* nx = h->level[idx];
  uint32_t nn = 0, i, k = 0;
  size_t last;
  uint64_t t0 = now_ns();
  int r = clickos_push_one_chain(h->m, &h->eid[idx], (uint32_t)(h->ch.n - idx), 0, p, &k, &em);
  h->push_ns += now_ns() - t0;
  if (h->shared_input && p->staged) memcpy(p->buf + p->staged_at, p->staged, p->staged_len);
  last = idx + k;
  nx = h->level[last];
  if (r < 0) {
    push_failed(h, last, r, 1);
    r = 0;
  }
  route(h, last, p, nx, &nn);
  for (i = 0; i < (uint32_t)r; i++) {
    clickos_packet c;
    copy_emitted(h, &c, &em[i]);
    route(h, last, &c, nx, &nn);
  }
  for (i = 0; i < nn; i++) process_one(h, last + 1, &nx[i]);
}

/* --zero-copy: records [first, first+k) received straight into module memory
 * and pushed to the first element in one call; what leaves it is copied out
 * (as emitted packets are) and goes on as process() sends it. 0, or -1 when
 * the module cannot hold resident packets (the caller copies instead). */
static int process_resident(harness* h, const pcap_file* in, size_t first, uint32_t k) {
  const clickos_packet* em = NULL;
  clickos_packet* nx = h->level[0];
  clickos_rx rx;
  uint32_t i, nn = 0;
  uint64_t t0;
  int r;
  if (clickos_resident_reserve(h->m, h->max_len) || clickos_resident_begin(h->m, &rx)) return -1;
  for (i = 0; i < k; i++) {
    const pcap_record* rec = &in->records[first + i];
    uint8_t* at = clickos_rx_packet(&rx, i, rec->len, rec->ts_ns);
    if (!at) return -1;   /* longer than reserved: cannot happen (max_len is the longest record) */
    memcpy(at, rec->data, rec->len);
  }
  t0 = now_ns();
  r = clickos_push_resident(h->m, h->eid[0], 0, k, &em);
  h->push_ns += now_ns() - t0;
  if (r < 0) {
    push_failed(h, 0, r, k);
    h->n_drop += k;
    return 0;
  }
  for (i = 0; i < k; i++) {
    clickos_packet view, c;
    if (clickos_resident_get(h->m, i, &view)) { h->n_drop++; continue; }
    copy_emitted(h, &c, &view);
    route(h, 0, &c, nx, &nn);
  }
  for (i = 0; i < (uint32_t)r; i++) {
    clickos_packet c;
    copy_emitted(h, &c, &em[i]);
    route(h, 0, &c, nx, &nn);
  }
  for (i = 0; i < nn; i += h->batch) process(h, 1, nx + i, nn - i < h->batch ? nn - i : h->batch);
  return 0;
}

/* Runs the whole input once through the chain. */
static void run_input(harness* h, const pcap_file* in) {
  clickos_packet* batch = h->input;
  size_t i = 0;
  while (i < in->n) {
    uint32_t k = 0;
    if (h->zero_copy) {
      k = in->n - i < h->batch ? (uint32_t)(in->n - i) : h->batch;
      for (uint32_t j = 0; j < k; j++) {
        if (!h->clock_set || in->records[i + j].ts_ns > h->clock_ns) h->clock_ns = in->records[i + j].ts_ns;
        h->clock_set = 1;
      }
      h->n_in += k;
      if (process_resident(h, in, i, k) == 0) { i += k; continue; }
      h->n_in -= k;
      h->zero_copy = 0;   /* the module cannot hold them: copy from here on */
      {
        const char* why = clickos_module_errors(h->m);
        size_t n = strlen(why);
        while (n && why[n - 1] == '\n') n--;   /* the host ends each error with a newline */
        fprintf(stderr, "clickos-run: --zero-copy: %.*s; copying instead\n", (int)n, why);
      }
      k = 0;
    }
    for (; k < h->batch && i < in->n; k++, i++) {
      const pcap_record* r = &in->records[i];
      new_packet(h, &batch[k], r->data, r->len, r->ts_ns);
      if (!h->clock_set || r->ts_ns > h->clock_ns) h->clock_ns = r->ts_ns;
      h->clock_set = 1;
    }
    h->n_in += k;
    process(h, 0, batch, k);
  }
}

/* Splits the host's TRAP_POLICY keyword out of a configuration, in place, as the
 * Node host does: arguments are split at top-level commas (quotes and brackets
 * respected); the one whose first word is TRAP_POLICY is removed and its value
 * parsed. 0 (policy set or left alone), or -1 with a message in err. */
static int take_trap_policy(char* conf, clickos_trap_policy* policy, char* err, size_t errcap) {
  char* arg = conf;
  int depth = 0;
  char quote = 0;
  for (char* p = conf;; p++) {
    char ch = *p;
    if (quote) {
      if (ch == '\\' && quote == '"' && p[1]) { p++; continue; }
      if (ch == quote) quote = 0;
      if (ch) continue;   /* inside quotes (an unterminated quote ends with the string) */
    } else if (ch == '"' || ch == '\'') {
      quote = ch;
      continue;
    } else if (ch == '(' || ch == '[' || ch == '{') {
      depth++;
    } else if ((ch == ')' || ch == ']' || ch == '}') && depth > 0) {
      depth--;
    }
    if (ch && (ch != ',' || depth > 0)) continue;
    /* [arg, p) is one argument. */
    {
      char* a = arg;
      while (a < p && (*a == ' ' || *a == '\t' || *a == '\n' || *a == '\r')) a++;
      if (p - a >= 11 && strncmp(a, "TRAP_POLICY", 11) == 0 &&
          (a + 11 == p || a[11] == ' ' || a[11] == '\t' || a[11] == '\n' || a[11] == '\r')) {
        if (clickos_trap_policy_parse(a + 11, (size_t)(p - a - 11), policy)) {
          snprintf(err, errcap, "TRAP_POLICY must be one of restart, bypass, disable (got '%.*s')", (int)(p - a - 11), a + 11);
          return -1;
        }
        /* Remove the argument with one separating comma. */
        if (ch == ',') memmove(arg, p + 1, strlen(p + 1) + 1);
        else *(arg > conf ? arg - 1 : arg) = 0;
        return 0;
      }
    }
    if (!ch) break;
    arg = p + 1;
  }
  return 0;
}

static void print_handler(harness* h, const char* spec) {
  char elem[256];
  char* buf;
  const char* dot = strrchr(spec, '.');
  size_t i, cap = 4096;
  long r;
  if (strcmp(spec, "traps") == 0) { printf("traps:\n%llu\n\n", (unsigned long long)clickos_module_traps(h->m)); return; }
  if (!dot || dot == spec || (size_t)(dot - spec) >= sizeof elem) die("-h %s: expected ELEMENT.HANDLER (or 'traps')%s", spec, "");
  memcpy(elem, spec, (size_t)(dot - spec));
  elem[dot - spec] = 0;
  for (i = 0; i < h->ch.n; i++)
    if (strcmp(clickos_element_name(h->m, h->eid[i]), elem) == 0) break;
  if (i == h->ch.n) die("-h %s: no element named '%s' in the chain", spec, elem);
  /* The host's own per-element handlers, as in the Node host. */
  if (strcmp(dot + 1, "trap_state") == 0) { printf("%s:\n%s\n\n", spec, clickos_element_trap_state(h->m, h->eid[i])); return; }
  if (strcmp(dot + 1, "trap_policy") == 0) {
    printf("%s:\n%s\n\n", spec, clickos_trap_policy_name(clickos_element_trap_policy(h->m, h->eid[i])));
    return;
  }
  for (;;) {
    if (!(buf = (char*)malloc(cap))) die("out of memory%s%s", "", "");
    r = clickos_handler_read(h->m, h->eid[i], dot + 1, buf, cap);
    if (r < 0) die("-h %s: %s", spec, clickos_module_errors(h->m));
    if ((size_t)r < cap) break;
    free(buf);
    cap = (size_t)r + 1;   /* read again with room for the whole value */
  }
  /* As `click -h`: "name:", the value, a blank line. */
  printf("%s:\n%s%s\n", spec, buf, r > 0 && buf[r - 1] == '\n' ? "" : "\n");
  free(buf);
}

int main(int argc, char** argv) {
  harness h;
  const char *chain_text = NULL, *in_path = NULL, *out_path = NULL, *out1_path = NULL;
  const char* handlers[MAX_HANDLERS];
  int nhandlers = 0, bench = 0, i;
  long linktype0 = -1, linktype1 = -1;   /* -1: the input's */
  uint32_t snaplen = PCAP_DEFAULT_SNAPLEN;
  const char* port1_list = NULL;   /* NULL: every element whose class allows output 1 */
  char err[512];
  pcap_file in;
  clickos_hooks hooks;

  memset(&h, 0, sizeof h);
  h.batch = CLICKOS_MAX_BATCH;
  for (i = 1; i < argc; i++) {
    const char* a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : NULL;
    int takes = strcmp(a, "--chain") == 0 || strcmp(a, "--in") == 0 || strcmp(a, "--out") == 0 ||
                strcmp(a, "--out1") == 0 || strcmp(a, "-h") == 0 || strcmp(a, "--bench") == 0 ||
                strcmp(a, "--batch") == 0 || strcmp(a, "--encap") == 0 || strcmp(a, "--encap1") == 0 ||
                strcmp(a, "--snaplen") == 0 || strcmp(a, "--port1") == 0;
    if (strcmp(a, "--help") == 0) { usage(stdout); return 0; }
    if (strcmp(a, "--per-element") == 0) { h.per_element = 1; continue; }
    if (strcmp(a, "--zero-copy") == 0) { h.zero_copy = 1; continue; }
    if (strcmp(a, "--one") == 0) { h.one = 1; continue; }
    if (strcmp(a, "--shared-input") == 0) { h.shared_input = 1; continue; }
    if (takes && !v) die("%s needs a value%s", a, "");
    if (strcmp(a, "--chain") == 0) chain_text = v;
    else if (strcmp(a, "--in") == 0) in_path = v;
    else if (strcmp(a, "--out") == 0) out_path = v;
    else if (strcmp(a, "--out1") == 0) out1_path = v;
    else if (strcmp(a, "-h") == 0) {
      if (nhandlers == MAX_HANDLERS) die("too many -h options%s%s", "", "");
      handlers[nhandlers++] = v;
    } else if (strcmp(a, "--bench") == 0) {
      char* end;
      long n = strtol(v, &end, 10);
      if (*end || n < 1 || n > 100000000) die("--bench %s: expected a repetition count >= 1%s", v, "");
      bench = (int)n;
    } else if (strcmp(a, "--batch") == 0) {
      char* end;
      long n = strtol(v, &end, 10);
      if (*end || n < 1 || n > CLICKOS_MAX_BATCH) die("--batch %s: expected 1..256%s", v, "");
      h.batch = (uint32_t)n;
    } else if (strcmp(a, "--encap") == 0 || strcmp(a, "--encap1") == 0) {
      long t = encap_linktype(v);
      if (t < 0) die("%s %s: expected ETHER or IP", a, v);
      if (a[7]) linktype1 = t; else linktype0 = t;
    } else if (strcmp(a, "--port1") == 0) {
      port1_list = v;
    } else if (strcmp(a, "--snaplen") == 0) {
      char* end;
      long n = strtol(v, &end, 10);
      if (*end || n < 1 || n > (long)PCAP_MAX_CAPLEN) die("--snaplen %s: expected 1..262144%s", v, "");
      snaplen = (uint32_t)n;
    } else if (a[0] == '-') { usage(stderr); die("unknown option %s%s", a, ""); }
    else continue;   /* MODULE: the harness is built with its module */
    if (takes) i++;
  }
  if (!chain_text || !in_path) { usage(stderr); die("--chain and --in are required%s%s", "", ""); }
  if (h.per_element + h.zero_copy + h.one > 1) die("--per-element, --zero-copy and --one exclude each other%s%s", "", "");

  if (chain_parse(chain_text, &h.ch, err, sizeof err)) die("--chain: %s%s", err, "");
  {
    int pr = pcap_read(in_path, &in, err, sizeof err);
    if (pr < 0) die("%s%s", err, "");
    if (pr > 0) fprintf(stderr, "clickos-run: %s; stopped reading (packets before it were processed)\n", err);
  }
  for (size_t k = 0; k < in.n; k++) if (in.records[k].len > h.max_len) h.max_len = in.records[k].len;

  clickos_hooks_default(&hooks);
  hooks.error = NULL;   /* errors are printed where they matter, from clickos_module_errors */
  hooks.ctx = &h;
  hooks.now_ns = virtual_now;
  h.m = clickos_module_open(&CLICKOS_RUN_MODULE, &hooks);
  if (!h.m) die("cannot open module %s: %s", CLICKOS_RUN_MODULE.name, clickos_module_open_error());
  if (h.shared_input) clickos_module_set_shared_input(h.m, 1);

  for (size_t k = 0; k < h.ch.n; k++) {
    chain_elem* e = &h.ch.e[k];
    int cls = clickos_class_find(&CLICKOS_RUN_MODULE, e->cls);
    int nout = 1;
    char where[64];
    snprintf(where, sizeof where, "--chain position %zu", e->pos);
    if (cls < 0) die("%s: class '%s' is not in this module (see --help)", where, e->cls);
    if (out1_path && max_outputs(CLICKOS_RUN_MODULE.classes[cls].ports) >= 2 &&
        (!port1_list || in_list(port1_list, e->name ? e->name : "")))
      nout = 2;
    h.eid[k] = clickos_element_new(h.m, cls, e->name, 1, nout);
    if (h.eid[k] < 0) die("%s: %s", where, clickos_module_errors(h.m));
    {
      clickos_trap_policy policy = CLICKOS_TRAP_RESTART;
      if (take_trap_policy(e->conf, &policy, err, sizeof err)) {
        fprintf(stderr, "clickos-run: %s: configuration error:\n%s :: %s: %s\n", where, clickos_element_name(h.m, h.eid[k]), e->cls, err);
        return 1;
      }
      clickos_element_set_trap_policy(h.m, h.eid[k], policy);
    }
    if (clickos_element_configure(h.m, h.eid[k], e->conf, strlen(e->conf))) {
      fprintf(stderr, "clickos-run: %s: configuration error:\n%s", where, clickos_module_errors(h.m));
      return 1;
    }
    if (!(h.level[k] = (clickos_packet*)malloc(sizeof(clickos_packet) * LEVEL_CAP))) die("out of memory%s%s", "", "");
  }
  if (!(h.input = (clickos_packet*)malloc(sizeof(clickos_packet) * CLICKOS_MAX_BATCH))) die("out of memory%s%s", "", "");
  for (size_t k = 0; k < h.ch.n; k++)
    if (clickos_element_initialize(h.m, h.eid[k])) {
      fprintf(stderr, "clickos-run: initialization error:\n%s", clickos_module_errors(h.m));
      return 1;
    }

  if (bench) {
    uint64_t t0, total, c0, cpu;
    h.bench = 1;
    run_input(&h, &in);   /* warm-up */
    h.n_in = h.n_out = h.n_out1 = h.n_drop = 0;
    h.push_ns = 0;
    t0 = now_ns();
    c0 = clock_of(CLOCK_PROCESS_CPUTIME_ID);
    for (i = 0; i < bench; i++) run_input(&h, &in);
    total = now_ns() - t0;
    cpu = clock_of(CLOCK_PROCESS_CPUTIME_ID) - c0;
    /* CPU time too: on a shared machine wall time includes time the process was not running. */
    printf("bench: %d x %zu packets, batch %u: %.1f ns/packet (%.1f ns/packet inside clickos_push), "
           "%.1f ns/packet CPU time\n", bench, in.n, h.batch, h.n_in ? (double)total / (double)h.n_in : 0.0,
           h.n_in ? (double)h.push_ns / (double)h.n_in : 0.0, h.n_in ? (double)cpu / (double)h.n_in : 0.0);
  } else {
    uint32_t lt0 = linktype0 < 0 ? in.linktype : (uint32_t)linktype0;
    uint32_t lt1 = linktype1 < 0 ? in.linktype : (uint32_t)linktype1;
    if (out_path && pcap_writer_open(&h.out, out_path, lt0, snaplen, err, sizeof err)) die("%s%s", err, "");
    if (out1_path && pcap_writer_open(&h.out1, out1_path, lt1, snaplen, err, sizeof err)) die("%s%s", err, "");
    h.have_out = out_path != NULL;
    h.have_out1 = out1_path != NULL;
    run_input(&h, &in);
    if ((h.have_out && pcap_writer_close(&h.out)) || (h.have_out1 && pcap_writer_close(&h.out1)) || h.n_write_errors)
      die("error writing the output capture%s%s", "", "");
  }

  for (i = 0; i < nhandlers; i++) print_handler(&h, handlers[i]);
  {
    clickos_module_stats st;
    clickos_module_get_stats(h.m, &st);
    fprintf(stderr, "clickos-run: %llu in, %llu out, %llu on port 1, %llu dropped, %llu trap(s)%s%s%s\n",
            (unsigned long long)h.n_in, (unsigned long long)h.n_out, (unsigned long long)h.n_out1,
            (unsigned long long)h.n_drop, (unsigned long long)st.traps, st.traps ? " (last: " : "",
            st.traps ? clickos_module_last_trap(h.m) : "", st.traps ? ")" : "");
  }
  clickos_module_close(h.m);
  chain_free(&h.ch);
  pcap_free(&in);
  for (i = 0; i < CHAIN_MAX; i++) free(h.level[i]);
  free(h.input);
  pool_free(&h);
  return 0;
}
