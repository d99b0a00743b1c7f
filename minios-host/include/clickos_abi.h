/* Generated from sdk/abi/abi.json by sdk/scripts/gen-abi.mjs. Do not edit. */
#ifndef CLICKOS_ABI_H
#define CLICKOS_ABI_H
#include <stdint.h>

#define CLICKOS_ABI_VERSION 1
#define CLICKOS_META_SECTION "clickos.meta"
/* Output port value meaning: drop the packet. */
#define CLICKOS_DROP (-1)
/* Status: success. */
#define CLICKOS_OK (0)
/* Status: failure; messages were reported through clickos.error first. */
#define CLICKOS_ERR (-1)
/* Most descriptors the host passes in one crossing. */
#define CLICKOS_MAX_BATCH (256)
/* Most packets an element may create (Packet.make, clone) in one crossing; past it they return null. */
#define CLICKOS_MAX_EMIT (1024)
/* Most elements one clickos_push_run call runs (fusion). */
#define CLICKOS_RUN_MAX (16)
/* clickos_push_run result: the index of the element the packet left in the low bits, the number it emitted from this bit up. */
#define CLICKOS_RUN_EMITTED_SHIFT (8)
/* Most packets clickos.input_pull lends an element in one clickos_pull or clickos_task_run call; past it input_pull returns 0 (the bound on what one call can hold). */
#define CLICKOS_MAX_LEND (256)
/* clickos_task_run result bit: the task did work (Click's run_task returning true); the low bits are the number of packets emitted. */
#define CLICKOS_TASK_WORKED (1073741824)
/* Headroom the host leaves before each packet's data. */
#define CLICKOS_DEFAULT_HEADROOM (64)
/* Tailroom the host leaves after each packet's data. */
#define CLICKOS_DEFAULT_TAILROOM (64)
/* Bytes of annotation area per packet, as in Click. */
#define CLICKOS_ANNO_SIZE (48)
/* Annotation offset of the destination IPv4 (4 bytes) or IPv6 (16 bytes) address. */
#define CLICKOS_ANNO_DST_IP (0)
/* Annotation offset of Click's user annotation area (32 bytes). */
#define CLICKOS_ANNO_USER (16)
/* Annotation offset of the paint byte (user annotation byte 0, as in Click). */
#define CLICKOS_ANNO_PAINT (16)
/* Header offset value meaning: not set. */
#define CLICKOS_NO_HEADER (-1)
/* Descriptor flag: the element created this packet (not from the input batch). */
#define CLICKOS_FLAG_EMITTED (1)
/* Descriptor flag: the module changed the annotation area. A host may skip copying annotations back when it is clear, so a module must set it whenever it writes annotations (the SDK's Packet setters do). */
#define CLICKOS_FLAG_ANNO (2)
/* Descriptor flags bits 8-31 hold the packet's output order in this crossing: the element's n-th Packet.setOutput (emit, simpleAction's result) stamps n, from 1; 0 means the element never gave the packet an output (it keeps port 0). Hosts deliver a crossing's packets, input and emitted alike, in this order, unstamped ones after the others in batch order, so packets leave in the order Click's element would have pushed them. The SDK clears these bits on the input descriptors when a crossing starts. */
#define CLICKOS_ORDER_SHIFT (8)
/* Most bytes of text one handler read may give the host (pieces through clickos.handler_text and the returned value together); past it the read fails. */
#define CLICKOS_HANDLER_TEXT_MAX (67108864)
/* Work units (function calls and loop iterations) a module may spend in one call from the host, unless its clickos.meta asks for another budget; also the budget of its start function. About 10M iterations: tens of milliseconds, far above what a batch of jumbo frames needs. */
#define CLICKOS_FUEL_DEFAULT (10000000)
/* The largest per-call budget a host grants, whatever clickos.meta asks for: the bound on one crossing (the hosts' watchdog). Handler calls (clickos_handler_read, clickos_handler_write) always get it: they are control plane, and a table of any size must print. */
#define CLICKOS_FUEL_MAX (100000000)
/* Log level. */
#define CLICKOS_LOG_DEBUG (0)
/* Log level. */
#define CLICKOS_LOG_INFO (1)
/* Log level. */
#define CLICKOS_LOG_WARNING (2)
/* Log level. */
#define CLICKOS_LOG_ERROR (3)
/* Handler flag: readable. */
#define CLICKOS_HANDLER_READ (1)
/* Handler flag: writable. */
#define CLICKOS_HANDLER_WRITE (2)

/* One packet in a batch. The host writes an array of descriptors and the packet buffers into module memory (clickos_arena); the element reads and updates them in place. All offsets are byte offsets into the module's linear memory; header offsets are relative to buf so that pushing or pulling data keeps them valid. */
typedef struct clickos_desc {
  uint32_t buf; /* Start of the packet buffer (first headroom byte). */
  uint32_t cap; /* Capacity of the buffer in bytes (headroom + data + tailroom). */
  uint32_t data; /* First data byte; headroom = data - buf. */
  uint32_t len; /* Data length; tailroom = buf + cap - data - len. */
  int32_t port; /* Output port chosen by the element, or DROP. The host sets it to 0 before the call. */
  uint32_t flags; /* FLAG_* bits. */
  int32_t mac; /* MAC header offset from buf, or NO_HEADER. */
  int32_t net; /* Network header offset from buf, or NO_HEADER. */
  int32_t transport; /* Transport header offset from buf, or NO_HEADER. */
  uint32_t packetType; /* Click's packet type annotation (HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4). */
  int64_t timestampNs; /* Timestamp annotation, nanoseconds since the Unix epoch. */
  uint8_t anno[48]; /* Click's annotation area (ANNO_SIZE bytes): destination IP at ANNO_DST_IP, user annotations from ANNO_USER, paint at ANNO_PAINT. */
} clickos_desc;
#define CLICKOS_DESC_SIZE 96
#define CLICKOS_DESC_BUF 0
#define CLICKOS_DESC_CAP 4
#define CLICKOS_DESC_DATA 8
#define CLICKOS_DESC_LEN 12
#define CLICKOS_DESC_PORT 16
#define CLICKOS_DESC_FLAGS 20
#define CLICKOS_DESC_MAC 24
#define CLICKOS_DESC_NET 28
#define CLICKOS_DESC_TRANSPORT 32
#define CLICKOS_DESC_PACKET_TYPE 36
#define CLICKOS_DESC_TIMESTAMP_NS 40
#define CLICKOS_DESC_ANNO 48
typedef char clickos_desc_size_check[sizeof(clickos_desc) == 96 ? 1 : -1];

