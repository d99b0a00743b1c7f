/*
 * ClickOS wrapper around wabt's wasm-rt.h.
 *
 * Put minios-host/runtime/include first on the include path (-I) when compiling
 * the runtime and wasm2c-generated modules: the generated code's
 * `#include "wasm-rt.h"` then lands here, the ClickOS configuration (bounds
 * checks, no signals, call-depth limit) is applied, and the real header from
 * the installed wabt package (Debian: /usr/include/wasm-rt.h) is pulled in with
 * #include_next. Nothing of wabt's is copied into this repository.
 */
#ifndef CLICKOS_WASM_RT_WRAPPER_H_
#define CLICKOS_WASM_RT_WRAPPER_H_

#include "../clickos-rt-config.h"

#include_next <wasm-rt.h>

#if WASM_RT_MEMCHECK_SIGNAL_HANDLER || !WASM_RT_USE_STACK_DEPTH_COUNT
#error "ClickOS wasm-rt: wasm-rt.h was configured for signals/guard pages"
#endif

#endif /* CLICKOS_WASM_RT_WRAPPER_H_ */
