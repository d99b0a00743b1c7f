/*
 * clickos_host.c — the C host of the ClickOS element ABI v1 (see clickos_host.h).
 *
 * Every host->wasm crossing goes through guarded(): one guard (one setjmp) per
 * crossing, set in guarded_ex itself; a trap lands back there, is recorded, and
 * recover() rebuilds the instance and its elements. Everything the module hands
 * back (addresses, lengths, descriptors) is checked against its memory size
 * before the host touches it. Click pushes one packet at a time: the generated
 * classes cross through clickos_push_one / clickos_push_one_chain (fusion), the
 * batch paths are clickos_push_chain and the resident (zero-copy) calls.
 * A class's own pull or task (clickos_pull, clickos_task_run) may re-enter the
 * module through clickos.input_pull; guards nest, and a trap in the nested
 * crossing is recovered there once (`generation`) before the outer call ends.
 *
 * One translation unit in seven files: this one (the module struct, strings,
 * errors, guarded crossings, instances) includes the other sections at its end,
 * clickos_host_{imports,elements,packets,resident,pull,handlers}.inc, in that
 * order. So the struct and every helper stay private (static), a freestanding
 * MiniOS link exposes only the clickos_* API and the wasm2c import symbols
 * (allowed-symbols.txt), and every build (harness Makefile, clickos.mk, the
 * Click package, the MiniOS compile check) still compiles one source; the .inc
 * files travel with it (sdk/src/native/index.ts copies them).
 */
#if __STDC_HOSTED__
#define _POSIX_C_SOURCE 200809L /* clock_gettime in the hosted default hooks */
#endif

#include "clickos_host.h"

#include <string.h>

#include "clickos-rt.h"

#if __STDC_HOSTED__
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#endif

/* The same allocator as the runtime (README: CLICKOS_RT_ALLOCATOR_HEADER). */
#ifdef CLICKOS_RT_ALLOCATOR_HEADER
#include CLICKOS_RT_ALLOCATOR_HEADER
#endif
#ifndef CLICKOS_RT_ALLOC
#include <stdlib.h>
#define CLICKOS_RT_ALLOC(size) calloc(1, (size))
#endif
#ifndef CLICKOS_RT_FREE
#define CLICKOS_RT_FREE(ptr) free(ptr)
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#error "clickos_host: descriptors are copied as little-endian structs (wasm memory order)"
#endif

#define ERRORS_CAP 4096
#define TRAP_MSG_CAP 256
#define ARENA_MIN (64u * 1024u)
#define MAX_MODULE_DEFS 64
/* Pull outputs and tasks (clickos_pull, clickos_task_run): lent packets go into
 * a region of module memory per nesting depth of such calls, kept between
 * calls; each lend first makes sure a packet up to a jumbo frame fits. */
#define LEND_DEPTH_MAX 8
#define LEND_REGION_MIN (256u * 1024u)
#define LEND_RESERVE_LEN 9216u

struct Z_clickos_instance_t { clickos_module* m; };
struct Z_env_instance_t { clickos_module* m; };

typedef struct lend_region { uint32_t region, at, cap; } lend_region;
struct host_element;

/* One clickos_pull / clickos_task_run in progress (on the C stack): what
 * clickos.input_pull may lend, and into which region. */
typedef struct lend_state {
  struct lend_state* prev;
  struct host_element* el;
  uint32_t handle;
  const clickos_lender* lender;
  uint32_t lent, used;
  lend_region* r;
  int upstream_trap;   /* a call input_pull made upstream trapped: this call ended with it */
} lend_state;

typedef struct host_element {
  int live;            /* created and not cleaned up */
  int broken;          /* could not be re-created after a trap */
  int policy;          /* clickos_trap_policy: what a trap in this element does */
  int tripped;         /* 0, or the policy a trap set off (CLICKOS_TRAP_BYPASS/DISABLE) */
  int class_id;
  int ninputs, noutputs;
  uint32_t handle;     /* handle in the current instance (0: none) */
  char* name;
  char* conf;          /* saved configuration, replayed after a trap */
  uint32_t conf_len;
  int configured, initialized;
  uint64_t timers;     /* scheduled timers (bit per timer id) */
} host_element;