/* Exports every module provides (signatures as wasm types). */
/* clickos_abi_version(void) -> int32_t: Returns the ABI version the module was built for. The host refuses a module whose major version differs from its own. */
/* clickos_scratch(int32_t min_len) -> int32_t: Returns the address of a scratch buffer of at least min_len bytes, used to pass configuration strings, handler values and handler results. Valid until the next call into the module. */
/* clickos_arena_alloc(int32_t bytes) -> int32_t: Allocates a region of `bytes` bytes in module memory that belongs to the host: it lays out descriptors and packet bytes there for clickos_push. Regions never move; the host frees them with clickos_arena_free. Allocation may grow memory. */
/* clickos_arena_free(int32_t ptr) -> void: Frees a region returned by clickos_arena_alloc. */
/* clickos_element_new(int32_t class_id, int32_t ninputs, int32_t noutputs) -> int32_t: Creates an element of the class with index class_id in the metadata's classes array, with the given numbers of connected ports. Returns a handle > 0. */
/* clickos_element_configure(int32_t handle, int32_t conf_len) -> int32_t: Configures the element from the raw Click configuration string (UTF-8, conf_len bytes) the host wrote at clickos_scratch. Returns OK or ERR after reporting each problem through clickos.error. */
/* clickos_element_initialize(int32_t handle) -> int32_t: Called once every element is configured, before packets flow. OK or ERR. */
/* clickos_element_cleanup(int32_t handle) -> void: Releases the element; the handle becomes invalid. */
/* clickos_push(int32_t handle, int32_t port, int32_t batch, int32_t count) -> int32_t: Pushes `count` descriptors starting at address `batch` into input `port`. The element sets each descriptor's port (or DROP) and may modify the packet in place within headroom and tailroom. Returns the number of packets the element emitted (see clickos_emitted). */
/* OPTIONAL clickos_push_run(int32_t run, int32_t count, int32_t port, int32_t desc) -> int32_t: Fusion of a run of elements for one packet: `run` holds `count` (at most RUN_MAX) element handles, then one i32 the module keeps set to the index of the element running (the host reads it after a trap). Pushes the descriptor at `desc` into input `port` of the first, then, while it leaves on port 0 and nothing was emitted, into input 0 of the next. Returns the index of the element it left, plus the number of packets that element emitted shifted left by RUN_EMITTED_SHIFT (see clickos_emitted). */
/* clickos_emitted(void) -> int32_t: Address of the descriptors emitted by the last clickos_push or clickos_timer_fire (their number was its result). They live in module memory until the next call. */
/* clickos_timer_fire(int32_t handle, int32_t timer) -> int32_t: Runs timer `timer` of the element. Returns the number of packets emitted. */
/* OPTIONAL clickos_pull(int32_t handle, int32_t port) -> int32_t: Click's pull on output `port` of an element whose class has pull outputs (processing code `l`). Returns the number of packets emitted (see clickos_emitted), packets lent by clickos.input_pull during the call included: the first whose port is `port` is the packet the pull returns; others go out of the push outputs their ports name, or are dropped. Hosts call it only on a class's pull outputs. */
/* OPTIONAL clickos_task_run(int32_t handle) -> int32_t: Runs the element's task (classes whose metadata says `task`), as Click's run_task: the host runs it again and again while the router runs. Returns the number of packets emitted (lent ones included, as for clickos_pull), plus TASK_WORKED if it did work. */
/* clickos_handler_read(int32_t handle, int32_t handler) -> int32_t: Reads handler number `handler` (index in the class's handlers metadata). The value is written at clickos_scratch; returns its length, or ERR. */
/* clickos_handler_write(int32_t handle, int32_t handler, int32_t len) -> int32_t: Writes handler number `handler` with the `len`-byte string the host wrote at clickos_scratch. OK or ERR. */
/* HOST-ADDED clickos_fuel_set(int64_t fuel) -> int64_t: Added by the host, never by the module: both hosts rewrite every module before running it (runtime/src/wasm/meter.ts), dropping any export of this name the module brought and adding a fuel counter of their own. Sets the counter to `fuel` and returns what was left; below zero after a trap means the trap was fuel running out. */

/* The closed import list, as "module.name". */
#define CLICKOS_IMPORT_LIST \
  "clickos.log", \
  "clickos.error", \
  "clickos.now_ns", \
  "clickos.random", \
  "clickos.timer_schedule", \
  "clickos.timer_cancel", \
  "clickos.input_pull", \
  "clickos.handler_text", \
  "env.abort", \
  "env.trace", \
  "env.seed"

#endif
