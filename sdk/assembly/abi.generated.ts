// Generated from sdk/abi/abi.json by sdk/scripts/gen-abi.mjs. Do not edit.

export const ABI_VERSION: i32 = 1;
/** Output port value meaning: drop the packet. */
export const DROP: i32 = -1;
/** Status: success. */
export const OK: i32 = 0;
/** Status: failure; messages were reported through clickos.error first. */
export const ERR: i32 = -1;
/** Most descriptors the host passes in one crossing. */
export const MAX_BATCH: i32 = 256;
/** Most packets an element may create (Packet.make, clone) in one crossing; past it they return null. */
export const MAX_EMIT: i32 = 1024;
/** Most elements one clickos_push_run call runs (fusion). */
export const RUN_MAX: i32 = 16;
/** clickos_push_run result: the index of the element the packet left in the low bits, the number it emitted from this bit up. */
export const RUN_EMITTED_SHIFT: i32 = 8;
/** Most packets clickos.input_pull lends an element in one clickos_pull or clickos_task_run call; past it input_pull returns 0 (the bound on what one call can hold). */
export const MAX_LEND: i32 = 256;
/** clickos_task_run result bit: the task did work (Click's run_task returning true); the low bits are the number of packets emitted. */
export const TASK_WORKED: i32 = 1073741824;
/** Headroom the host leaves before each packet's data. */
export const DEFAULT_HEADROOM: i32 = 64;
/** Tailroom the host leaves after each packet's data. */
export const DEFAULT_TAILROOM: i32 = 64;
/** Bytes of annotation area per packet, as in Click. */
export const ANNO_SIZE: i32 = 48;
/** Annotation offset of the destination IPv4 (4 bytes) or IPv6 (16 bytes) address. */
export const ANNO_DST_IP: i32 = 0;
/** Annotation offset of Click's user annotation area (32 bytes). */
export const ANNO_USER: i32 = 16;
/** Annotation offset of the paint byte (user annotation byte 0, as in Click). */
export const ANNO_PAINT: i32 = 16;
/** Header offset value meaning: not set. */
export const NO_HEADER: i32 = -1;
/** Descriptor flag: the element created this packet (not from the input batch). */
export const FLAG_EMITTED: i32 = 1;
/** Descriptor flag: the module changed the annotation area. A host may skip copying annotations back when it is clear, so a module must set it whenever it writes annotations (the SDK's Packet setters do). */
export const FLAG_ANNO: i32 = 2;
/** Descriptor flags bits 8-31 hold the packet's output order in this crossing: the element's n-th Packet.setOutput (emit, simpleAction's result) stamps n, from 1; 0 means the element never gave the packet an output (it keeps port 0). Hosts deliver a crossing's packets, input and emitted alike, in this order, unstamped ones after the others in batch order, so packets leave in the order Click's element would have pushed them. The SDK clears these bits on the input descriptors when a crossing starts. */
export const ORDER_SHIFT: i32 = 8;
/** Most bytes of text one handler read may give the host (pieces through clickos.handler_text and the returned value together); past it the read fails. */
export const HANDLER_TEXT_MAX: i32 = 67108864;
/** Work units (function calls and loop iterations) a module may spend in one call from the host, unless its clickos.meta asks for another budget; also the budget of its start function. About 10M iterations: tens of milliseconds, far above what a batch of jumbo frames needs. */
export const FUEL_DEFAULT: i32 = 10000000;
/** The largest per-call budget a host grants, whatever clickos.meta asks for: the bound on one crossing (the hosts' watchdog). Handler calls (clickos_handler_read, clickos_handler_write) always get it: they are control plane, and a table of any size must print. */
export const FUEL_MAX: i32 = 100000000;
/** Log level. */
export const LOG_DEBUG: i32 = 0;
/** Log level. */
export const LOG_INFO: i32 = 1;
/** Log level. */
export const LOG_WARNING: i32 = 2;
/** Log level. */
export const LOG_ERROR: i32 = 3;
/** Handler flag: readable. */
export const HANDLER_READ: i32 = 1;
/** Handler flag: writable. */
export const HANDLER_WRITE: i32 = 2;
export const DESC_SIZE: usize = 96;
export const DESC_BUF: usize = 0;
export const DESC_CAP: usize = 4;
export const DESC_DATA: usize = 8;
export const DESC_LEN: usize = 12;
export const DESC_PORT: usize = 16;
export const DESC_FLAGS: usize = 20;
export const DESC_MAC: usize = 24;
export const DESC_NET: usize = 28;
export const DESC_TRANSPORT: usize = 32;
export const DESC_PACKET_TYPE: usize = 36;
export const DESC_TIMESTAMP_NS: usize = 40;
export const DESC_ANNO: usize = 48;

// Host functions, declared once (module "clickos").
/** Logs a UTF-8 message for the element (handle 0: the module). */
// @ts-ignore: decorator
@external("clickos", "log")
export declare function host_log(handle: i32, level: i32, ptr: i32, len: i32): void;
/** Reports one error (configuration, handler write) for the element; the host prefixes the element's name and location, as Click's ErrorHandler does. */
// @ts-ignore: decorator
@external("clickos", "error")
export declare function host_error(handle: i32, ptr: i32, len: i32): void;
/** Current time, nanoseconds since the Unix epoch (the host's clock; virtual time when replaying a capture). */
// @ts-ignore: decorator
@external("clickos", "now_ns")
export declare function host_now_ns(): i64;
/** Fills len bytes with random data (for seeding; elements draw fast random numbers themselves). */
// @ts-ignore: decorator
@external("clickos", "random")
export declare function host_random(ptr: i32, len: i32): void;
/** Schedules (or reschedules) timer `timer` of the element to fire after delay_ns. */
// @ts-ignore: decorator
@external("clickos", "timer_schedule")
export declare function host_timer_schedule(handle: i32, timer: i32, delay_ns: i64): void;
/** Unschedules the timer if it is scheduled. */
// @ts-ignore: decorator
@external("clickos", "timer_cancel")
export declare function host_timer_cancel(handle: i32, timer: i32): void;
/** During clickos_pull or clickos_task_run of this element only: Click's input(port).pull(). The host pulls one packet from the element's pull input `port` (running whatever is upstream, this module's elements included: the call may re-enter the module) and lends it: returns the address of a descriptor in a host-owned region of module memory, valid until the call returns, or 0 when nothing came, the port is not a connected pull input, or MAX_LEND packets were already lent. The module takes a lent packet as one it emitted (copying the descriptor into its emitted list); a lent packet it does not emit is dropped. If a call the pull made upstream trapped, input_pull traps too. */
// @ts-ignore: decorator
@external("clickos", "input_pull")
export declare function host_input_pull(handle: i32, port: i32): i32;
/** During clickos_handler_read only: the next piece of the handler's text (len UTF-8 bytes at ptr). The host appends the pieces, then the value the call returns in the scratch buffer, so a handler's text may be larger than the module's memory (the SDK's StringAccum streams through it). At most HANDLER_TEXT_MAX bytes in all; outside a handler read it is ignored. */
// @ts-ignore: decorator
@external("clickos", "handler_text")
export declare function host_handler_text(ptr: i32, len: i32): void;