struct clickos_module {
  const clickos_module_def* def;
  clickos_hooks hooks;
  void* inst;
  struct Z_clickos_instance_t clickos_imports;
  struct Z_env_instance_t env_imports;
  host_element* elems;
  uint32_t nelems, elems_cap;
  clickos_eid* h2e;    /* module handle -> element id */
  uint32_t h2e_cap;
  uint32_t arena, arena_cap;   /* cached host region in module memory (8-aligned start, usable bytes) */
  uint32_t arena_region;       /* the address clickos_arena_alloc returned (to free it) */
  /* Resident packets (clickos_resident_*): descriptors at res_descs, then
   * CLICKOS_MAX_BATCH slots of res_slot bytes; res_region 0 when not reserved. */
  uint32_t res_region, res_descs, res_slot, res_max_len;
  uint32_t res_live;           /* descriptors holding the last push's results (0 after a trap) */
  int res_noutputs;            /* outputs of the element they were pushed to */
  clickos_packet* emits;       /* CLICKOS_MAX_EMIT views */
  /* The batch in flight, by packet index: its slot in the arena and the address
   * of its first meaningful byte; and resident descriptor -> packet index. */
  uint32_t slot_at[CLICKOS_MAX_BATCH];
  uint32_t valid_at[CLICKOS_MAX_BATCH];
  uint16_t resident[CLICKOS_MAX_BATCH];
  /* Packets of the last top-level push that caused a trap (indices into its
   * batch), and whether a push is running the rest of a trapped batch again. */
  uint16_t blamed[CLICKOS_MAX_BATCH];
  uint32_t nblamed;
  int rerunning;
  int no_rerun;                /* clickos_module_set_rerun(m, 0): a trap drops the batch */
  /* Shared-input mode: changed bytes go to stage[0..stage_cap), never into a packet's buffer. */
  int shared_input;
  uint8_t* stage;
  uint32_t stage_cap, stage_used;
  clickos_module_stats stats;
  int dead;
  int aborting;                /* env.abort set last_trap before trapping */
  uint64_t rng;
  /* A handler read in progress: its text so far goes into the caller's buffer
   * (clickos.handler_text pieces, then the returned last piece), up to text_cap;
   * text_len counts all of it, so the caller learns the full size. */
  int text_active, text_overflow;
  char* text_buf;
  size_t text_cap;
  uint64_t text_len;
  uint32_t errors_len;
  char errors[ERRORS_CAP];
  char last_trap[TRAP_MSG_CAP];
  /* Bumped by every re-instantiation: a crossing that finds it changed after
   * its trap was nested in another call that already rebuilt the instance. */
  uint32_t generation;
  lend_state* lend;            /* the innermost own pull or task call, or NULL */
  int own_blamed;              /* clickos_own_call_blamed */
  uint32_t lend_depth;
  lend_region lend_regions[LEND_DEPTH_MAX];
};

/* ---- small strings (no printf in freestanding builds) -------------------- */

typedef struct sbuf { char* p; uint32_t len, cap; } sbuf;

static void sb_put(sbuf* b, const char* s, size_t n) {
  if (b->cap == 0) return;
  while (n-- && b->len + 1 < b->cap) b->p[b->len++] = *s++;
  b->p[b->len] = 0;
}
static void sb_str(sbuf* b, const char* s) { sb_put(b, s, strlen(s)); }

