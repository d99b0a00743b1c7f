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
 * Why one file of ~1,800 lines: the module struct and every helper are private
 * (static) to this translation unit, so a freestanding MiniOS link exposes only
 * the clickos_* API and the wasm2c import symbols (allowed-symbols.txt), and the
 * build lists (harness Makefile, clickos.mk, the Click package, the MiniOS
 * compile check, sdk/scripts/copy-host.mjs) name one source. It is sectioned
 * ("---- guarded crossings", "---- packets", "---- handlers", ...); splitting it
 * means an internal header for the struct and touching each of those lists.
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

/* ---- env and clickos imports ------------------------------------------------------ */

/* Decodes an AssemblyScript string (UTF-16LE, byte length at ptr-4) as UTF-8. */
static void put_as_string(clickos_module* m, sbuf* b, uint32_t ptr) {
  uint64_t size;
  uint8_t* base = mem(m, &size);
  uint32_t bytes, i;
  if (ptr < 4 || !in_bounds(size, ptr - 4, 4)) { sb_str(b, "(no message)"); return; }
  memcpy(&bytes, base + ptr - 4, 4);
  if (!in_bounds(size, ptr, bytes)) { sb_str(b, "(bad string)"); return; }
  for (i = 0; i + 1 < bytes; i += 2) {
    uint32_t cp = (uint32_t)base[ptr + i] | ((uint32_t)base[ptr + i + 1] << 8);
    char u[4];
    size_t n;
    if (cp >= 0xd800 && cp < 0xdc00 && i + 3 < bytes) {
      uint32_t lo = (uint32_t)base[ptr + i + 2] | ((uint32_t)base[ptr + i + 3] << 8);
      if (lo >= 0xdc00 && lo < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i += 2; }
    }
    if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd;   /* lone surrogate */
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xc0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3f)); n = 2; }
    else if (cp < 0x10000) {
      u[0] = (char)(0xe0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
      u[2] = (char)(0x80 | (cp & 0x3f)); n = 3;
    } else {
      u[0] = (char)(0xf0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
      u[2] = (char)(0x80 | ((cp >> 6) & 0x3f)); u[3] = (char)(0x80 | (cp & 0x3f)); n = 4;
    }
    sb_put(b, u, n);
  }
}

void Z_envZ_abort(struct Z_env_instance_t* env, uint32_t msg, uint32_t file, uint32_t line, uint32_t col) {
  clickos_module* m = env->m;
  sbuf b;
  b.p = m->last_trap; b.len = 0; b.cap = TRAP_MSG_CAP;
  sb_str(&b, "abort: ");
  put_as_string(m, &b, msg);
  if (file) {
    sb_str(&b, " (");
    put_as_string(m, &b, file);
    sb_str(&b, ":"); sb_u64(&b, line);
    sb_str(&b, ":"); sb_u64(&b, col);
    sb_str(&b, ")");
  }
  m->aborting = 1;
  clickos_rt_trap(CLICKOS_RT_TRAP_UNREACHABLE);
}

void Z_envZ_trace(struct Z_env_instance_t* env, uint32_t msg, uint32_t n, double a0, double a1, double a2,
                  double a3, double a4) {
  clickos_module* m = env->m;
  char text[256];
  double a[5];
  uint32_t i;
  sbuf b;
  if (!m->hooks.log) return;
  a[0] = a0; a[1] = a1; a[2] = a2; a[3] = a3; a[4] = a4;
  b.p = text; b.len = 0; b.cap = sizeof text;
  sb_str(&b, "trace: ");
  put_as_string(m, &b, msg);
  for (i = 0; i < n && i < 5; i++) { sb_str(&b, i ? ", " : " "); sb_f64(&b, a[i]); }
  m->hooks.log(m->hooks.ctx, m, CLICKOS_NO_ELEMENT, CLICKOS_LOG_DEBUG, text, b.len);
}

double Z_envZ_seed(struct Z_env_instance_t* env) {
  clickos_module* m = env->m;
  uint64_t r;
  m->hooks.random(m->hooks.ctx, (uint8_t*)&r, sizeof r);
  return (double)(r >> 11);
}

void Z_clickosZ_log(struct Z_clickos_instance_t* self, uint32_t handle, uint32_t level, uint32_t ptr, uint32_t len) {
  clickos_module* m = self->m;
  uint64_t size;
  uint8_t* base = mem(m, &size);
  if (!m->hooks.log || !in_bounds(size, ptr, len)) return;
  m->hooks.log(m->hooks.ctx, m, handle ? eid_of(m, handle) : CLICKOS_NO_ELEMENT, (int)level,
               (const char*)base + ptr, len);
}

void Z_clickosZ_error(struct Z_clickos_instance_t* self, uint32_t handle, uint32_t ptr, uint32_t len) {
  clickos_module* m = self->m;
  uint64_t size;
  uint8_t* base = mem(m, &size);
  clickos_eid e = handle ? eid_of(m, handle) : CLICKOS_NO_ELEMENT;
  if (!in_bounds(size, ptr, len)) { errors_add_str(m, e, "(error message out of bounds)"); return; }
  errors_add(m, e, (const char*)base + ptr, len);
}

uint64_t Z_clickosZ_now_ns(struct Z_clickos_instance_t* self) {
  clickos_module* m = self->m;
  return m->hooks.now_ns(m->hooks.ctx);
}

void Z_clickosZ_random(struct Z_clickos_instance_t* self, uint32_t ptr, uint32_t len) {
  clickos_module* m = self->m;
  uint64_t size;
  uint8_t* base = mem(m, &size);
  if (!in_bounds(size, ptr, len)) clickos_rt_trap(CLICKOS_RT_TRAP_OOB);
  m->hooks.random(m->hooks.ctx, base + ptr, len);
}

/* Appends text to the handler read in progress (the caller's buffer keeps what fits). */
static void text_append(clickos_module* m, const uint8_t* p, uint32_t len) {
  if (m->text_len + len > CLICKOS_HANDLER_TEXT_MAX) { m->text_overflow = 1; return; }
  if (m->text_cap && m->text_len < m->text_cap - 1) {
    uint64_t room = m->text_cap - 1 - m->text_len;
    memcpy(m->text_buf + m->text_len, p, len < room ? len : (size_t)room);
  }
  m->text_len += len;
}

void Z_clickosZ_handler_text(struct Z_clickos_instance_t* self, uint32_t ptr, uint32_t len) {
  clickos_module* m = self->m;
  uint64_t size;
  uint8_t* base = mem(m, &size);
  if (!m->text_active) return;   /* only a handler read collects pieces */
  if (!in_bounds(size, ptr, len)) clickos_rt_trap(CLICKOS_RT_TRAP_OOB);
  text_append(m, base + ptr, len);
}

void Z_clickosZ_timer_schedule(struct Z_clickos_instance_t* self, uint32_t handle, uint32_t timer, uint64_t delay_ns) {
  clickos_module* m = self->m;
  clickos_eid e = eid_of(m, handle);
  if (e < 0) return;
  if (timer >= CLICKOS_HOST_MAX_TIMERS) {
    errors_add_str(m, e, "timer id out of range (the native host supports timers 0..63); not scheduled");
    return;
  }
  m->elems[e].timers |= (uint64_t)1 << timer;
  if (m->hooks.timer_schedule) m->hooks.timer_schedule(m->hooks.ctx, m, e, timer, delay_ns);
}

void Z_clickosZ_timer_cancel(struct Z_clickos_instance_t* self, uint32_t handle, uint32_t timer) {
  clickos_module* m = self->m;
  clickos_eid e = eid_of(m, handle);
  if (e < 0 || timer >= CLICKOS_HOST_MAX_TIMERS) return;
  m->elems[e].timers &= ~((uint64_t)1 << timer);
  if (m->hooks.timer_cancel) m->hooks.timer_cancel(m->hooks.ctx, m, e, timer);
}

/* ---- default hooks ------------------------------------------------------------------ */

static uint64_t xorshift(uint64_t* s) {
  uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ull;
  x ^= x >> 12; x ^= x << 25; x ^= x >> 27;
  *s = x;
  return x * 0x2545f4914f6cdd1dull;
}

static uint64_t g_default_rng;

