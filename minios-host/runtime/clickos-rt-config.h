/*
 * clickos-rt-config.h — build configuration of the ClickOS wasm-rt runtime.
 *
 * Included (through runtime/include/wasm-rt.h) before wabt's own wasm-rt.h by
 * both the runtime and every wasm2c-generated module, so the generated code is
 * always compiled in the mode this runtime implements:
 *   - explicit bounds checks on every load/store (no guard pages, no mmap),
 *   - no signal handler (MiniOS has none),
 *   - call-depth counting instead of stack-overflow detection by SIGSEGV.
 *
 * Every option can be overridden with -D on the command line; see README.md.
 */
#ifndef CLICKOS_RT_CONFIG_H_
#define CLICKOS_RT_CONFIG_H_

/* wasm2c 1.0.32 (wasm-rt.h) turns the SIGSEGV/guard-page scheme on by default on
 * 64-bit hosts. We never want it: force explicit bounds checks. */
#ifndef WASM_RT_MEMCHECK_SIGNAL_HANDLER
#define WASM_RT_MEMCHECK_SIGNAL_HANDLER 0
#elif WASM_RT_MEMCHECK_SIGNAL_HANDLER
#error "ClickOS wasm-rt: WASM_RT_MEMCHECK_SIGNAL_HANDLER must be 0 (no signals, no guard pages on MiniOS)"
#endif

/* With the signal handler off, wasm-rt.h counts call depth; make it explicit. */
#ifndef WASM_RT_USE_STACK_DEPTH_COUNT
#define WASM_RT_USE_STACK_DEPTH_COUNT 1
#elif !WASM_RT_USE_STACK_DEPTH_COUNT
#error "ClickOS wasm-rt: WASM_RT_USE_STACK_DEPTH_COUNT must be 1 (call depth is the only stack guard)"
#endif

/* Maximum wasm call depth before a "call stack exhausted" trap. Compiled into
 * the generated code (FUNC_PROLOGUE), so it must be the same for the runtime
 * and the modules. MiniOS threads have small stacks (tens of KiB). */
#ifndef WASM_RT_MAX_CALL_STACK_DEPTH
#define WASM_RT_MAX_CALL_STACK_DEPTH 1000
#endif

/* Default per-module linear memory limit in 64 KiB pages (256 = 16 MiB).
 * Changeable at run time with clickos_rt_set_max_pages(). */
#ifndef CLICKOS_RT_DEFAULT_MAX_PAGES
#define CLICKOS_RT_DEFAULT_MAX_PAGES 256u
#endif

/* Default per-table element limit (funcref and externref tables).
 * Changeable at run time with clickos_rt_set_max_table_elements(). */
#ifndef CLICKOS_RT_DEFAULT_MAX_TABLE_ELEMENTS
#define CLICKOS_RT_DEFAULT_MAX_TABLE_ELEMENTS 65536u
#endif

/* Largest payload of a wasm exception (exception-handling proposal), bytes.
 * Kept in one static buffer. */
#ifndef CLICKOS_RT_MAX_EXCEPTION_SIZE
#define CLICKOS_RT_MAX_EXCEPTION_SIZE 1024u
#endif

#endif /* CLICKOS_RT_CONFIG_H_ */