/* strcmp is not among the symbols MiniOS provides (scripts/allowed-symbols.txt). */
static int str_eq(const char* a, const char* b) {
  while (*a && *a == *b) { a++; b++; }
  return *a == *b;
}
static void sb_u64(sbuf* b, uint64_t v) {
  char t[24];
  int i = 24;
  do { t[--i] = (char)('0' + v % 10); v /= 10; } while (v);
  sb_put(b, t + i, (size_t)(24 - i));
}
static void sb_f64(sbuf* b, double v) {
  uint64_t ip, frac;
  if (v != v) { sb_str(b, "NaN"); return; }
  if (v < 0) { sb_str(b, "-"); v = -v; }
  if (v > 1e18) { sb_str(b, "Infinity"); return; }
  ip = (uint64_t)v;
  frac = (uint64_t)((v - (double)ip) * 1e6 + 0.5);
  if (frac >= 1000000) { ip++; frac -= 1000000; }
  sb_u64(b, ip);
  if (frac) {
    char t[7];
    int i;
    for (i = 5; i >= 0; i--) { t[i] = (char)('0' + frac % 10); frac /= 10; }
    i = 6;
    while (i > 0 && t[i - 1] == '0') i--;
    sb_str(b, ".");
    sb_put(b, t, (size_t)i);
  }
}

/* ---- module memory --------------------------------------------------------- */

static uint8_t* mem(clickos_module* m, uint64_t* size) { return m->def->memory(m->inst, size); }

static int in_bounds(uint64_t size, uint32_t ptr, uint64_t len) { return (uint64_t)ptr + len <= size; }

/* ---- errors ------------------------------------------------------------------ */

static void errors_clear(clickos_module* m) { m->errors_len = 0; m->errors[0] = 0; }

static void errors_add(clickos_module* m, clickos_eid e, const char* msg, size_t len) {
  sbuf b;
  uint32_t start = m->errors_len;
  b.p = m->errors; b.len = m->errors_len; b.cap = ERRORS_CAP;
  if (e >= 0 && (uint32_t)e < m->nelems) {
    host_element* el = &m->elems[e];
    sb_str(&b, el->name);
    sb_str(&b, " :: ");
    sb_str(&b, m->def->classes[el->class_id].name);
    sb_str(&b, ": ");
  }
  sb_put(&b, msg, len);
  if (m->hooks.error) m->hooks.error(m->hooks.ctx, m, e, m->errors + start, b.len - start);
  sb_str(&b, "\n");
  m->errors_len = b.len;
}

static void errors_add_str(clickos_module* m, clickos_eid e, const char* msg) { errors_add(m, e, msg, strlen(msg)); }

/* ---- guarded crossings ------------------------------------------------------- */

enum { OP_INSTANTIATE, OP_FUEL_PROBE, OP_ABI_VERSION, OP_SCRATCH, OP_ARENA_ALLOC, OP_ARENA_FREE, OP_NEW,
       OP_CONFIGURE, OP_INITIALIZE, OP_CLEANUP, OP_PUSH, OP_PUSH_RUN, OP_TIMER, OP_HREAD, OP_HWRITE,
       OP_PULL, OP_TASK };

typedef struct call {
  clickos_module* m;
  int op;
  uint32_t a, b, c, d;
  uint32_t r, r2;
} call;

/* Handler calls are control plane: they get the hosts' bound on any call
 * (FUEL_MAX), so a table of any size can be printed; everything else gets the
 * module's own budget. */
static int64_t budget_of(const call* c) {
  if (c->op == OP_HREAD || c->op == OP_HWRITE) return (int64_t)CLICKOS_FUEL_MAX;
  /* A fused run gets every element's budget (b = its length, at most RUN_MAX). */
  if (c->op == OP_PUSH_RUN) {
    int64_t f = c->m->def->fuel * (int64_t)c->b;
    return f < (int64_t)CLICKOS_FUEL_MAX ? f : (int64_t)CLICKOS_FUEL_MAX;
  }
  return c->m->def->fuel;
}