static void default_random(void* ctx, uint8_t* buf, size_t len) {
  (void)ctx;
  while (len) {
    uint64_t r = xorshift(&g_default_rng);
    size_t n = len < 8 ? len : 8;
    memcpy(buf, &r, n);
    buf += n; len -= n;
  }
}

#if __STDC_HOSTED__
static uint64_t default_now(void* ctx) {
  struct timespec ts;
  (void)ctx;
  clock_gettime(CLOCK_REALTIME, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}
static void default_log(void* ctx, clickos_module* m, clickos_eid e, int level, const char* msg, size_t len) {
  (void)ctx;
  if (level < CLICKOS_LOG_INFO) return;
  fprintf(stderr, "%s%s%.*s\n", e >= 0 ? clickos_element_name(m, e) : "", e >= 0 ? ": " : "", (int)len, msg);
}
static void default_error(void* ctx, clickos_module* m, clickos_eid e, const char* msg, size_t len) {
  (void)ctx; (void)m; (void)e;
  fprintf(stderr, "%.*s\n", (int)len, msg);
}
#else
static uint64_t default_now(void* ctx) { (void)ctx; return 0; }
#endif

void clickos_hooks_default(clickos_hooks* h) {
  memset(h, 0, sizeof *h);
  h->now_ns = default_now;
  h->random = default_random;
#if __STDC_HOSTED__
  h->log = default_log;
  h->error = default_error;
  if (!g_default_rng) g_default_rng = default_now(0) | 1;
#endif
}

/* ---- modules --------------------------------------------------------------------------- */

static char g_open_error[256];

const char* clickos_module_open_error(void) { return g_open_error; }

static clickos_module* open_fail(clickos_module* m, const char* why) {
  sbuf b;
  b.p = g_open_error; b.len = 0; b.cap = sizeof g_open_error;
  sb_str(&b, why);
  if (m) {
    if (m->errors_len) { sb_str(&b, ": "); sb_put(&b, m->errors, m->errors_len - 1); }
    if (m->inst) CLICKOS_RT_FREE(m->inst);
    if (m->emits) CLICKOS_RT_FREE(m->emits);
    if (m->h2e) CLICKOS_RT_FREE(m->h2e);
    CLICKOS_RT_FREE(m);
  }
  return 0;
}

clickos_module* clickos_module_open(const clickos_module_def* def, const clickos_hooks* hooks) {
  clickos_module* m;
  clickos_hooks d;
  g_open_error[0] = 0;
  if (!def || !def->instantiate || !def->memory || !def->push || !def->arena_alloc)
    return open_fail(0, "incomplete module definition");
  if (def->abi_version != CLICKOS_ABI_VERSION)
    return open_fail(0, "module metadata names another ABI version than the host's 1");
  if (init_def(def)) return open_fail(0, "too many module types");
  m = (clickos_module*)CLICKOS_RT_ALLOC(sizeof *m);
  if (!m) return open_fail(0, "out of memory");
  memset(m, 0, sizeof *m);   /* whatever the allocator: every field starts at zero */
  m->def = def;
  clickos_hooks_default(&d);
  if (hooks) {
    m->hooks = *hooks;
    if (!m->hooks.now_ns) m->hooks.now_ns = d.now_ns;
    if (!m->hooks.random) m->hooks.random = d.random;
  } else {
    m->hooks = d;
  }
  m->clickos_imports.m = m;
  m->env_imports.m = m;
  m->inst = CLICKOS_RT_ALLOC(def->instance_size);
  m->emits = (clickos_packet*)CLICKOS_RT_ALLOC(sizeof(clickos_packet) * CLICKOS_MAX_EMIT);
  if (!m->inst || !m->emits) return open_fail(m, "out of memory");
  if (instantiate(m)) {
    if (m->last_trap[0]) { errors_add_str(m, CLICKOS_NO_ELEMENT, m->last_trap); }
    return open_fail(m, "cannot instantiate module");
  }
  return m;
}

void clickos_module_close(clickos_module* m) {
  uint32_t i;
  if (!m) return;
  for (i = 0; i < m->nelems; i++) {
    clickos_element_cleanup(m, (clickos_eid)i);
    if (m->elems[i].name) CLICKOS_RT_FREE(m->elems[i].name);
  }
  if (!m->dead) m->def->free_instance(m->inst);
  CLICKOS_RT_FREE(m->inst);
  CLICKOS_RT_FREE(m->emits);
  if (m->stage) CLICKOS_RT_FREE(m->stage);
  if (m->elems) CLICKOS_RT_FREE(m->elems);
  if (m->h2e) CLICKOS_RT_FREE(m->h2e);
  CLICKOS_RT_FREE(m);
}

const clickos_module_def* clickos_module_get_def(const clickos_module* m) { return m->def; }
const char* clickos_module_errors(const clickos_module* m) { return m->errors; }
uint64_t clickos_module_traps(const clickos_module* m) { return m->stats.traps; }
void clickos_module_get_stats(const clickos_module* m, clickos_module_stats* out) { *out = m->stats; }
const char* clickos_module_last_trap(const clickos_module* m) { return m->last_trap; }
uint32_t clickos_push_blamed(const clickos_module* m, const uint16_t** idx) { *idx = m->blamed; return m->nblamed; }
void clickos_module_set_rerun(clickos_module* m, int on) { m->no_rerun = !on; }
void clickos_module_set_shared_input(clickos_module* m, int on) { m->shared_input = on != 0; }
int clickos_module_dead(const clickos_module* m) { return m->dead; }

/* ---- elements ----------------------------------------------------------------------------- */

int clickos_class_find(const clickos_module_def* def, const char* name) {
  uint32_t i;
  for (i = 0; i < def->nclasses; i++)
    if (str_eq(def->classes[i].name, name)) return (int)i;
  return -1;
}

static char* dup_bytes(const char* s, size_t n) {
  char* p = (char*)CLICKOS_RT_ALLOC(n + 1);
  if (p) { if (n) memcpy(p, s, n); p[n] = 0; }
  return p;
}

/* The element, or NULL after adding an error. */
static host_element* element_at(clickos_module* m, clickos_eid e) {
  if (e < 0 || (uint32_t)e >= m->nelems || !m->elems[e].live) {
    errors_add_str(m, CLICKOS_NO_ELEMENT, "no such element");
    return 0;
  }
  return &m->elems[e];
}

clickos_eid clickos_element_new(clickos_module* m, int class_id, const char* name, int ninputs, int noutputs) {
  host_element* el;
  clickos_eid e;
  int k;
  errors_clear(m);
  if (m->dead) { errors_add_str(m, CLICKOS_NO_ELEMENT, "module is dead"); return CLICKOS_HOST_EDEAD; }
  if (class_id < 0 || (uint32_t)class_id >= m->def->nclasses || ninputs < 0 || noutputs < 0) {
    errors_add_str(m, CLICKOS_NO_ELEMENT, "bad element class or port count");
    return CLICKOS_HOST_EINVAL;
  }
  if (m->nelems == m->elems_cap) {
    uint32_t cap = m->elems_cap ? m->elems_cap * 2 : 8;
    host_element* n = (host_element*)CLICKOS_RT_ALLOC(cap * sizeof *n);
    if (!n) return CLICKOS_HOST_ENOMEM;
    if (m->nelems) memcpy(n, m->elems, m->nelems * sizeof *n);
    if (m->elems) CLICKOS_RT_FREE(m->elems);
    m->elems = n;
    m->elems_cap = cap;
  }
  e = (clickos_eid)m->nelems;
  el = &m->elems[e];
  memset(el, 0, sizeof *el);
  el->class_id = class_id;
  el->ninputs = ninputs;
  el->noutputs = noutputs;
  if (name) {
    el->name = dup_bytes(name, strlen(name));
  } else {
    char t[96];
    sbuf b;
    b.p = t; b.len = 0; b.cap = sizeof t;
    sb_str(&b, m->def->classes[class_id].name);
    sb_str(&b, "@");
    sb_u64(&b, (uint64_t)e + 1);
    el->name = dup_bytes(t, b.len);
  }
  if (!el->name) return CLICKOS_HOST_ENOMEM;
  m->nelems++;
  el->live = 1;
  k = create_in_instance(m, e, 0);
  if (k) {
    el->live = 0;
    if (k > 0) { recover(m); return CLICKOS_HOST_ETRAP; }
    return CLICKOS_HOST_ERR;
  }
  return e;
}

clickos_eid clickos_element_new_by_name(clickos_module* m, const char* class_name, const char* name,
                                        int ninputs, int noutputs) {
  int id = clickos_class_find(m->def, class_name);
  if (id < 0) {
    errors_clear(m);
    errors_add_str(m, CLICKOS_NO_ELEMENT, "unknown element class in this module");
    return CLICKOS_HOST_EINVAL;
  }
  return clickos_element_new(m, id, name, ninputs, noutputs);
}

/* A trap while configuring/initializing an element: that element is not
 * re-created (its configuration would trap again). */
static int element_trapped(clickos_module* m, host_element* el) {
  el->live = 0;
  el->handle = 0;
  recover(m);
  return CLICKOS_HOST_ETRAP;
}

int clickos_element_configure(clickos_module* m, clickos_eid e, const char* conf, size_t len) {
  host_element* el;
  call c;
  int r;
  errors_clear(m);
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  if (el->broken) return CLICKOS_HOST_EDEAD;
  if (len > 0x7fffffffu) return CLICKOS_HOST_EINVAL;
  if (el->conf) CLICKOS_RT_FREE(el->conf);
  el->configured = 0;
  if (!(el->conf = dup_bytes(conf ? conf : "", len))) return CLICKOS_HOST_ENOMEM;
  el->conf_len = (uint32_t)len;
  memset(&c, 0, sizeof c);
  c.op = OP_SCRATCH; c.a = (uint32_t)len;
  if (guarded_ex(m, &c, 1)) return element_trapped(m, el);
  {
    uint64_t size;
    uint8_t* base = mem(m, &size);
    if (!in_bounds(size, c.r, len)) { m->stats.bad_descriptors++; return CLICKOS_HOST_EBOUNDS; }
    if (len) memcpy(base + c.r, el->conf, len);
  }
  c.op = OP_CONFIGURE; c.a = el->handle; c.b = (uint32_t)len;
  if (guarded_ex(m, &c, 1)) return element_trapped(m, el);
  r = c.r == (uint32_t)CLICKOS_OK ? 0 : CLICKOS_HOST_ERR;
  if (r == 0) el->configured = 1;
  else if (!m->errors_len) errors_add_str(m, e, "configuration failed");
  return r;
}

int clickos_element_initialize(clickos_module* m, clickos_eid e) {
  host_element* el;
  call c;
  errors_clear(m);
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  if (el->broken) return CLICKOS_HOST_EDEAD;
  memset(&c, 0, sizeof c);
  c.op = OP_INITIALIZE; c.a = el->handle;
  if (guarded_ex(m, &c, 1)) return element_trapped(m, el);
  if (c.r != (uint32_t)CLICKOS_OK) {
    if (!m->errors_len) errors_add_str(m, e, "initialization failed");
    return CLICKOS_HOST_ERR;
  }
  el->initialized = 1;
  return 0;
}

void clickos_element_cleanup(clickos_module* m, clickos_eid e) {
  host_element* el;
  uint32_t t;
  if (e < 0 || (uint32_t)e >= m->nelems || !m->elems[e].live) return;
  el = &m->elems[e];
  for (t = 0; t < CLICKOS_HOST_MAX_TIMERS; t++)
    if ((el->timers & ((uint64_t)1 << t)) && m->hooks.timer_cancel) m->hooks.timer_cancel(m->hooks.ctx, m, e, t);
  el->timers = 0;
  el->live = 0;
  if (!m->dead && !el->broken && el->handle) {
    call c;
    memset(&c, 0, sizeof c);
    c.op = OP_CLEANUP; c.a = el->handle;
    if (el->handle < m->h2e_cap) m->h2e[el->handle] = CLICKOS_NO_ELEMENT;
    guarded(m, &c);
  }
  el->handle = 0;
  if (el->conf) { CLICKOS_RT_FREE(el->conf); el->conf = 0; }
}

const char* clickos_element_name(const clickos_module* m, clickos_eid e) {
  return e >= 0 && (uint32_t)e < m->nelems && m->elems[e].name ? m->elems[e].name : "?";
}

int clickos_element_class(const clickos_module* m, clickos_eid e) {
  return e >= 0 && (uint32_t)e < m->nelems ? m->elems[e].class_id : -1;
}

/* ---- trap policies ------------------------------------------------------------------------------ */

/* After a trap in el (the module already re-instantiated): its policy takes effect. */
static void trip(host_element* el) {
  if (el->policy == CLICKOS_TRAP_BYPASS || el->policy == CLICKOS_TRAP_DISABLE) el->tripped = el->policy;
}

static const char* const g_policy_names[] = { "restart", "bypass", "disable" };

const char* clickos_trap_policy_name(clickos_trap_policy policy) {
  return (unsigned)policy < 3u ? g_policy_names[policy] : "";
}

int clickos_trap_policy_parse(const char* s, size_t len, clickos_trap_policy* out) {
  const char* const* names = g_policy_names;
  size_t i, k;
  while (len && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) { s++; len--; }
  while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r')) len--;
  for (i = 0; i < 3; i++) {
    for (k = 0; k < len && names[i][k] && names[i][k] == s[k]; k++) {}
    if (k == len && !names[i][k]) { *out = (clickos_trap_policy)i; return 0; }
  }
  return -1;
}

int clickos_element_set_trap_policy(clickos_module* m, clickos_eid e, clickos_trap_policy policy) {
  host_element* el;
  if (policy != CLICKOS_TRAP_RESTART && policy != CLICKOS_TRAP_BYPASS && policy != CLICKOS_TRAP_DISABLE) return CLICKOS_HOST_EINVAL;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  el->policy = policy;
  el->tripped = 0;   /* re-arms an element a policy had tripped (it was re-created at the trap) */
  return 0;
}

clickos_trap_policy clickos_element_trap_policy(const clickos_module* m, clickos_eid e) {
  return e >= 0 && (uint32_t)e < m->nelems ? (clickos_trap_policy)m->elems[e].policy : CLICKOS_TRAP_RESTART;
}

const char* clickos_element_trap_state(const clickos_module* m, clickos_eid e) {
  const host_element* el;
  if (e < 0 || (uint32_t)e >= m->nelems) return "";
  el = &m->elems[e];
  if (el->broken || el->tripped == CLICKOS_TRAP_DISABLE || m->dead) return "disabled";
  return el->tripped == CLICKOS_TRAP_BYPASS ? "bypassed" : "active";
}

/* ---- packets -------------------------------------------------------------------------------- */

#define HEAD CLICKOS_DEFAULT_HEADROOM
#define TAIL CLICKOS_DEFAULT_TAILROOM

void clickos_packet_init(clickos_packet* p, uint8_t* buf, uint32_t cap, uint32_t off, uint32_t len) {
  memset(p, 0, sizeof *p);
  p->buf = buf;
  p->cap = cap;
  p->off = off;
  p->len = len;
  p->mac = p->net = p->transport = CLICKOS_NO_HEADER;
  p->head_valid = off < HEAD ? off : HEAD;
}

/* A header offset moved from one buffer layout to another: relative to the
 * data start it is unchanged. Out of the new buffer: no header. */
static int32_t move_header(int32_t h, uint32_t old_off, uint32_t new_off, uint32_t new_cap) {
  int64_t v;
  if (h == CLICKOS_NO_HEADER) return CLICKOS_NO_HEADER;
  v = (int64_t)h - old_off + new_off;
  return v < 0 || v > (int64_t)new_cap ? CLICKOS_NO_HEADER : (int32_t)v;
}

/* Is this descriptor's buffer inside module memory and consistent (buf + cap
 * <= size, data >= buf, data + len <= buf + cap)? Two comparisons instead of
 * three, as this runs for every packet: with buf + cap < 2^32, data - buf
 * wraps (u32) to more than cap exactly when data < buf, so one test covers
 * both ends. Capping the limit at 2^32 - 1 keeps buf + cap below 2^32; it only
 * differs from `size` for a 4 GiB memory, whose last byte a packet then cannot
 * use. */
static inline int desc_ok(const clickos_desc* d, uint64_t size) {
  uint64_t lim = size < (1ull << 32) ? size : (1ull << 32) - 1;
  return (uint64_t)d->buf + d->cap <= lim && (uint64_t)(uint32_t)(d->data - d->buf) + d->len <= d->cap;
}

/* Bytes of arena a packet takes: the module always sees HEAD bytes of headroom
 * and TAIL of tailroom (neither is cleared: only the caller's meaningful
 * headroom is copied in, and the SDK zeroes what Packet.put exposes). */
static uint32_t slot_size(uint32_t len) { return (HEAD + len + TAIL + 7u) & ~7u; }

/* Makes sure the cached arena region holds `bytes`, 8-aligned. 0, or a
 * negative error. */
static int arena_reserve(clickos_module* m, uint32_t bytes) {
  call c;
  uint64_t size;
  if (bytes <= m->arena_cap) return 0;
  memset(&c, 0, sizeof c);
  if (m->arena) {
    c.op = OP_ARENA_FREE; c.a = m->arena_region;
    m->arena = m->arena_cap = m->arena_region = 0;
    if (guarded(m, &c)) return CLICKOS_HOST_ETRAP;
  }
  if (bytes < ARENA_MIN) bytes = ARENA_MIN;
  c.op = OP_ARENA_ALLOC; c.a = bytes + 8;
  if (guarded(m, &c)) return CLICKOS_HOST_ETRAP;
  mem(m, &size);
  if (c.r == 0) { errors_add_str(m, CLICKOS_NO_ELEMENT, "module could not allocate its arena"); return CLICKOS_HOST_ENOMEM; }
  if (!in_bounds(size, c.r, (uint64_t)bytes + 8)) { m->stats.bad_descriptors++; return CLICKOS_HOST_EBOUNDS; }
  m->arena_region = c.r;
  m->arena = (c.r + 7u) & ~7u;   /* descriptors are written as structs */
  m->arena_cap = bytes;
  return 0;
}

/* Copies packet p into module memory at `slot`, filling descriptor d (in
 * module memory). Only the caller's meaningful headroom (head_valid) and the
 * data are copied, the rest of the slot is zeroed; *valid_at gets the address of
 * the first byte copied. */
static inline void copy_in(uint8_t* base, uint32_t slot, const clickos_packet* p, clickos_desc* d, uint32_t* valid_at) {
  uint32_t keep = p->head_valid < p->off ? p->head_valid : p->off;
  uint32_t cap = HEAD + p->len + TAIL;
  if (keep > HEAD) keep = HEAD;
  /* The rest of the headroom and the tailroom are zeroed: an element must never see
   * bytes an earlier batch left in module memory (Unstrip on short headroom would
   * copy them into the packet). Found by the crossing replay (Unstrip-02). */
  memset(base + slot, 0, HEAD);   /* whole: a constant size the compiler inlines */
  memcpy(base + slot + HEAD - keep, p->buf + p->off - keep, (size_t)keep + p->len);
  memset(base + slot + HEAD + p->len, 0, TAIL);
  *valid_at = slot + HEAD - keep;
  d->buf = slot;
  d->cap = cap;
  d->data = slot + HEAD;
  d->len = p->len;
  d->port = 0;
  d->flags = p->flags;
  d->mac = move_header(p->mac, p->off, HEAD, cap);
  d->net = move_header(p->net, p->off, HEAD, cap);
  d->transport = move_header(p->transport, p->off, HEAD, cap);
  d->packetType = p->packet_type;
  d->timestampNs = p->timestamp_ns;
  memcpy(d->anno, p->anno, CLICKOS_ANNO_SIZE);
}

/* Copies the module's version of packet p back into p's buffer: the data and
 * the headroom bytes that are still meaningful (those copied in, plus what the
 * elements pulled off the front since). Annotations only when the module
 * flagged a change (FLAG_ANNO). 0, or -1 when it no longer fits (oversize) or
 * the descriptor is out of bounds. */
static inline int copy_out(clickos_module* m, const uint8_t* base, uint64_t size, const clickos_desc* d, uint32_t slot,
                    uint32_t valid_at, clickos_packet* p, int noutputs, int stage_in_place) {
  uint32_t dhead, keep;
  int64_t off;
  if (!desc_ok(d, size)) { m->stats.bad_descriptors++; return -1; }
  if (d->len > p->cap) { m->stats.oversize++; return -1; }
  dhead = d->data - d->buf;
  /* Same place relative to the original data when the buffer allows it. */
  off = d->buf == slot ? (int64_t)p->off + ((int64_t)d->data - (slot + HEAD)) : (int64_t)dhead;
  if (off < 0) off = 0;
  if (off + d->len > p->cap) off = p->cap - d->len;
  keep = d->buf == slot && d->data > valid_at ? d->data - valid_at : 0;
  if (keep > dhead) keep = dhead;
  if (keep > HEAD) keep = HEAD;
  if (keep > (uint32_t)off) keep = (uint32_t)off;
  if (!m->shared_input) {
    memcpy(p->buf + off - keep, base + d->data - keep, (size_t)keep + d->len);
  } else if (memcmp(p->buf + off - keep, base + d->data - keep, (size_t)keep + d->len) == 0) {
    p->staged = NULL;   /* the caller's (shared) buffer already holds these bytes */
  } else if (stage_in_place) {
    /* One packet, and no further call into the module before the caller reads
     * it: the changed bytes are staged where they are (valid until the next
     * call into the module, the same promise as the stage buffer's). */
    p->staged = base + d->data - keep;
    p->staged_at = (uint32_t)off - keep;
    p->staged_len = keep + d->len;
  } else {
    uint32_t n = keep + d->len;
    if (m->stage_used + n > m->stage_cap) { m->stats.oversize++; return -1; }   /* reserved at entry: not reached */
    memcpy(m->stage + m->stage_used, base + d->data - keep, n);
    p->staged = m->stage + m->stage_used;
    p->staged_at = (uint32_t)off - keep;
    p->staged_len = n;
    m->stage_used += n;
  }
  p->head_valid = keep;
  p->mac = move_header(d->mac, dhead, (uint32_t)off, p->cap);
  p->net = move_header(d->net, dhead, (uint32_t)off, p->cap);
  p->transport = move_header(d->transport, dhead, (uint32_t)off, p->cap);
  p->off = (uint32_t)off;
  p->len = d->len;
  p->port = d->port >= 0 && d->port < noutputs ? d->port : CLICKOS_DROP;
  p->flags = d->flags;
  p->packet_type = d->packetType;
  p->timestamp_ns = d->timestampNs;
  /* Unflagged, the module did not write them: p->anno still holds them. */
  if (d->flags & CLICKOS_FLAG_ANNO) memcpy(p->anno, d->anno, CLICKOS_ANNO_SIZE);
  return 0;
}

/* Views of the emitted descriptors (buffers stay in module memory). */
/* The host's view of a packet the module holds, in place in module memory (an
 * emitted or resident packet; `d` already passed desc_ok): all its headroom is
 * the module's own content. */
static void packet_in_place(clickos_packet* p, uint8_t* base, const clickos_desc* d, int noutputs) {
  p->buf = base + d->buf;
  p->cap = d->cap;
  p->off = d->data - d->buf;
  p->len = d->len;
  p->head_valid = p->off < HEAD ? p->off : HEAD;
  p->port = d->port >= 0 && d->port < noutputs ? d->port : CLICKOS_DROP;
  p->flags = d->flags;
  p->mac = move_header(d->mac, 0, 0, d->cap);
  p->net = move_header(d->net, 0, 0, d->cap);
  p->transport = move_header(d->transport, 0, 0, d->cap);
  p->packet_type = d->packetType;
  p->timestamp_ns = d->timestampNs;
  memcpy(p->anno, d->anno, CLICKOS_ANNO_SIZE);
}

static int collect_emitted(clickos_module* m, uint32_t count, uint32_t at, int noutputs,
                           const clickos_packet** emitted) {
  uint64_t size;
  uint8_t* base;
  uint32_t i, n = 0;
  if (count == 0) return 0;
  base = mem(m, &size);
  if (count > CLICKOS_MAX_EMIT || !in_bounds(size, at, (uint64_t)count * CLICKOS_DESC_SIZE)) {
    m->stats.bad_descriptors += count > CLICKOS_MAX_EMIT ? 1 : count;
    errors_add_str(m, CLICKOS_NO_ELEMENT, "module returned emitted packets out of bounds; dropped");
    return 0;
  }
  for (i = 0; i < count; i++) {
    clickos_desc d;
    clickos_packet* p = &m->emits[n];
    memcpy(&d, base + at + i * CLICKOS_DESC_SIZE, sizeof d);
    if (!desc_ok(&d, size)) { m->stats.bad_descriptors++; continue; }
    packet_in_place(p, base, &d, noutputs);
    n++;
  }
  if (emitted) *emitted = m->emits;
  return (int)n;
}

static void drop_all(clickos_module* m, clickos_packet* pkts, uint32_t n) {
  uint32_t i;
  for (i = 0; i < n; i++) pkts[i].port = CLICKOS_DROP;
  m->stats.dropped += n;
}

/* Can element e take a resident batch on input `port`? */
static host_element* chain_element(clickos_module* m, clickos_eid e, int port) {
  host_element* el;
  if (e < 0 || (uint32_t)e >= m->nelems) return 0;
  el = &m->elems[e];
  return el->live && !el->broken && !el->tripped && port < el->ninputs ? el : 0;
}

/* A trap in element elems[k] with `live` packets still inside (m->resident):
 * their caller buffers still hold them as they entered the chain (only packets
 * that left were copied out), so they run again on the new instance, one push
 * each, in batch order. A packet that traps on its own caused the trap: it
 * alone is dropped and blamed. The batch trap is not counted when a packet is
 * blamed for it (the same fault, counted at its own trap), and the element's
 * trap policy trips at the blamed packet's trap, as in the Node host.
 * Packets emitted during the re-runs by the elements up to the trapping one
 * are dropped (the caller sees only what one push emits, and each re-run is a
 * push of its own); a known difference from the Node host, which routes them. */
static int rerun_trapped(clickos_module* m, const clickos_eid* elems, int port, clickos_packet* pkts,
                         uint32_t live, uint32_t k, uint32_t* exit_at, uint32_t* ran) {
  uint16_t inflight[CLICKOS_MAX_BATCH];
  uint32_t i, blamed = 0, top = !m->rerunning;
  host_element* el = &m->elems[elems[k]];
  for (i = 0; i < live; i++) inflight[i] = m->resident[i];
  if (live == 1 || m->dead || m->rerunning || m->no_rerun) {
    for (i = 0; i < live; i++) {
      uint32_t p = inflight[i];
      pkts[p].port = CLICKOS_DROP;
      if (exit_at) exit_at[p] = k;
      if (top && m->nblamed < CLICKOS_MAX_BATCH) m->blamed[m->nblamed++] = (uint16_t)p;
    }
    m->stats.dropped += live;
    trip(el);
    return CLICKOS_HOST_ETRAP;
  }
  m->rerunning = 1;
  for (i = 0; i < live; i++) {
    uint32_t p = inflight[i], one_exit = 0, one_ran = 1;
    uint64_t before = m->stats.traps;
    /* Up to the element that trapped: what passes it leaves there on port 0,
     * and the caller pushes it on (the elements after it never saw it). */
    int r = clickos_push_chain(m, elems, k + 1, port, &pkts[p], 1, &one_exit, &one_ran, 0);
    if (exit_at) exit_at[p] = one_exit;
    if (ran && one_ran > *ran) *ran = one_ran;
    if (r == CLICKOS_HOST_ETRAP && m->stats.traps > before) {
      blamed++;
      if (m->nblamed < CLICKOS_MAX_BATCH) m->blamed[m->nblamed++] = (uint16_t)p;
    }
  }
  m->rerunning = 0;
  if (blamed) m->stats.traps--;
  else trip(el);
  return 0;
}

int clickos_push_chain(clickos_module* m, const clickos_eid* elems, uint32_t nelems, int port, clickos_packet* pkts,
                       uint32_t n, uint32_t* exit_at, uint32_t* ran, const clickos_packet** emitted) {
  host_element* el;
  uint32_t i, k, bytes, slot, live;
  uint64_t size;
  uint8_t* base;
  clickos_desc* descs;
  call c;
  if (ran) *ran = 1;
  if (emitted) *emitted = m->emits;
  if (!m->rerunning) m->nblamed = 0;
  if (m->errors_len && !m->rerunning) errors_clear(m);
  if (n > CLICKOS_MAX_BATCH) { errors_add_str(m, nelems ? elems[0] : CLICKOS_NO_ELEMENT, "batch larger than CLICKOS_MAX_BATCH"); return CLICKOS_HOST_EINVAL; }
  if (exit_at) for (i = 0; i < n; i++) exit_at[i] = 0;
  if (nelems == 0) { errors_add_str(m, CLICKOS_NO_ELEMENT, "push to an empty chain"); drop_all(m, pkts, n); return CLICKOS_HOST_EINVAL; }
  if (m->dead) { drop_all(m, pkts, n); return CLICKOS_HOST_EDEAD; }
  if (!(el = element_at(m, elems[0])) || port < 0 || port >= el->ninputs) {
    if (el) errors_add_str(m, elems[0], "push to a port the element does not have");
    drop_all(m, pkts, n);
    return CLICKOS_HOST_EINVAL;
  }
  if (el->broken) { drop_all(m, pkts, n); return CLICKOS_HOST_EDEAD; }
  /* Tripped by its trap policy: no crossing. Disabled drops everything; bypassed
   * sends everything on to output 0 untouched. */
  if (el->tripped == CLICKOS_TRAP_DISABLE) { drop_all(m, pkts, n); return 0; }
  if (el->tripped == CLICKOS_TRAP_BYPASS) {
    if (el->noutputs < 1) { drop_all(m, pkts, n); return 0; }
    for (i = 0; i < n; i++) pkts[i].port = 0;
    return 0;
  }
  if (n == 0) return 0;
  /* The run ends before an element that cannot take the batch; the caller's
   * push to it reports why. */
  for (k = 1; k < nelems; k++) if (!chain_element(m, elems[k], 0)) break;
  nelems = k;
  bytes = n * CLICKOS_DESC_SIZE;
  for (i = 0; i < n; i++) {
    if (pkts[i].off > pkts[i].cap || pkts[i].len > pkts[i].cap - pkts[i].off || pkts[i].len > (1u << 24)) {
      errors_add_str(m, elems[0], "packet with inconsistent buffer (off/len beyond cap)");
      drop_all(m, pkts, n);
      return CLICKOS_HOST_EINVAL;
    }
    bytes += slot_size(pkts[i].len);
  }
  {
    int r = arena_reserve(m, bytes);
    if (r) { drop_all(m, pkts, n); return r; }
  }
  if (m->shared_input) {
    /* Room to stage every packet's bytes (a packet leaves with at most its
     * slot's capacity); reserved for the whole batch at the top-level call,
     * so what re-runs after a trap stage lives on with the rest. */
    for (i = 0; i < n; i++) pkts[i].staged = NULL;
    if (!m->rerunning) {
      m->stage_used = 0;
      if (bytes > m->stage_cap) {
        uint8_t* ns = (uint8_t*)CLICKOS_RT_ALLOC(bytes);
        if (!ns) { errors_add_str(m, elems[0], "out of memory for staging"); drop_all(m, pkts, n); return CLICKOS_HOST_EINVAL; }
        if (m->stage) CLICKOS_RT_FREE(m->stage);
        m->stage = ns;
        m->stage_cap = bytes;
      }
    }
  }
  /* Copy in: descriptors first, then each packet's slot. */
  base = mem(m, &size);
  descs = (clickos_desc*)(void*)(base + m->arena);
  slot = m->arena + n * CLICKOS_DESC_SIZE;
  for (i = 0; i < n; i++) {
    copy_in(base, slot, &pkts[i], &descs[i], &m->valid_at[i]);
    m->slot_at[i] = slot;
    m->resident[i] = (uint16_t)i;
    slot += slot_size(pkts[i].len);
  }
  /* One crossing per element; descriptors [0, live) are the packets still in the run. */
  live = n;
  memset(&c, 0, sizeof c);
  for (k = 0;; k++) {
    uint32_t s = 0;
    int more;
    el = &m->elems[elems[k]];
    if (ran) *ran = k + 1;
    c.op = OP_PUSH; c.a = el->handle; c.b = (uint32_t)(k ? 0 : port); c.c = m->arena; c.d = live;
    if (guarded(m, &c)) return rerun_trapped(m, elems, port, pkts, live, k, exit_at, ran);
    base = mem(m, &size);   /* memory may have grown (moved) */
    descs = (clickos_desc*)(void*)(base + m->arena);
    /* Packets to output 0 go on to the next element, still resident, unless
     * this element emitted packets (the caller routes those first-hand). */
    more = k + 1 < nelems && c.r == 0 && el->noutputs >= 1;
    for (i = 0; i < live; i++) {
      uint32_t p = m->resident[i];
      if (more && descs[i].port == 0) {
        if (s != i) { descs[s] = descs[i]; m->resident[s] = (uint16_t)p; }
        s++;
        continue;
      }
      if (exit_at) exit_at[p] = k;
      if (copy_out(m, base, size, &descs[i], m->slot_at[p], m->valid_at[p], &pkts[p], el->noutputs, 0)) {
        pkts[p].port = CLICKOS_DROP;
        m->stats.dropped++;
      }
    }
    if (!more || s == 0) break;
    live = s;
  }
  return collect_emitted(m, c.r, c.r2, el->noutputs, emitted);
}

int clickos_push(clickos_module* m, clickos_eid e, int port, clickos_packet* pkts, uint32_t n,
                 const clickos_packet** emitted) {
  return clickos_push_chain(m, &e, 1, port, pkts, n, 0, 0, emitted);
}

/* The packet of a single-packet crossing trapped in element `el` (the module is
 * already rebuilt): it alone is lost and blamed, as a batch's re-run would find. */
static int lose_trapped_one(clickos_module* m, clickos_packet* p, host_element* el) {
  p->port = CLICKOS_DROP;
  m->stats.dropped++;
  if (m->nblamed < CLICKOS_MAX_BATCH) m->blamed[m->nblamed++] = 0;
  trip(el);
  return CLICKOS_HOST_ETRAP;
}

/* The packet of a single-packet crossing back from element `el`, which emitted
 * `nemitted` packets listed at `emitted_at`: copied out (its changes staged in
 * place, nothing calls the module before the caller reads them), then the
 * emitted ones viewed. */
static int one_back(clickos_module* m, clickos_packet* p, host_element* el, uint32_t slot, uint32_t valid_at,
                    uint32_t nemitted, uint32_t emitted_at, const clickos_packet** emitted) {
  uint64_t size;
  uint8_t* base = mem(m, &size);   /* memory may have grown (moved) during the call */
  const clickos_desc* d = (const clickos_desc*)(const void*)(base + m->arena);
  if (copy_out(m, base, size, d, slot, valid_at, p, el->noutputs, 1)) {
    p->port = CLICKOS_DROP;
    m->stats.dropped++;
  }
  return nemitted ? collect_emitted(m, nemitted, emitted_at, el->noutputs, emitted) : 0;
}

/* The fused run of clickos_push_one_chain, in one call into the module
 * (clickos_push_run): the packet is in the arena (descriptor at m->arena, its
 * slot at `slot`); the handles of the run's elements that can take it (at most
 * RUN_MAX, stopping at one tripped, broken or cleaned up) go after the slot,
 * followed by the word where the module keeps the index of the element running,
 * read after a trap to know which element it was (the module's own claim,
 * clamped: it can only blame one of its own elements). */
static int push_run(clickos_module* m, const clickos_eid* elems, uint32_t nelems, int port, clickos_packet* p,
                    uint32_t* exit_at, const clickos_packet** emitted, uint32_t slot, uint32_t valid_at) {
  uint32_t n = 1, k, run_at = slot + slot_size(p->len), i, r;
  uint64_t size;
  uint8_t* base;
  call c;
  while (n < nelems && n < CLICKOS_RUN_MAX && chain_element(m, elems[n], 0)) n++;
  if (CLICKOS_DESC_SIZE + slot_size(p->len) + 4u * (n + 1) > m->arena_cap) n = 1;
  base = mem(m, &size);
  for (i = 0; i < n; i++) {
    uint32_t h = m->elems[elems[i]].handle;
    memcpy(base + run_at + 4 * i, &h, 4);
  }
  memset(base + run_at + 4 * n, 0, 4);
  c.op = OP_PUSH_RUN; c.a = run_at; c.b = n; c.c = (uint32_t)port; c.d = m->arena;
  if (guarded_ex(m, &c, 1)) {
    uint32_t at;
    base = mem(m, &size);   /* the trapped instance: still there until recover() */
    memcpy(&at, base + run_at + 4 * n, 4);
    k = at < n ? at : 0;
    recover(m);
    if (exit_at) *exit_at = k;
    return lose_trapped_one(m, p, &m->elems[elems[k]]);
  }
  r = c.r;
  k = r & ((1u << CLICKOS_RUN_EMITTED_SHIFT) - 1);
  if (k >= n) k = n - 1;   /* a module that lies about where the packet left: its last element */
  if (exit_at) *exit_at = k;
  return one_back(m, p, &m->elems[elems[k]], slot, valid_at, r >> CLICKOS_RUN_EMITTED_SHIFT, c.r2, emitted);
}

/* Click pushes one packet at a time, so this is the crossing of the generated
 * Click classes (DESIGN.md: the single-packet fast path), and with nelems > 1
 * their fusion: one packet through a run of elements of this module, copied in
 * once and out once. The same results as clickos_push_chain(m, elems, nelems,
 * port, p, 1, exit_at, 0, emitted) without a batch's bookkeeping: the packet
 * goes into the arena region the module already gave (descriptor, then its
 * slot), one guarded call per element, one copy back. Anything unusual — a
 * first call (no arena yet), a packet larger than the arena, a tripped or
 * broken first element, a dead module, errors pending — takes the general path.
 * A trap is the packet's own: it is dropped and blamed, as a batch's re-run
 * would find. */
int clickos_push_one_chain(clickos_module* m, const clickos_eid* elems, uint32_t nelems, int port, clickos_packet* p,
                           uint32_t* exit_at, const clickos_packet** emitted) {
  host_element* el;
  clickos_desc* d;
  uint8_t* base;
  uint64_t size;
  uint32_t slot, valid_at, k;
  clickos_eid e = nelems ? elems[0] : CLICKOS_NO_ELEMENT;
  call c;
  if ((uint32_t)e >= m->nelems || m->dead || m->rerunning || m->errors_len) goto general;
  el = &m->elems[e];
  if (!el->live || el->broken || el->tripped || port < 0 || port >= el->ninputs || p->off > p->cap ||
      p->len > p->cap - p->off || CLICKOS_DESC_SIZE + slot_size(p->len) > m->arena_cap ||
      (m->shared_input && slot_size(p->len) > m->stage_cap))
    goto general;
  if (emitted) *emitted = m->emits;
  if (exit_at) *exit_at = 0;
  m->nblamed = 0;
  p->staged = NULL;
  m->stage_used = 0;
  base = mem(m, &size);
  d = (clickos_desc*)(void*)(base + m->arena);
  slot = m->arena + CLICKOS_DESC_SIZE;
  copy_in(base, slot, p, d, &valid_at);
  if (nelems > 1 && m->def->push_run) return push_run(m, elems, nelems, port, p, exit_at, emitted, slot, valid_at);
  c.op = OP_PUSH; c.b = (uint32_t)port; c.c = m->arena; c.d = 1;
  for (k = 0;; k++) {
    c.a = el->handle;
    if (guarded(m, &c)) {
      if (exit_at) *exit_at = k;
      return lose_trapped_one(m, p, el);
    }
    base = mem(m, &size);   /* memory may have grown (moved) */
    d = (clickos_desc*)(void*)(base + m->arena);
    /* On to the next element while the packet leaves on output 0 and this
     * element emitted nothing (the caller routes emitted packets first-hand). */
    if (c.r || d->port != 0 || el->noutputs < 1 || k + 1 == nelems) break;
    {
      host_element* next = chain_element(m, elems[k + 1], 0);
      if (!next) break;
      el = next;
    }
    c.b = 0;
  }
  if (exit_at) *exit_at = k;
  return one_back(m, p, el, slot, valid_at, c.r, c.r2, emitted);
general:
  return clickos_push_chain(m, elems, nelems, port, p, 1, exit_at, 0, emitted);
}

int clickos_push_one(clickos_module* m, clickos_eid e, int port, clickos_packet* p, const clickos_packet** emitted) {
  return clickos_push_one_chain(m, &e, 1, port, p, 0, emitted);
}

/* ---- resident packets (zero copy) ------------------------------------------------------------ */

int clickos_resident_reserve(clickos_module* m, uint32_t max_len) {
  call c;
  uint64_t size, bytes;
  uint32_t slot = (HEAD + max_len + TAIL + 7u) & ~7u;
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (max_len > (1u << 16)) { errors_add_str(m, CLICKOS_NO_ELEMENT, "resident packets: max_len above 65536"); return CLICKOS_HOST_EINVAL; }
  if (m->res_region && m->res_max_len >= max_len) return 0;
  memset(&c, 0, sizeof c);
  if (m->res_region) {
    c.op = OP_ARENA_FREE; c.a = m->res_region;
    m->res_region = m->res_descs = m->res_slot = m->res_max_len = m->res_live = 0;
    if (guarded(m, &c)) return CLICKOS_HOST_ETRAP;
  }
  bytes = (uint64_t)CLICKOS_MAX_BATCH * (CLICKOS_DESC_SIZE + slot) + 8;
  c.op = OP_ARENA_ALLOC; c.a = (uint32_t)bytes;
  if (guarded(m, &c)) return CLICKOS_HOST_ETRAP;
  mem(m, &size);
  if (c.r == 0) { errors_add_str(m, CLICKOS_NO_ELEMENT, "module could not allocate resident packets"); return CLICKOS_HOST_ENOMEM; }
  if (!in_bounds(size, c.r, bytes)) { m->stats.bad_descriptors++; return CLICKOS_HOST_EBOUNDS; }
  m->res_region = c.r;
  m->res_descs = (c.r + 7u) & ~7u;
  m->res_slot = slot;
  m->res_max_len = max_len;
  return 0;
}

int clickos_resident_begin(clickos_module* m, clickos_rx* rx) {
  uint64_t size;
  if (!m->res_region || m->dead) { memset(rx, 0, sizeof *rx); return CLICKOS_HOST_EINVAL; }
  rx->base = mem(m, &size);
  rx->descs = m->res_descs;
  rx->slots = m->res_descs + CLICKOS_MAX_BATCH * CLICKOS_DESC_SIZE;
  rx->slot_size = m->res_slot;
  rx->max_len = m->res_max_len;
  m->res_live = 0;
  return 0;
}

int clickos_push_resident(clickos_module* m, clickos_eid e, int port, uint32_t n, const clickos_packet** emitted) {
  host_element* el;
  call c;
  if (emitted) *emitted = m->emits;
  if (m->errors_len) errors_clear(m);
  m->res_live = 0;
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  if (port < 0 || port >= el->ninputs) { errors_add_str(m, e, "push to a port the element does not have"); return CLICKOS_HOST_EINVAL; }
  if (n > CLICKOS_MAX_BATCH || !m->res_region) {
    errors_add_str(m, e, n > CLICKOS_MAX_BATCH ? "batch larger than CLICKOS_MAX_BATCH" : "no resident packets reserved");
    return CLICKOS_HOST_EINVAL;
  }
  if (el->broken) { m->stats.dropped += n; return CLICKOS_HOST_EDEAD; }
  if (el->tripped) {
    /* No crossing: the packets stay as received, bypassed to output 0 or dropped. */
    uint64_t size;
    clickos_desc* d = (clickos_desc*)(void*)(mem(m, &size) + m->res_descs);
    uint32_t i;
    int drop = el->tripped == CLICKOS_TRAP_DISABLE || el->noutputs < 1;
    for (i = 0; i < n; i++) d[i].port = drop ? CLICKOS_DROP : 0;
    if (drop) m->stats.dropped += n;
    m->res_live = n;
    m->res_noutputs = el->noutputs;
    return 0;
  }
  if (n == 0) return 0;
  memset(&c, 0, sizeof c);
  c.op = OP_PUSH; c.a = el->handle; c.b = (uint32_t)port; c.c = m->res_descs; c.d = n;
  /* A trap re-instantiates the module: the region and its packets are gone. */
  if (guarded(m, &c)) { m->stats.dropped += n; trip(el); return CLICKOS_HOST_ETRAP; }
  m->res_live = n;
  m->res_noutputs = el->noutputs;
  return collect_emitted(m, c.r, c.r2, el->noutputs, emitted);
}

void clickos_resident_ports(clickos_module* m, int32_t* ports, uint32_t n) {
  uint64_t size = 0;
  const uint8_t* base;
  const clickos_desc* d;
  uint32_t i = 0, live = n < m->res_live ? n : m->res_live, bad = 0;
  int no = m->res_noutputs;
  if (live) {   /* (after a trap nothing is live, and the memory may be gone) */
    base = mem(m, &size);
    d = (const clickos_desc*)(const void*)(base + m->res_descs);
  }
  for (; i < live; i++) {
    int32_t p = d[i].port;
    /* A packet is only forwarded with a descriptor that still fits its buffer. */
    if (!desc_ok(&d[i], size)) { bad++; p = CLICKOS_DROP; }
    ports[i] = (uint32_t)p < (uint32_t)no ? p : CLICKOS_DROP;
  }
  m->stats.bad_descriptors += bad;
  for (; i < n; i++) ports[i] = CLICKOS_DROP;
}

int clickos_resident_get(clickos_module* m, uint32_t i, clickos_packet* p) {
  uint64_t size;
  const uint8_t* base;
  clickos_desc d;
  if (i >= m->res_live) return CLICKOS_HOST_EINVAL;
  base = mem(m, &size);
  memcpy(&d, base + m->res_descs + i * CLICKOS_DESC_SIZE, sizeof d);
  if (!desc_ok(&d, size)) { m->stats.bad_descriptors++; return CLICKOS_HOST_EBOUNDS; }
  packet_in_place(p, (uint8_t*)base, &d, m->res_noutputs);
  return 0;
}

int clickos_timer_fire(clickos_module* m, clickos_eid e, uint32_t timer, const clickos_packet** emitted) {
  host_element* el;
  call c;
  if (emitted) *emitted = m->emits;
  if (m->errors_len) errors_clear(m);
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  if (el->broken || timer >= CLICKOS_HOST_MAX_TIMERS || !(el->timers & ((uint64_t)1 << timer))) return 0;
  el->timers &= ~((uint64_t)1 << timer);   /* one-shot; the element reschedules */
  if (el->tripped) return 0;               /* bypassed or disabled: its timers do not run */
  memset(&c, 0, sizeof c);
  c.op = OP_TIMER; c.a = el->handle; c.b = timer;
  if (guarded(m, &c)) { trip(el); return CLICKOS_HOST_ETRAP; }
  return collect_emitted(m, c.r, c.r2, el->noutputs, emitted);
}

/* ---- pull outputs and tasks ------------------------------------------------------------------------ */

/* Makes sure the lend region of call L has `bytes` free. 0; -1 when it has no
 * room and cannot move (packets lent in this call live in it) or the module
 * gave none; -2 when the module trapped allocating it. */
static int lend_room(clickos_module* m, lend_state* L, uint32_t bytes) {
  lend_region* r = L->r;
  uint32_t want = bytes < LEND_REGION_MIN ? LEND_REGION_MIN : bytes;
  uint64_t size;
  call c;
  if (r->region && L->used + bytes <= r->cap) return 0;
  if (L->lent) return -1;
  memset(&c, 0, sizeof c);
  if (r->region) {
    c.op = OP_ARENA_FREE; c.a = r->region;
    r->region = r->at = r->cap = 0;
    if (guarded(m, &c)) return -2;
  }
  c.op = OP_ARENA_ALLOC; c.a = want + 8;
  if (guarded(m, &c)) return -2;
  mem(m, &size);
  if (c.r == 0 || !in_bounds(size, c.r, (uint64_t)want + 8)) { m->stats.bad_descriptors++; return -1; }
  r->region = c.r;
  r->at = (c.r + 7u) & ~7u;
  r->cap = want;
  L->used = 0;
  return 0;
}

/* clickos.input_pull: Click's input(port).pull() for the element whose own
 * pull or task call is running. The waiting call's fuel is put aside while
 * upstream runs (a nested call refuels the module); a trap there has rebuilt
 * the instance this call runs in, so the call ends with a trap of its own. */
uint32_t Z_clickosZ_input_pull(struct Z_clickos_instance_t* self, uint32_t handle, uint32_t port) {
  clickos_module* m = self->m;
  lend_state* L = m->lend;
  const clickos_module_def* d = m->def;
  uint32_t gen = m->generation, at = 0, valid;
  int64_t left = 0;
  clickos_packet p;
  int got, room;
  if (!L || L->handle != handle || L->lent >= CLICKOS_MAX_LEND || !L->lender || !L->lender->pull) return 0;
  if (port >= (uint32_t)L->el->ninputs) return 0;
  if (d->fuel_set && d->fuel > 0) left = d->fuel_set(m->inst, 0);
  room = lend_room(m, L, CLICKOS_DESC_SIZE + slot_size(LEND_RESERVE_LEN));
  if (room == 0) {
    memset(&p, 0, sizeof p);
    m->lend = NULL;   /* no lends for this call while upstream runs */
    got = L->lender->pull(L->lender->ctx, (int)port, &p);
    m->lend = L;
    if (got && m->generation == gen) {
      uint32_t need = CLICKOS_DESC_SIZE + slot_size(p.len);
      uint64_t size;
      uint8_t* base;
      if (L->used + need <= L->r->cap || lend_room(m, L, need) == 0) {
        base = mem(m, &size);
        at = L->r->at + L->used;
        copy_in(base, at + CLICKOS_DESC_SIZE, &p, (clickos_desc*)(base + at), &valid);
        L->used += need;
        L->lent++;
      } else {
        m->stats.oversize++;   /* larger than what this call has room for: dropped */
        m->stats.dropped++;
      }
    }
    if (got && L->lender->copied) L->lender->copied(L->lender->ctx);
  }
  if (m->generation != gen) {
    L->upstream_trap = 1;
    clickos_rt_trap(CLICKOS_RT_TRAP_UNREACHABLE);
  }
  if (d->fuel_set && d->fuel > 0) d->fuel_set(m->inst, left);
  return at;
}

/* One own pull (OP_PULL) or task (OP_TASK) call of element e, with lender. */
static int own_call(clickos_module* m, clickos_eid e, int op, int port, const clickos_lender* lender, int* worked,
                    const clickos_packet** emitted) {
  host_element* el;
  lend_state L;
  call c;
  uint32_t count;
  int k;
  if (emitted) *emitted = m->emits;
  if (worked) *worked = 0;
  if (m->errors_len) errors_clear(m);
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  if (el->broken || el->tripped) return 0;
  if (op == OP_PULL ? !m->def->pull || port < 0 || port >= el->noutputs
                    : !m->def->task_run || !m->def->classes[el->class_id].task) return CLICKOS_HOST_EINVAL;
  if (m->lend_depth >= LEND_DEPTH_MAX) return 0;   /* own pulls nested deeper than that: nothing comes */
  memset(&L, 0, sizeof L);
  L.prev = m->lend;
  L.el = el;
  L.handle = el->handle;
  L.lender = lender;
  L.r = &m->lend_regions[m->lend_depth];
  m->lend_depth++;
  m->lend = &L;
  memset(&c, 0, sizeof c);
  c.op = op; c.a = el->handle; c.b = (uint32_t)port;
  k = guarded(m, &c);
  m->lend = L.prev;
  m->lend_depth--;
  if (k) {
    m->stats.dropped += L.lent;   /* they were inside the instance that is gone */
    if (worked) *worked = L.lent > 0;   /* packets taken from upstream are work done */
    if (!L.upstream_trap) trip(el);
    return CLICKOS_HOST_ETRAP;
  }
  count = c.r & (CLICKOS_TASK_WORKED - 1);
  if (worked) *worked = (c.r & CLICKOS_TASK_WORKED) || count > 0 || L.lent > 0;
  return collect_emitted(m, count, c.r2, el->noutputs, emitted);
}

int clickos_pull(clickos_module* m, clickos_eid e, int port, const clickos_lender* lender, const clickos_packet** emitted) {
  return own_call(m, e, OP_PULL, port, lender, 0, emitted);
}

int clickos_task_run(clickos_module* m, clickos_eid e, const clickos_lender* lender, int* worked, const clickos_packet** emitted) {
  return own_call(m, e, OP_TASK, 0, lender, worked, emitted);
}

/* ---- handlers ---------------------------------------------------------------------------------- */

int clickos_handler_find(const clickos_module* m, clickos_eid e, const char* name, uint32_t* flags) {
  const clickos_class_def* cl;
  uint32_t i;
  if (e < 0 || (uint32_t)e >= m->nelems) return -1;
  cl = &m->def->classes[m->elems[e].class_id];
  for (i = 0; i < cl->nhandlers; i++)
    if (str_eq(cl->handlers[i].name, name)) {
      if (flags) *flags = cl->handlers[i].flags;
      return cl->handlers[i].id;
    }
  return -1;
}

long clickos_handler_read(clickos_module* m, clickos_eid e, const char* name, char* buf, size_t cap) {
  host_element* el;
  uint32_t flags = 0;
  int id;
  call c;
  uint64_t size;
  uint8_t* base;
  errors_clear(m);
  if (cap) buf[0] = 0;
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  id = clickos_handler_find(m, e, name, &flags);
  if (id < 0 || !(flags & CLICKOS_HANDLER_READ)) { errors_add_str(m, e, "no such read handler"); return CLICKOS_HOST_EINVAL; }
  if (el->broken) return CLICKOS_HOST_EDEAD;
  memset(&c, 0, sizeof c);
  c.op = OP_HREAD; c.a = el->handle; c.b = (uint32_t)id;
  m->text_active = 1; m->text_overflow = 0;
  m->text_buf = buf; m->text_cap = cap; m->text_len = 0;
  if (guarded(m, &c)) { m->text_active = 0; trip(el); return CLICKOS_HOST_ETRAP; }
  m->text_active = 0;
  if ((int32_t)c.r < 0) { if (!m->errors_len) errors_add_str(m, e, "handler read failed"); return CLICKOS_HOST_ERR; }
  base = mem(m, &size);
  if (!in_bounds(size, c.r2, c.r)) { m->stats.bad_descriptors++; errors_add_str(m, e, "handler value out of bounds"); return CLICKOS_HOST_EBOUNDS; }
  /* The last piece, after those handed over on the way (clickos.handler_text). */
  text_append(m, base + c.r2, c.r);
  if (m->text_overflow) { errors_add_str(m, e, "handler text larger than CLICKOS_HANDLER_TEXT_MAX bytes"); return CLICKOS_HOST_ERR; }
  if (cap) buf[m->text_len < cap - 1 ? m->text_len : cap - 1] = 0;
  return (long)m->text_len;
}

int clickos_handler_write(clickos_module* m, clickos_eid e, const char* name, const char* value, size_t len) {
  host_element* el;
  uint32_t flags = 0;
  int id, r;
  call c;
  errors_clear(m);
  if (m->dead) return CLICKOS_HOST_EDEAD;
  if (!(el = element_at(m, e))) return CLICKOS_HOST_EINVAL;
  id = clickos_handler_find(m, e, name, &flags);
  if (id < 0 || !(flags & CLICKOS_HANDLER_WRITE)) { errors_add_str(m, e, "no such write handler"); return CLICKOS_HOST_EINVAL; }
  if (el->broken) return CLICKOS_HOST_EDEAD;
  if (len > 0x7fffffffu) return CLICKOS_HOST_EINVAL;
  if ((r = to_scratch(m, value, (uint32_t)len))) return r;
  memset(&c, 0, sizeof c);
  c.op = OP_HWRITE; c.a = el->handle; c.b = (uint32_t)id; c.c = (uint32_t)len;
  if (guarded(m, &c)) { trip(el); return CLICKOS_HOST_ETRAP; }
  if (c.r != (uint32_t)CLICKOS_OK) { if (!m->errors_len) errors_add_str(m, e, "handler write failed"); return CLICKOS_HOST_ERR; }
  return 0;
}
