/*
 * clickos_host.h — the C host of the ClickOS element ABI (v1) for wasm2c-compiled
 * element modules. Used by the Linux harness (harness/clickos-run.c) and by the
 * generated Click element classes in the ClickOS MiniOS image.
 *
 * One clickos_module = one instance of one wasm2c-compiled module; it hosts any
 * number of elements (the ABI's "one module instance, many elements"). The
 * generated module.c (sdk/src/native) fills a clickos_module_def with the
 * module's metadata and thin wrappers around the wasm2c functions; the embedder
 * opens it with clickos_module_open() and its own hooks (clock, log, timers).
 *
 * Packets are copied into the module's memory for each batch and copied back
 * ("copy in, copy out, nothing shared"); clickos_push_chain keeps a batch
 * resident across consecutive elements of the module (one copy each way). A trap in the module drops the packets
 * in flight, is counted, and the host frees and re-instantiates the module and
 * re-creates every element from its saved configuration; element ids stay valid.
 *
 * Freestanding C99: no mmap, signals, threads or libstdc++; memory comes from
 * the runtime's allocator macros (CLICKOS_RT_ALLOC/FREE, see runtime/README).
 * Not thread-safe (one Click thread, like the runtime).
 */
#ifndef CLICKOS_HOST_H
#define CLICKOS_HOST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "clickos_abi.h"