static void run_op(void* arg) {
  call* c = (call*)arg;
  const clickos_module_def* d = c->m->def;
  void* inst = c->m->inst;
  /* Refill the fuel before every crossing (not before instantiation: the
   * instance does not exist yet; the module starts unmetered). */
  if (d->fuel_set && d->fuel > 0 && c->op != OP_INSTANTIATE && c->op != OP_FUEL_PROBE) d->fuel_set(inst, budget_of(c));
  switch (c->op) {
    case OP_INSTANTIATE: d->instantiate(inst, &c->m->clickos_imports, &c->m->env_imports); break;
    case OP_FUEL_PROBE: c->r = d->fuel_set(inst, d->fuel) < 0; break;
    case OP_ABI_VERSION: c->r = d->abi_version_fn(inst); break;
    case OP_SCRATCH: c->r = d->scratch(inst, c->a); break;
    case OP_ARENA_ALLOC: c->r = d->arena_alloc(inst, c->a); break;
    case OP_ARENA_FREE: d->arena_free(inst, c->a); break;
    case OP_NEW: c->r = d->element_new(inst, c->a, c->b, c->c); break;
    case OP_CONFIGURE: c->r = d->element_configure(inst, c->a, c->b); break;
    case OP_INITIALIZE: c->r = d->element_initialize(inst, c->a); break;
    case OP_CLEANUP: d->element_cleanup(inst, c->a); break;
    case OP_PUSH:
      c->r = d->push(inst, c->a, c->b, c->c, c->d);
      c->r2 = c->r ? d->emitted(inst) : 0;
      break;
    case OP_PUSH_RUN:
      c->r = d->push_run(inst, c->a, c->b, c->c, c->d);
      c->r2 = (c->r >> CLICKOS_RUN_EMITTED_SHIFT) ? d->emitted(inst) : 0;
      break;
    case OP_TIMER:
      c->r = d->timer_fire(inst, c->a, c->b);
      c->r2 = c->r ? d->emitted(inst) : 0;
      break;
    case OP_HREAD:
      c->r = d->handler_read(inst, c->a, c->b);
      c->r2 = (int32_t)c->r >= 0 ? d->scratch(inst, c->r) : 0;
      break;
    case OP_HWRITE: c->r = d->handler_write(inst, c->a, c->b, c->c); break;
    case OP_PULL:
    case OP_TASK:
      c->r = c->op == OP_PULL ? d->pull(inst, c->a, c->b) : d->task_run(inst, c->a);
      c->r2 = (c->r & (CLICKOS_TASK_WORKED - 1)) ? d->emitted(inst) : 0;
      break;
  }
}

static void recover(clickos_module* m);

/* One crossing. Returns 0, or the trap kind after recording it and (unless
 * `no_recover`, used while recovering) rebuilding the module. */
static int guarded_ex(clickos_module* m, call* c, int no_recover) {
  clickos_rt_trap_t kind;
  clickos_rt_guard_t g;
  uint32_t gen = m->generation;
  c->m = m;
  m->aborting = 0;
  /* The guard right here rather than through clickos_rt_call(run_op, c): one
   * call less on every crossing. Nothing changed under it is read after a trap
   * but through `c` and `m`, which stay the same. */
  if (CLICKOS_RT_TRY(&g) == 0) {
    run_op(c);
    clickos_rt_guard_leave(&g);
    return 0;
  }
  kind = clickos_rt_last_trap();
  /* Raised by clickos.input_pull after a trap upstream, in a call nested in
   * this one, was recorded and recovered from: nothing more to do here. */
  if (m->generation != gen) return (int)kind;
  m->stats.traps++;
  if (!m->aborting) {
    sbuf b;
    call probe;
    b.p = m->last_trap; b.len = 0; b.cap = TRAP_MSG_CAP;
    memset(&probe, 0, sizeof probe);
    probe.m = m;
    probe.op = OP_FUEL_PROBE;
    /* A fuel-metered module traps with `unreachable` when its fuel runs out:
     * ask the trapped instance (only a global is read) which it was. */
    if (kind == CLICKOS_RT_TRAP_UNREACHABLE && c->op != OP_INSTANTIATE && m->def->fuel_set && m->def->fuel > 0 &&
        clickos_rt_call(run_op, &probe) == CLICKOS_RT_TRAP_NONE && probe.r) {
      sb_str(&b, "fuel exhausted: more than ");
      sb_u64(&b, (uint64_t)budget_of(c));
      sb_str(&b, " units of work in one call (a runaway loop?)");
    } else {
      sb_str(&b, clickos_rt_trap_name(kind));
    }
  }
  {
    char msg[TRAP_MSG_CAP + 32];
    sbuf b;
    b.p = msg; b.len = 0; b.cap = sizeof msg;
    sb_str(&b, "trap: ");
    sb_str(&b, m->last_trap);
    errors_add(m, CLICKOS_NO_ELEMENT, msg, b.len);
  }
  if (!no_recover) recover(m);
  return (int)kind;
}

