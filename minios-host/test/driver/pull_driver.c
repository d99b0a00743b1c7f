/*
 * Test driver for the C host's pull outputs and tasks (clickos_pull,
 * clickos_task_run, clickos.input_pull), linked with a native build of
 * test/fixtures/faulty (FaultySched, FaultyUnqueue, Faulty, Steal). Used by
 * test/native-pull.test.ts.
 *
 * usage: pull_driver SCENARIO NFRAMES POISON
 *   The lender hands out NFRAMES frames (frame i: 60 bytes, byte 0 = i, and
 *   0xff for frame POISON; -1 for none), one per input_pull.
 *   sched MODE       FaultySched(MODE): clickos_pull until it gives nothing
 *   nested           Faulty(abort) upstream of FaultySched(none): the lender
 *                    pushes each frame through it first, a crossing nested in
 *                    the pull (the poisoned frame traps there)
 *   task MODE        FaultyUnqueue(MODE): clickos_task_run until it does no work
 *   steal            Steal's push calls input_pull: it must get nothing
 * Prints one JSON object per call, then a summary line with the module's stats.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clickos_host.h"
#include "module.h"

#ifndef PULL_MODULE
#error "define PULL_MODULE to the module's clickos_module_def symbol"
#endif

typedef struct lender_ctx {
  clickos_module* m;
  clickos_eid through;   /* an agnostic element each frame crosses first, or CLICKOS_NO_ELEMENT */
  int next, n, poison;
  int given, copied;
  uint8_t buf[256];
} lender_ctx;

static int lend_pull(void* ctx, int port, clickos_packet* p) {
  lender_ctx* L = (lender_ctx*)ctx;
  (void)port;
  while (L->next < L->n) {
    int i = L->next++;
    memset(L->buf, 0, sizeof L->buf);
    clickos_packet_init(p, L->buf, sizeof L->buf, 64, 60);
    L->buf[64] = (uint8_t)(i == L->poison ? 0xff : i);
    if (L->through != CLICKOS_NO_ELEMENT) {
      const clickos_packet* em = 0;
      int r = clickos_push_one(L->m, L->through, 0, p, &em);
      if (r < 0 || p->port < 0) return 0;   /* trapped (or dropped) upstream: nothing came */
    }
    L->given++;
    return 1;
  }
  return 0;
}

static void lend_copied(void* ctx) { ((lender_ctx*)ctx)->copied++; }

static clickos_eid make(clickos_module* m, const char* cls, const char* name, int nin, int nout, const char* conf) {
  clickos_eid e = clickos_element_new_by_name(m, cls, name, nin, nout);
  if (e < 0 || clickos_element_configure(m, e, conf, strlen(conf)) || clickos_element_initialize(m, e)) {
    printf("{\"error\":\"cannot create %s(%s): %s\"}\n", cls, conf, clickos_module_errors(m));
    exit(2);
  }
  return e;
}

/* One line per call: its result and the first byte of each emitted packet with its port. */
static void report(const char* what, int r, int worked, const clickos_packet* em) {
  int i;
  printf("{\"call\":\"%s\",\"r\":%d,\"worked\":%d,\"out\":[", what, r, worked);
  for (i = 0; i < r; i++) printf("%s[%d,%d,%u]", i ? "," : "", em[i].port, em[i].len ? em[i].buf[em[i].off] : -1, em[i].len);
  printf("]}\n");
}

int main(int argc, char** argv) {
  clickos_hooks hooks;
  clickos_module* m;
  lender_ctx L;
  clickos_lender lender;
  clickos_module_stats st;
  const char* scenario;
  int calls = 0, quiet = 0;
  if (argc < 4) { fprintf(stderr, "usage: pull_driver SCENARIO NFRAMES POISON [MODE]\n"); return 2; }
  scenario = argv[1];
  clickos_hooks_default(&hooks);
  hooks.log = 0;
  m = clickos_module_open(&PULL_MODULE, &hooks);
  if (!m) { printf("{\"error\":\"open: %s\"}\n", clickos_module_open_error()); return 2; }
  memset(&L, 0, sizeof L);
  L.m = m;
  L.through = CLICKOS_NO_ELEMENT;
  L.n = atoi(argv[2]);
  L.poison = atoi(argv[3]);
  lender.ctx = &L;
  lender.pull = lend_pull;
  lender.copied = lend_copied;
  quiet = L.n > 64;
  if (!strcmp(scenario, "sched") || !strcmp(scenario, "nested")) {
    clickos_eid s;
    if (!strcmp(scenario, "nested")) L.through = make(m, "Faulty", "f", 1, 1, "abort");
    s = make(m, "FaultySched", "s", 1, 1, argc > 4 ? argv[4] : "none");
    for (;;) {
      const clickos_packet* em = 0;
      int r = clickos_pull(m, s, 0, &lender, &em);
      if (!quiet) report("pull", r, 0, em);
      calls++;
      if (r == 0 && L.next >= L.n) break;
      if (calls > 10000) { printf("{\"error\":\"no end\"}\n"); return 1; }
    }
  } else if (!strcmp(scenario, "task")) {
    clickos_eid u = make(m, "FaultyUnqueue", "u", 1, 1, argc > 4 ? argv[4] : "none");
    for (;;) {
      const clickos_packet* em = 0;
      int worked = 0;
      int r = clickos_task_run(m, u, &lender, &worked, &em);
      if (!quiet) report("task", r, worked, em);
      calls++;
      if (!worked) break;
      if (calls > 10000) { printf("{\"error\":\"no end\"}\n"); return 1; }
    }
  } else if (!strcmp(scenario, "steal")) {
    clickos_eid s = make(m, "Steal", "s", 1, 1, "");
    uint8_t buf[256] = { 0 };
    char v[64];
    clickos_packet p;
    const clickos_packet* em = 0;
    long n;
    clickos_packet_init(&p, buf, sizeof buf, 64, 60);
    report("push", clickos_push_one(m, s, 0, &p, &em), 0, em);
    /* Not inside a pull or task: a pull or task of another element must not lend either. */
    report("task-of-steal", clickos_task_run(m, s, &lender, 0, &em), 0, em);
    n = clickos_handler_read(m, s, "stolen", v, sizeof v);
    printf("{\"stolen\":\"%.*s\"}\n", (int)(n < 0 ? 0 : n), v);
  } else {
    fprintf(stderr, "unknown scenario %s\n", scenario);
    return 2;
  }
  clickos_module_get_stats(m, &st);
  printf("{\"calls\":%d,\"given\":%d,\"copied\":%d,\"traps\":%llu,\"dropped\":%llu,\"last_trap\":\"%s\"}\n", calls, L.given, L.copied,
         (unsigned long long)st.traps, (unsigned long long)st.dropped, clickos_module_last_trap(m));
  clickos_module_close(m);
  return 0;
}