#ifdef __cplusplus
extern "C" {
#endif

/* wasm2c's per-import-module structs; the host defines them (clickos_host.c). */
struct Z_clickos_instance_t;
struct Z_env_instance_t;

/* ---- what the generated module.c fills in ------------------------------ */

typedef struct clickos_handler_def {
  const char* name;
  int32_t id;          /* index passed to clickos_handler_read/write */
  uint32_t flags;      /* CLICKOS_HANDLER_READ | CLICKOS_HANDLER_WRITE */
} clickos_handler_def;

typedef struct clickos_class_def {
  const char* name;        /* Click class name, e.g. "DecIPTTL" */
  const char* ports;       /* Click port count, e.g. "1/1-2" */
  const char* processing;  /* Click processing code, e.g. "a/ah" */
  const char* flow_code;   /* Click flow code or "" */
  uint32_t nhandlers;
  const clickos_handler_def* handlers;
  int task;                /* the class has a task (clickos.meta `task`): clickos_task_run */
} clickos_class_def;

/* Every function takes the wasm2c instance as `void* inst` (module.c wraps the
 * typed wasm2c functions, so no function pointer is ever cast). Values are
 * the wasm i32s as uint32_t. */
typedef struct clickos_module_def {
  const char* name;        /* wasm2c module name (-n), e.g. "elements" */
  const char* meta_json;   /* the clickos.meta custom section, NUL-terminated */
  uint32_t meta_len;
  uint32_t abi_version;    /* from the metadata */
  uint32_t nclasses;
  const clickos_class_def* classes;  /* metadata order = class ids */

  size_t instance_size;    /* sizeof(Z_<name>_instance_t) */
  void (*init_module)(void);                  /* Z_<name>_init_module */
  void (*instantiate)(void* inst, struct Z_clickos_instance_t* clickos, struct Z_env_instance_t* env);
  void (*free_instance)(void* inst);          /* Z_<name>_free */
  /* The exported memory: its current base and size in bytes. */
  uint8_t* (*memory)(void* inst, uint64_t* size);

  uint32_t (*abi_version_fn)(void* inst);
  uint32_t (*scratch)(void* inst, uint32_t min_len);
  uint32_t (*arena_alloc)(void* inst, uint32_t bytes);
  void (*arena_free)(void* inst, uint32_t ptr);
  uint32_t (*element_new)(void* inst, uint32_t class_id, uint32_t ninputs, uint32_t noutputs);
  uint32_t (*element_configure)(void* inst, uint32_t handle, uint32_t conf_len);
  uint32_t (*element_initialize)(void* inst, uint32_t handle);
  void (*element_cleanup)(void* inst, uint32_t handle);
  uint32_t (*push)(void* inst, uint32_t handle, uint32_t port, uint32_t batch, uint32_t count);
  /* Optional (NULL for modules built before it): clickos_push_run, fusion's one call per run. */
  uint32_t (*push_run)(void* inst, uint32_t run, uint32_t count, uint32_t port, uint32_t desc);
  uint32_t (*emitted)(void* inst);
  uint32_t (*timer_fire)(void* inst, uint32_t handle, uint32_t timer);
  /* Optional (NULL when the module has no pull outputs or tasks): clickos_pull, clickos_task_run. */
  uint32_t (*pull)(void* inst, uint32_t handle, uint32_t port);
  uint32_t (*task_run)(void* inst, uint32_t handle);
  uint32_t (*handler_read)(void* inst, uint32_t handle, uint32_t handler);
  uint32_t (*handler_write)(void* inst, uint32_t handle, uint32_t handler, uint32_t len);

  /* Fuel metering (ABI optional export clickos_fuel_set; NULL and 0 when the
   * module was built without it): the host refills `fuel` units before every
   * crossing, and after a trap asks the trapped instance whether it ran out
   * (a runaway loop), which the trap message then says. */
  int64_t (*fuel_set)(void* inst, int64_t fuel);
  int64_t fuel;            /* budget per crossing, clickos.meta `fuel` */
} clickos_module_def;

/* ---- the embedder's hooks ------------------------------------------------ */

typedef struct clickos_module clickos_module;
/* A host element id: an index into the module's element table, >= 0. It stays
 * the same across re-instantiation after a trap. Negative values are errors. */
typedef int32_t clickos_eid;
#define CLICKOS_NO_ELEMENT (-1)

/* Any hook may be NULL: clickos_hooks_default() fills the defaults. Hosted
 * (Linux) defaults: log/error to stderr, CLOCK_REALTIME, /dev/urandom-free
 * xorshift seeded from the clock, timers ignored. Freestanding defaults: log
 * and error only collected (clickos_module_errors), clock 0, fixed seed.
 * `eid` is CLICKOS_NO_ELEMENT for module-level messages. */
typedef struct clickos_hooks {
  void* ctx;
  void (*log)(void* ctx, clickos_module* m, clickos_eid eid, int level, const char* msg, size_t len);
  /* Called once per error, already prefixed ("name :: Class: message"). */
  void (*error)(void* ctx, clickos_module* m, clickos_eid eid, const char* msg, size_t len);
  uint64_t (*now_ns)(void* ctx);
  void (*random)(void* ctx, uint8_t* buf, size_t len);
  /* Fire later with clickos_timer_fire(m, eid, timer). The host ignores a
   * fire for a timer that is not scheduled (e.g. after a trap). */
  void (*timer_schedule)(void* ctx, clickos_module* m, clickos_eid eid, uint32_t timer, uint64_t delay_ns);
  void (*timer_cancel)(void* ctx, clickos_module* m, clickos_eid eid, uint32_t timer);
} clickos_hooks;

void clickos_hooks_default(clickos_hooks* hooks);

/* ---- packets --------------------------------------------------------------- */

/* One packet on the host side. Header offsets are relative to `buf` (as in the
 * ABI descriptor), CLICKOS_NO_HEADER if unset. */
typedef struct clickos_packet {
  uint8_t* buf;          /* buffer start */
  uint32_t cap;          /* buffer capacity */
  uint32_t off;          /* data offset in buf (headroom) */
  uint32_t len;          /* data length */
  int32_t port;          /* out: output port, or CLICKOS_DROP */
  uint32_t flags;        /* CLICKOS_FLAG_* */
  int32_t mac, net, transport;
  uint32_t packet_type;
  /* How many bytes just before the data hold real content (what a Strip
   * removed), so an Unstrip in a later crossing gets them back: only these
   * are copied into the module and back. clickos_packet_init sets the whole
   * headroom (up to CLICKOS_DEFAULT_HEADROOM), the safe choice when the caller
   * cannot tell; a caller whose packets come fresh from a NIC or a capture
   * sets 0. The host updates it on the way out. */
  uint32_t head_valid;
  int64_t timestamp_ns;
  uint8_t anno[CLICKOS_ANNO_SIZE];
  /* Out, in shared-input mode (clickos_module_set_shared_input): NULL when
   * the bytes the packet leaves with are the ones already in buf (nothing was
   * written there); else the module changed them and they are here instead,
   * valid until the next call into the module (in a host buffer for batches,
   * in module memory for clickos_push_one/_chain): `staged_len` bytes that
   * belong at buf + staged_at. Read them before anything can call the module. */
  const uint8_t* staged;
  uint32_t staged_at, staged_len;
} clickos_packet;

/* Sets an empty packet over buf[0..cap) with data at off..off+len, no headers,
 * zero annotations, head_valid = min(off, CLICKOS_DEFAULT_HEADROOM). */
void clickos_packet_init(clickos_packet* p, uint8_t* buf, uint32_t cap, uint32_t off, uint32_t len);

/* ---- modules ----------------------------------------------------------------- */

/* Instantiates the module (runs wasm_rt_init and init_module the first time).
 * NULL on failure; clickos_module_open_error() says why (ABI version mismatch,
 * trap while instantiating, out of memory). */
clickos_module* clickos_module_open(const clickos_module_def* def, const clickos_hooks* hooks);
const char* clickos_module_open_error(void);
/* Cleans up every element and frees the instance. */
void clickos_module_close(clickos_module* m);
const clickos_module_def* clickos_module_get_def(const clickos_module* m);

/* Errors the module reported (clickos.error) and host errors, one per line,
 * since the last call that cleared them: every element/handler/push call clears
 * them on entry. Never NULL. */
const char* clickos_module_errors(const clickos_module* m);

typedef struct clickos_module_stats {
  uint64_t traps;            /* traps contained (read-only "traps" count) */
  uint64_t reinstantiations; /* successful re-instantiations after a trap */
  uint64_t dropped;          /* packets dropped by traps */
  uint64_t bad_descriptors;  /* descriptors the module handed back out of bounds */
  uint64_t oversize;         /* packets that no longer fit the caller's buffer */
} clickos_module_stats;
uint64_t clickos_module_traps(const clickos_module* m);
void clickos_module_get_stats(const clickos_module* m, clickos_module_stats* out);
/* The last trap: "unreachable executed", "abort: msg at file:line:col", ...;
 * "" if none. */
const char* clickos_module_last_trap(const clickos_module* m);
/* The packets the last push (or push_chain) blamed for a trap, as indices into
 * its batch: after a trap the rest of the batch is run again, one packet at a
 * time, and only a packet that traps on its own is dropped. A push that
 * returns 0 may still have blamed packets (they are CLICKOS_DROP). */
uint32_t clickos_push_blamed(const clickos_module* m, const uint16_t** idx);
/* Shared-input mode (default off): packets handed to a push may share their
 * buffers with other packets (Click's clones), so the host never writes into
 * them. A packet whose bytes the module left unchanged (compared byte for
 * byte, whatever the module claims) comes back with staged == NULL and only
 * its offsets, headers and annotations updated; one it changed has its new
 * bytes staged (see clickos_packet) for the caller to copy into a private
 * buffer. Readers then cost no copy of the packet on the way back. */
void clickos_module_set_shared_input(clickos_module* m, int on);
/* Whether a trapped batch is run again (default 1). A replay of a Node host
 * trace turns it off: the trace already holds the Node host's re-runs. */
void clickos_module_set_rerun(clickos_module* m, int on);
/* 1 if the module could not be re-instantiated after a trap: every call then
 * fails and every pushed packet is dropped. */
int clickos_module_dead(const clickos_module* m);

/* ---- elements -------------------------------------------------------------- */

/* Class id by Click name, or -1. */
int clickos_class_find(const clickos_module_def* def, const char* class_name);

/* Creates an element of class `class_id` (metadata index) with the numbers of
 * connected ports. `name` (may be NULL: "Class@N") prefixes its errors.
 * Returns its id, or a negative value (errors in clickos_module_errors). */
clickos_eid clickos_element_new(clickos_module* m, int class_id, const char* name, int ninputs, int noutputs);
clickos_eid clickos_element_new_by_name(clickos_module* m, const char* class_name, const char* name,
                                        int ninputs, int noutputs);
/* Configures from the raw Click configuration string (saved for re-creation).
 * 0 on success, -1 with the errors in clickos_module_errors(). */
int clickos_element_configure(clickos_module* m, clickos_eid e, const char* conf, size_t len);
int clickos_element_initialize(clickos_module* m, clickos_eid e);
void clickos_element_cleanup(clickos_module* m, clickos_eid e);
const char* clickos_element_name(const clickos_module* m, clickos_eid e);
int clickos_element_class(const clickos_module* m, clickos_eid e);

/* Pushes n (<= CLICKOS_MAX_BATCH) packets into input `port` of element e.
 * Each packet's data, its head_valid bytes of headroom and its annotations
 * are copied into the module, which sees CLICKOS_DEFAULT_HEADROOM/TAILROOM
 * around the data (the rest of both zeroed); the data and the headroom bytes still
 * meaningful are copied back into the caller's buffer afterwards (kept at the
 * same place relative to the original data when the buffer allows; a packet
 * that no longer fits `cap` is dropped and counted as oversize), annotations
 * only when the module set CLICKOS_FLAG_ANNO. pkts[i].port is the output port
 * or CLICKOS_DROP.
 *
 * Returns the number of packets the element emitted (>= 0); *emitted then
 * points to that many packets whose buf points INTO MODULE MEMORY: copy them
 * out before the next call into this module. On a trap every packet gets
 * CLICKOS_DROP and the result is CLICKOS_HOST_ETRAP; other errors are
 * negative too (CLICKOS_HOST_E*). */
int clickos_push(clickos_module* m, clickos_eid e, int port, clickos_packet* pkts, uint32_t n,
                 const clickos_packet** emitted);
/* clickos_push of one packet, without a batch's bookkeeping: what a Click
 * push() crosses with. Same results, blame and errors as clickos_push(m, e,
 * port, p, 1, emitted); it falls back to it whenever it must. */
int clickos_push_one(clickos_module* m, clickos_eid e, int port, clickos_packet* p, const clickos_packet** emitted);
/* One packet through a run of elements of this module (fusion: output 0 of
 * each into input 0 of the next, one copy in and one out): the same results
 * as clickos_push_chain(m, elems, nelems, port, p, 1, exit_at, NULL, emitted),
 * which it falls back to whenever it must. */
int clickos_push_one_chain(clickos_module* m, const clickos_eid* elems, uint32_t nelems, int port, clickos_packet* p,
                           uint32_t* exit_at, const clickos_packet** emitted);

/* Pushes n packets through a run of elements of this module, elems[0] ->
 * elems[1] -> ... -> elems[nelems-1] (output 0 of each to input 0 of the next),
 * with the batch RESIDENT in module memory: bytes are copied in once and out
 * once, one crossing per element. Packets enter elems[0] on input `port`.
 *
 * A packet leaves the run when its element sends it anywhere but output 0
 * (another port, or CLICKOS_DROP), or out of output 0 of the last element; it
 * is then copied back into its buffer as clickos_push does, pkts[i].port says
 * where it went and exit_at[i] (if exit_at is not NULL) the index in elems of
 * the element it left. The run stops early, after element k, when element k
 * emitted packets (they are returned as clickos_push returns them, and the
 * packets element k sent to output 0 come back with port 0 and exit_at k: the
 * caller pushes both on to elems[k+1]), when no packet is left, or when
 * element k+1 is broken, cleaned up or has no input 0 (the caller's next push
 * to it reports why). *ran gets the number of elements that ran (k+1).
 *
 * Results as clickos_push: the number of packets the last element that ran
 * emitted, or a negative error. On a trap in element k the packets still in
 * flight there get CLICKOS_DROP with exit_at k; those that left earlier
 * elements keep their results. Same as calling clickos_push element by
 * element (same batches, same order), minus the copies, with one
 * difference: between two elements of a run a packet is not checked against
 * the caller's buffer, so one that outgrows `cap` and shrinks back before it
 * leaves is not dropped as oversize (as in the Node host). */
int clickos_push_chain(clickos_module* m, const clickos_eid* elems, uint32_t nelems, int port, clickos_packet* pkts,
                       uint32_t n, uint32_t* exit_at, uint32_t* ran, const clickos_packet** emitted);

/* ---- resident packets: zero copy ----------------------------------------------
 * For a receive path that can write frames straight into module memory (a
 * capture, a netfront ring the host fills): a region of the module's memory
 * with CLICKOS_MAX_BATCH descriptors and a buffer for each. Pushing them is one
 * call: nothing is copied in or out, and the element's results are read in
 * place. The module can write anything there, so the host re-checks every
 * descriptor it reads back (as it does for copied batches).
 *
 *   clickos_resident_reserve(m, 1514);          once (again after a trap)
 *   clickos_resident_begin(m, &rx);             per batch
 *   for each frame i: memcpy(clickos_rx_packet(&rx, i, len, ts), frame, len);
 *   clickos_push_resident(m, e, 0, n, &emitted);
 *   clickos_resident_ports(m, ports, n);        or clickos_resident_get(m, i, &view)
 *
 * Pointers into the region are valid until the next call into the module (its
 * memory may grow and move). A trap re-instantiates the module: the region and
 * the packets in it are gone (ports read CLICKOS_DROP; reserve again). */

/* Reserves the region for frames of up to max_len bytes (each buffer also has
 * CLICKOS_DEFAULT_HEADROOM and TAILROOM). 0 or a negative error. */
int clickos_resident_reserve(clickos_module* m, uint32_t max_len);

typedef struct clickos_rx {
  uint8_t* base;         /* module memory */
  uint32_t descs, slots; /* addresses of descriptor 0 and buffer 0 */
  uint32_t slot_size, max_len;
} clickos_rx;

/* Starts filling a batch: rx is valid until the next call into the module.
 * 0, or CLICKOS_HOST_EINVAL when nothing is reserved (the module trapped). */
int clickos_resident_begin(clickos_module* m, clickos_rx* rx);

/* Makes descriptor i a fresh packet of len bytes with CLICKOS_DEFAULT_HEADROOM
 * bytes of zeroed headroom and CLICKOS_DEFAULT_TAILROOM of tailroom, no headers
 * and zero annotations; returns where its len data bytes go, or NULL when i is
 * not below CLICKOS_MAX_BATCH or len is above rx->max_len (or rx is empty). */
static inline uint8_t* clickos_rx_packet(const clickos_rx* rx, uint32_t i, uint32_t len, int64_t timestamp_ns) {
  clickos_desc* d;
  uint32_t slot;
  if (i >= CLICKOS_MAX_BATCH || len > rx->max_len || !rx->base) return 0;
  d = (clickos_desc*)(void*)(rx->base + rx->descs) + i;
  slot = rx->slots + i * rx->slot_size;
  d->buf = slot;
  /* The same room around the data as a copied-in packet gets. */
  d->cap = CLICKOS_DEFAULT_HEADROOM + len + CLICKOS_DEFAULT_TAILROOM;
  d->data = slot + CLICKOS_DEFAULT_HEADROOM;
  d->len = len;
  d->port = 0;
  d->flags = 0;
  d->mac = d->net = d->transport = CLICKOS_NO_HEADER;
  d->packetType = 0;
  d->timestampNs = timestamp_ns;
  memset(d->anno, 0, sizeof d->anno);
  /* A fresh packet's headroom is zero (as in the Node host): what an earlier
   * packet left there must not come back through an Unstrip. */
  memset(rx->base + slot, 0, CLICKOS_DEFAULT_HEADROOM);
  return rx->base + slot + CLICKOS_DEFAULT_HEADROOM;
}

/* Pushes resident descriptors [0, n) into input `port` of element e: one
 * crossing. Returns as clickos_push (emitted packets, or a negative error). */
int clickos_push_resident(clickos_module* m, clickos_eid e, int port, uint32_t n, const clickos_packet** emitted);

/* Output ports of the last resident push, checked (CLICKOS_DROP for a port
 * the element does not have or a descriptor out of its buffer). */
void clickos_resident_ports(clickos_module* m, int32_t* ports, uint32_t n);

/* A view of resident packet i after a push (buf points into module memory).
 * 0, or a negative error (no such packet, descriptor out of bounds). */
int clickos_resident_get(clickos_module* m, uint32_t i, clickos_packet* view);

/* ---- trap policies -------------------------------------------------------------
 * What a trap in an element does besides dropping the packets in flight (the
 * module is always re-instantiated and every element re-created): restart (the
 * default) keeps the element processing; bypass skips it from then on (packets
 * go straight to output 0, untouched, with no crossing); disable drops
 * everything that reaches it. As the Node host's TRAP_POLICY keyword and
 * trap_policy / trap_state handlers. */
typedef enum clickos_trap_policy {
  CLICKOS_TRAP_RESTART = 0,
  CLICKOS_TRAP_BYPASS = 1,
  CLICKOS_TRAP_DISABLE = 2
} clickos_trap_policy;

/* The policy's name: "restart", "bypass" or "disable" ("" for another value). */
const char* clickos_trap_policy_name(clickos_trap_policy policy);
/* "restart", "bypass" or "disable" (surrounding spaces allowed): 0, else -1. */
int clickos_trap_policy_parse(const char* s, size_t len, clickos_trap_policy* out);
/* Sets element e's policy; also re-arms an element its policy had tripped. 0 or
 * CLICKOS_HOST_EINVAL. */
int clickos_element_set_trap_policy(clickos_module* m, clickos_eid e, clickos_trap_policy policy);
clickos_trap_policy clickos_element_trap_policy(const clickos_module* m, clickos_eid e);
/* "active", "bypassed" or "disabled" (by its policy, or because it could not be
 * re-created after a trap); "" for a bad id. */
const char* clickos_element_trap_state(const clickos_module* m, clickos_eid e);

/* Fires timer `timer` of element e (from the embedder's timer). Same result
 * convention as clickos_push; 0 if the timer is not scheduled. */
int clickos_timer_fire(clickos_module* m, clickos_eid e, uint32_t timer, const clickos_packet** emitted);
/* Timer ids an element may use: 0 .. CLICKOS_HOST_MAX_TIMERS-1. */
#define CLICKOS_HOST_MAX_TIMERS 64

/* ---- pull outputs and tasks -------------------------------------------------- */

/* Where clickos.input_pull gets packets during clickos_pull / clickos_task_run:
 * the embedder's side of the element's pull inputs (Click: input(port).pull()).
 * `pull` fills *p with a view of one packet from pull input `port` and returns
 * 1, or returns 0 when none came; the host copies the packet into module
 * memory at once and then calls `copied`; the packet comes back, if the
 * element emits it, among the emitted ones. The embedder may free its packet
 * then, or keep it until the call returns, to give it back after a trap (see
 * clickos_own_call_blamed). `pull` may call into this module again (an
 * agnostic element of it upstream): the host keeps the waiting call apart. */
typedef struct clickos_lender {
  void* ctx;
  int (*pull)(void* ctx, int port, clickos_packet* p);
  void (*copied)(void* ctx);
} clickos_lender;

/* Click's pull on output `port` of element e, whose class has pull outputs
 * (processing "l"). Returns the number of packets the call emitted (the ones
 * it lent included), with views in *emitted as for clickos_push: the first
 * whose port is `port`, in output order, is the packet the pull returns;
 * others go to the push outputs their ports name, or are dropped. 0 when the
 * element is tripped by its trap policy (the embedder passes pulls through
 * for bypass), a negative error, or CLICKOS_HOST_ETRAP: then the packets lent
 * in the call are the embedder's again, except the one the trap is blamed on
 * (clickos_own_call_blamed), which is lost and counted in stats.dropped. At
 * most CLICKOS_MAX_LEND lends per call. */
int clickos_pull(clickos_module* m, clickos_eid e, int port, const clickos_lender* lender, const clickos_packet** emitted);
/* Runs element e's task (class `task`), as Click's run_task; *worked (may be
 * NULL) says whether it did work. Same results as clickos_pull; every emitted
 * packet goes to the output its port names. */
int clickos_task_run(clickos_module* m, clickos_eid e, const clickos_lender* lender, int* worked, const clickos_packet** emitted);
/* After an own pull or task call that trapped: the index (in lend order) of
 * the packet lent in it that the trap is blamed on, the last one lent when the
 * trap was the element's own; -1 when it was upstream (in a call the lender
 * made) or nothing was lent, or the call did not trap. The other packets lent
 * in the call can be lent again, first (the Click glue does, as the Node host). */
int clickos_own_call_blamed(const clickos_module* m);

/* ---- handlers ---------------------------------------------------------------- */

/* Handler id by name for element e, or -1; *flags gets CLICKOS_HANDLER_*. */
int clickos_handler_find(const clickos_module* m, clickos_eid e, const char* name, uint32_t* flags);
/* Reads handler `name`; copies up to cap-1 bytes and a NUL into buf. Returns
 * the full value length (may exceed cap-1: truncated), or a negative error. */
long clickos_handler_read(clickos_module* m, clickos_eid e, const char* name, char* buf, size_t cap);
/* Writes handler `name` with value[0..len). 0 or a negative error. */
int clickos_handler_write(clickos_module* m, clickos_eid e, const char* name, const char* value, size_t len);

/* ---- error codes --------------------------------------------------------------- */
#define CLICKOS_HOST_ERR (-1)          /* the module reported failure (see errors) */
#define CLICKOS_HOST_ETRAP (-2)        /* the module trapped; it was re-instantiated */
#define CLICKOS_HOST_EINVAL (-3)       /* bad element id, port, count, handler name */
#define CLICKOS_HOST_EDEAD (-4)        /* the module is dead (re-instantiation failed) */
#define CLICKOS_HOST_ENOMEM (-5)       /* allocation failed (host or module) */
#define CLICKOS_HOST_EBOUNDS (-6)      /* the module returned an out-of-bounds pointer */

#ifdef __cplusplus
}
#endif

#endif /* CLICKOS_HOST_H */