static int guarded(clickos_module* m, call* c) { return guarded_ex(m, c, 0); }

/* ---- instances and elements ----------------------------------------------------- */

static const clickos_module_def* g_inited[MAX_MODULE_DEFS];
static uint32_t g_ninited;

static int init_def(const clickos_module_def* def) {
  uint32_t i;
  if (!wasm_rt_is_initialized()) wasm_rt_init();
  for (i = 0; i < g_ninited; i++) if (g_inited[i] == def) return 0;
  if (g_ninited == MAX_MODULE_DEFS) return -1;
  def->init_module();
  g_inited[g_ninited++] = def;
  return 0;
}

static int map_handle(clickos_module* m, uint32_t handle, clickos_eid e) {
  if (handle >= m->h2e_cap) {
    uint32_t cap = m->h2e_cap ? m->h2e_cap : 16, i;
    clickos_eid* n;
    while (cap <= handle) cap *= 2;
    n = (clickos_eid*)CLICKOS_RT_ALLOC(cap * sizeof *n);
    if (!n) return -1;
    for (i = 0; i < cap; i++) n[i] = i < m->h2e_cap ? m->h2e[i] : CLICKOS_NO_ELEMENT;
    if (m->h2e) CLICKOS_RT_FREE(m->h2e);
    m->h2e = n;
    m->h2e_cap = cap;
  }
  m->h2e[handle] = e;
  return 0;
}

static clickos_eid eid_of(clickos_module* m, uint32_t handle) {
  return handle < m->h2e_cap ? m->h2e[handle] : CLICKOS_NO_ELEMENT;
}

/* Allocates and instantiates a fresh instance; 0 or -1 (reason in last_trap/errors). */
static int instantiate(clickos_module* m) {
  call c;
  memset(&c, 0, sizeof c);
  memset(m->inst, 0, m->def->instance_size);
  m->arena = m->arena_cap = m->arena_region = 0;
  m->res_region = m->res_descs = m->res_slot = m->res_max_len = m->res_live = 0;
  memset(m->lend_regions, 0, sizeof m->lend_regions);
  if (m->h2e) { uint32_t i; for (i = 0; i < m->h2e_cap; i++) m->h2e[i] = CLICKOS_NO_ELEMENT; }
  c.op = OP_INSTANTIATE;
  if (guarded_ex(m, &c, 1)) { m->def->free_instance(m->inst); return -1; }
  c.op = OP_ABI_VERSION;
  if (guarded_ex(m, &c, 1)) { m->def->free_instance(m->inst); return -1; }
  if (c.r != CLICKOS_ABI_VERSION) {
    errors_add_str(m, CLICKOS_NO_ELEMENT, "module was built for another ABI version (clickos_abi_version() differs from the host's 1)");
    m->def->free_instance(m->inst);
    return -1;
  }
  return 0;
}

/* Copies `len` bytes to the module's scratch buffer; its address, or 0 (trap/bounds). */
static int to_scratch(clickos_module* m, const char* s, uint32_t len) {
  call c;
  uint64_t size;
  uint8_t* base;
  memset(&c, 0, sizeof c);
  c.op = OP_SCRATCH;
  c.a = len;
  if (guarded(m, &c)) return CLICKOS_HOST_ETRAP;
  base = mem(m, &size);
  if (!in_bounds(size, c.r, len)) { m->stats.bad_descriptors++; return CLICKOS_HOST_EBOUNDS; }
  if (len) memcpy(base + c.r, s, len);
  return 0;
}

