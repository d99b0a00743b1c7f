/*
 * clickos-rt.h — public API of the ClickOS wasm-rt runtime.
 *
 * A freestanding implementation of the runtime contract of wabt 1.0.32's
 * wasm2c (wasm-rt.h: wasm_rt_init, wasm_rt_trap, memories, tables, function
 * types, exceptions, call-depth counter) for ClickOS MiniOS: no mmap, no
 * signals, explicit bounds checks, traps by longjmp to a guard set at the batch
 * boundary, a call-depth limit and a per-module memory page limit.
 *
 * Not thread-safe: one runtime state per address space (MiniOS runs the Click
 * router in one thread). See README.md for the embedding sequence.
 */
#ifndef CLICKOS_RT_H_
#define CLICKOS_RT_H_

/* Compile with -I minios-host/runtime/include so that this finds the ClickOS
 * wrapper (which includes the installed wabt wasm-rt.h). The configuration is
 * included first either way. */
#include "clickos-rt-config.h"
#include "wasm-rt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- trap kinds ------------------------------------------------------- */

/* The values of wasm_rt_trap_t, plus ClickOS extensions. */
typedef enum {
  CLICKOS_RT_TRAP_NONE = WASM_RT_TRAP_NONE,
  CLICKOS_RT_TRAP_OOB = WASM_RT_TRAP_OOB, /* out of bounds memory/table access */
  CLICKOS_RT_TRAP_INT_OVERFLOW = WASM_RT_TRAP_INT_OVERFLOW,
  CLICKOS_RT_TRAP_DIV_BY_ZERO = WASM_RT_TRAP_DIV_BY_ZERO,
  CLICKOS_RT_TRAP_INVALID_CONVERSION = WASM_RT_TRAP_INVALID_CONVERSION,
  CLICKOS_RT_TRAP_UNREACHABLE = WASM_RT_TRAP_UNREACHABLE,
  CLICKOS_RT_TRAP_CALL_INDIRECT = WASM_RT_TRAP_CALL_INDIRECT,
  CLICKOS_RT_TRAP_UNCAUGHT_EXCEPTION = WASM_RT_TRAP_UNCAUGHT_EXCEPTION,
  CLICKOS_RT_TRAP_EXHAUSTION = WASM_RT_TRAP_EXHAUSTION, /* call stack exhausted */
  /* A memory or table needed more than the configured limit when the module
   * was instantiated (initial size above clickos_rt_set_max_pages()). */
  CLICKOS_RT_TRAP_MEMORY_LIMIT = 64,
  /* The host allocator (CLICKOS_RT_ALLOC/REALLOC) returned NULL. */
  CLICKOS_RT_TRAP_OUT_OF_MEMORY = 65
} clickos_rt_trap_t;

/* Human-readable text for a trap kind ("out of bounds memory access", ...).
 * Never NULL. wasm_rt_strerror() gives the same strings. */
const char* clickos_rt_trap_name(clickos_rt_trap_t kind);

/* Kind of the most recent trap (CLICKOS_RT_TRAP_NONE if none since the last
 * clickos_rt_clear_trap()). */
clickos_rt_trap_t clickos_rt_last_trap(void);
/* Number of traps since wasm_rt_init() (or the last clear). */
uint64_t clickos_rt_trap_count(void);
void clickos_rt_clear_trap(void);

/* Raise a trap of any kind (including the ClickOS extensions) from host code
 * running under a guard, e.g. from an import function. Does not return. */
WASM_RT_NO_RETURN void clickos_rt_trap(clickos_rt_trap_t kind);

/* ---- trap guards (the batch boundary) ----------------------------------- */

/* One guard per host->wasm crossing. Guards nest (a host import may call back
 * into wasm under its own guard); a trap unwinds to the innermost one. */
typedef struct clickos_rt_guard {
  jmp_buf env;
  struct clickos_rt_guard* prev;
  WASM_RT_UNWIND_TARGET* saved_unwind_target;
  uint32_t saved_call_depth;
} clickos_rt_guard_t;

/* Push `g` as the innermost guard. Use through CLICKOS_RT_TRY. */
void clickos_rt_guard_enter(clickos_rt_guard_t* g);
/* Pop `g` after the guarded code returned normally. Not needed after a trap:
 * the trap pops the guard before jumping back. */
void clickos_rt_guard_leave(clickos_rt_guard_t* g);

/*
 *   clickos_rt_guard_t g;
 *   if (CLICKOS_RT_TRY(&g) == 0) {
 *     result = Z_modZ_fn(&inst, ...);      // may trap
 *     clickos_rt_guard_leave(&g);
 *   } else {
 *     kind = clickos_rt_last_trap();       // guard already popped
 *   }
 *
 * Locals changed inside the guarded block and read after a trap must be
 * `volatile` (setjmp rules).
 */
#define CLICKOS_RT_TRY(g) (clickos_rt_guard_enter(g), setjmp((g)->env))

/* Call fn(arg) under a fresh guard; returns CLICKOS_RT_TRAP_NONE or the kind
 * of the trap that stopped it. Convenient from C++ glue (no setjmp in C++
 * frames). */
clickos_rt_trap_t clickos_rt_call(void (*fn)(void* arg), void* arg);

/* Innermost active guard, or NULL. */
clickos_rt_guard_t* clickos_rt_current_guard(void);

/* ---- fatal hook ------------------------------------------------------- */

/* Called when a trap happens with no active guard. Must not return; if it
 * does, the platform fatal path runs (hosted: message on stderr + abort();
 * freestanding: clickos_rt_platform_fatal(), which the embedder provides). */
typedef void (*clickos_rt_fatal_fn)(clickos_rt_trap_t kind, const char* message);
void clickos_rt_set_fatal_handler(clickos_rt_fatal_fn fn);

#if !defined(CLICKOS_RT_FATAL) && !__STDC_HOSTED__
/* Freestanding builds (MiniOS): the embedder supplies this, e.g. printk + do_exit. */
WASM_RT_NO_RETURN void clickos_rt_platform_fatal(const char* message);
#endif

/* ---- limits ----------------------------------------------------------- */

/* Linear memory limit for modules instantiated from now on, in 64 KiB pages
 * (clamped to 65535). A memory's effective maximum is
 * min(declared maximum, limit): memory.grow beyond it returns -1, and an
 * initial size above it traps with CLICKOS_RT_TRAP_MEMORY_LIMIT. */
void clickos_rt_set_max_pages(uint32_t pages);
uint32_t clickos_rt_get_max_pages(void);

/* Same for table elements. */
void clickos_rt_set_max_table_elements(uint32_t elements);
uint32_t clickos_rt_get_max_table_elements(void);

/* Current wasm call depth (0 outside wasm). */
uint32_t clickos_rt_call_depth(void);

/* Number of function types registered (wasm_rt_register_func_type). */
uint32_t clickos_rt_func_type_count(void);

#ifdef __cplusplus
}
#endif

#endif /* CLICKOS_RT_H_ */