/* Creates element e's module side in the current instance, replaying its saved
 * state. No recovery on trap (the caller decides). 0, a trap kind (> 0), or -1. */
static int create_in_instance(clickos_module* m, clickos_eid e, int replay) {
  host_element* el = &m->elems[e];
  call c;
  int k;
  memset(&c, 0, sizeof c);
  c.op = OP_NEW;
  c.a = (uint32_t)el->class_id; c.b = (uint32_t)el->ninputs; c.c = (uint32_t)el->noutputs;
  if ((k = guarded_ex(m, &c, 1))) return k;
  if (c.r == 0 || (int32_t)c.r < 0) { errors_add_str(m, e, "module refused to create the element"); return -1; }
  el->handle = c.r;
  if (map_handle(m, c.r, e)) return -1;
  if (!replay) return 0;
  if (el->configured) {
    uint64_t size;
    uint8_t* base;
    c.op = OP_SCRATCH; c.a = el->conf_len;
    if ((k = guarded_ex(m, &c, 1))) return k;
    base = mem(m, &size);
    if (!in_bounds(size, c.r, el->conf_len)) return -1;
    if (el->conf_len) memcpy(base + c.r, el->conf, el->conf_len);
    c.op = OP_CONFIGURE; c.a = el->handle; c.b = el->conf_len;
    if ((k = guarded_ex(m, &c, 1))) return k;
    if (c.r != (uint32_t)CLICKOS_OK) return -1;
  }
  if (el->initialized) {
    c.op = OP_INITIALIZE; c.a = el->handle;
    if ((k = guarded_ex(m, &c, 1))) return k;
    if (c.r != (uint32_t)CLICKOS_OK) return -1;
  }
  return 0;
}

/* After a trap: new instance, every live element re-created from its saved
 * configuration. An element whose re-creation traps or fails is marked broken
 * (it drops its packets) and the instance is rebuilt without it. */
static void recover(clickos_module* m) {
  uint32_t i;
  for (i = 0; i < m->nelems; i++) {
    host_element* el = &m->elems[i];
    uint32_t t;
    el->handle = 0;
    for (t = 0; t < CLICKOS_HOST_MAX_TIMERS; t++)
      if (el->timers & ((uint64_t)1 << t)) {
        if (m->hooks.timer_cancel) m->hooks.timer_cancel(m->hooks.ctx, m, (clickos_eid)i, t);
      }
    el->timers = 0;
  }
  m->generation++;
  for (;;) {
    int again = 0;
    m->def->free_instance(m->inst);
    if (instantiate(m)) { m->dead = 1; errors_add_str(m, CLICKOS_NO_ELEMENT, "module could not be re-instantiated; it is dead"); return; }
    for (i = 0; i < m->nelems && !again; i++) {
      host_element* el = &m->elems[i];
      int k;
      if (!el->live || el->broken) continue;
      k = create_in_instance(m, (clickos_eid)i, 1);
      if (k) {
        el->broken = 1;
        el->handle = 0;
        errors_add_str(m, (clickos_eid)i, "could not be re-created after a trap; it now drops every packet");
        if (k > 0) again = 1;   /* the instance is suspect: rebuild without it */
      }
    }
    if (!again) break;
    for (i = 0; i < m->nelems; i++) m->elems[i].handle = 0;
  }
  m->stats.reinstantiations++;
}

/* The rest of the host, one section per file, in this order: one translation unit,
 * so every helper stays static (see the top of this file). */
#include "clickos_host_imports.inc"
#include "clickos_host_elements.inc"
#include "clickos_host_packets.inc"
#include "clickos_host_resident.inc"
#include "clickos_host_pull.inc"
#include "clickos_host_handlers.inc"
