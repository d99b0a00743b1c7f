/*
 * clickos-rt.c — the ClickOS wasm-rt runtime (see clickos-rt.h, README.md).
 *
 * Written for ClickOS from the contract in wabt 1.0.32's wasm-rt.h; no wabt
 * runtime code is used. Freestanding-friendly: it needs only memcpy/memset,
 * setjmp/longjmp, an allocator (CLICKOS_RT_ALLOC/REALLOC/FREE) and, in hosted
 * builds, stdio for the fatal message.
 */
#include "clickos-rt.h"

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if __STDC_HOSTED__ && !defined(CLICKOS_RT_FATAL)
#include <stdio.h>
#endif

#if WASM_RT_MEMCHECK_SIGNAL_HANDLER || !WASM_RT_USE_STACK_DEPTH_COUNT
#error "clickos-rt.c must be built with bounds checks and call-depth counting"
#endif

/* ---- allocator -------------------------------------------------------- */

/* A header declaring a custom allocator (and usually defining the three macros
 * below), e.g. -DCLICKOS_RT_ALLOCATOR_HEADER='"minios-alloc.h"'. */
#ifdef CLICKOS_RT_ALLOCATOR_HEADER
#include CLICKOS_RT_ALLOCATOR_HEADER
#endif

/* CLICKOS_RT_ALLOC(size) must return zero-filled memory (calloc semantics). */
#ifndef CLICKOS_RT_ALLOC
#define CLICKOS_RT_ALLOC(size) calloc(1, (size))
#endif
#ifndef CLICKOS_RT_REALLOC
#define CLICKOS_RT_REALLOC(ptr, size) realloc((ptr), (size))
#endif
#ifndef CLICKOS_RT_FREE
#define CLICKOS_RT_FREE(ptr) free(ptr)
#endif

#define CLICKOS_RT_PAGE_SIZE 65536u
/* pages * 64 KiB must fit the uint32_t `size` field of wasm_rt_memory_t. */
#define CLICKOS_RT_PAGES_CAP 65535u

/* ---- state ------------------------------------------------------------ */

/* Required by wasm-rt.h (WASM_RT_USE_STACK_DEPTH_COUNT): the generated
 * FUNC_PROLOGUE/FUNC_EPILOGUE increment and decrement it. */
uint32_t wasm_rt_call_stack_depth;

typedef struct {
  uint32_t param_count;
  uint32_t result_count;
  wasm_rt_type_t* types; /* params then results */
} clickos_rt_func_type_t;

static bool g_initialized;
static clickos_rt_guard_t* g_guard;
static WASM_RT_UNWIND_TARGET* g_unwind_target;
static clickos_rt_trap_t g_last_trap;
static uint64_t g_trap_count;
static clickos_rt_fatal_fn g_fatal_handler;
static uint32_t g_max_pages = CLICKOS_RT_DEFAULT_MAX_PAGES;
static uint32_t g_max_table_elements = CLICKOS_RT_DEFAULT_MAX_TABLE_ELEMENTS;

static clickos_rt_func_type_t* g_func_types;
static uint32_t g_func_type_count;

static uint32_t g_tag_count;
static uint32_t g_exception_tag;
static uint32_t g_exception_size;
static uint8_t g_exception[CLICKOS_RT_MAX_EXCEPTION_SIZE];

/* ---- fatal path ------------------------------------------------------- */

static WASM_RT_NO_RETURN void rt_fatal(clickos_rt_trap_t kind, const char* msg) {
  if (g_fatal_handler) {
    g_fatal_handler(kind, msg);
  }
#ifdef CLICKOS_RT_FATAL
  CLICKOS_RT_FATAL(kind, msg);
  __builtin_trap();
#elif __STDC_HOSTED__
  fprintf(stderr, "clickos-rt: fatal: %s (%s)\n", msg, clickos_rt_trap_name(kind));
  fflush(stderr);
  abort();
#else
  clickos_rt_platform_fatal(msg);
#endif
}

void clickos_rt_set_fatal_handler(clickos_rt_fatal_fn fn) {
  g_fatal_handler = fn;
}

/* ---- traps ------------------------------------------------------------ */

const char* clickos_rt_trap_name(clickos_rt_trap_t kind) {
  switch (kind) {
    case CLICKOS_RT_TRAP_NONE:
      return "no trap";
    case CLICKOS_RT_TRAP_OOB:
      return "out of bounds memory access";
    case CLICKOS_RT_TRAP_INT_OVERFLOW:
      return "integer overflow";
    case CLICKOS_RT_TRAP_DIV_BY_ZERO:
      return "integer divide by zero";
    case CLICKOS_RT_TRAP_INVALID_CONVERSION:
      return "invalid conversion to integer";
    case CLICKOS_RT_TRAP_UNREACHABLE:
      return "unreachable executed";
    case CLICKOS_RT_TRAP_CALL_INDIRECT:
      return "indirect call type mismatch or null/out of range table entry";
    case CLICKOS_RT_TRAP_UNCAUGHT_EXCEPTION:
      return "uncaught exception";
#if !WASM_RT_MERGED_OOB_AND_EXHAUSTION_TRAPS
    case CLICKOS_RT_TRAP_EXHAUSTION:
      return "call stack exhausted";
#endif
    case CLICKOS_RT_TRAP_MEMORY_LIMIT:
      return "memory limit exceeded";
    case CLICKOS_RT_TRAP_OUT_OF_MEMORY:
      return "host out of memory";
  }
  return "unknown trap";
}

const char* wasm_rt_strerror(wasm_rt_trap_t trap) {
  return clickos_rt_trap_name((clickos_rt_trap_t)trap);
}

clickos_rt_trap_t clickos_rt_last_trap(void) {
  return g_last_trap;
}

uint64_t clickos_rt_trap_count(void) {
  return g_trap_count;
}

void clickos_rt_clear_trap(void) {
  g_last_trap = CLICKOS_RT_TRAP_NONE;
  g_trap_count = 0;
}

void clickos_rt_trap(clickos_rt_trap_t kind) {
  clickos_rt_guard_t* g = g_guard;
  if (kind == CLICKOS_RT_TRAP_NONE) {
    kind = CLICKOS_RT_TRAP_UNREACHABLE; /* a trap always has a reason */
  }
  g_last_trap = kind;
  g_trap_count++;
  if (g == NULL) {
    wasm_rt_call_stack_depth = 0;
    rt_fatal(kind, "wasm trap with no active clickos_rt guard");
  }
  /* Pop the guard and restore the state it saved, then unwind to it. */
  g_guard = g->prev;
  g_unwind_target = g->saved_unwind_target;
  wasm_rt_call_stack_depth = g->saved_call_depth;
  longjmp(g->env, (int)kind);
  __builtin_unreachable(); /* newlib 1.16 (MiniOS) does not declare longjmp noreturn */
}

void wasm_rt_trap(wasm_rt_trap_t code) {
  clickos_rt_trap((clickos_rt_trap_t)code);
}

/* ---- guards ----------------------------------------------------------- */

void clickos_rt_guard_enter(clickos_rt_guard_t* g) {
  g->prev = g_guard;
  g->saved_unwind_target = g_unwind_target;
  g->saved_call_depth = wasm_rt_call_stack_depth;
  g_guard = g;
  /* An exception not caught inside wasm unwinds to this guard. */
  g_unwind_target = &g->env;
}

void clickos_rt_guard_leave(clickos_rt_guard_t* g) {
  if (g_guard != g) {
    rt_fatal(CLICKOS_RT_TRAP_NONE, "clickos_rt_guard_leave: guard is not the innermost one");
  }
  g_guard = g->prev;
  g_unwind_target = g->saved_unwind_target;
  wasm_rt_call_stack_depth = g->saved_call_depth;
}

clickos_rt_guard_t* clickos_rt_current_guard(void) {
  return g_guard;
}

clickos_rt_trap_t clickos_rt_call(void (*fn)(void* arg), void* arg) {
  clickos_rt_guard_t g;
  if (CLICKOS_RT_TRY(&g) == 0) {
    fn(arg);
    clickos_rt_guard_leave(&g);
    return CLICKOS_RT_TRAP_NONE;
  }
  return g_last_trap;
}

uint32_t clickos_rt_call_depth(void) {
  return wasm_rt_call_stack_depth;
}

/* ---- init / free ------------------------------------------------------ */

void wasm_rt_init(void) {
  g_initialized = true;
  g_guard = NULL;
  g_unwind_target = NULL;
  wasm_rt_call_stack_depth = 0;
}

bool wasm_rt_is_initialized(void) {
  return g_initialized;
}

void wasm_rt_free(void) {
  uint32_t i;
  for (i = 0; i < g_func_type_count; ++i) {
    CLICKOS_RT_FREE(g_func_types[i].types);
  }
  CLICKOS_RT_FREE(g_func_types);
  g_func_types = NULL;
  g_func_type_count = 0;
  g_tag_count = 0;
  g_initialized = false;
}

/* ---- limits ----------------------------------------------------------- */

void clickos_rt_set_max_pages(uint32_t pages) {
  g_max_pages = pages > CLICKOS_RT_PAGES_CAP ? CLICKOS_RT_PAGES_CAP : pages;
}

uint32_t clickos_rt_get_max_pages(void) {
  return g_max_pages;
}

void clickos_rt_set_max_table_elements(uint32_t elements) {
  g_max_table_elements = elements;
}

uint32_t clickos_rt_get_max_table_elements(void) {
  return g_max_table_elements;
}

/* ---- function types --------------------------------------------------- */

static bool func_type_matches(const clickos_rt_func_type_t* t,
                              uint32_t params,
                              uint32_t results,
                              va_list args) {
  uint32_t i;
  if (t->param_count != params || t->result_count != results) {
    return false;
  }
  for (i = 0; i < params + results; ++i) {
    /* wasm_rt_type_t is promoted to int through varargs. */
    if (t->types[i] != (wasm_rt_type_t)va_arg(args, int)) {
      return false;
    }
  }
  return true;
}

uint32_t wasm_rt_register_func_type(uint32_t params, uint32_t results, ...) {
  va_list args;
  uint32_t i;
  uint32_t n = params + results;
  clickos_rt_func_type_t* grown;
  wasm_rt_type_t* types = NULL;

  for (i = 0; i < g_func_type_count; ++i) {
    bool same;
    va_start(args, results);
    same = func_type_matches(&g_func_types[i], params, results, args);
    va_end(args);
    if (same) {
      return i + 1; /* indices start at 1; 0 is the null funcref's type */
    }
  }

  if (n > 0) {
    types = (wasm_rt_type_t*)CLICKOS_RT_ALLOC((size_t)n * sizeof(wasm_rt_type_t));
    if (types == NULL) {
      clickos_rt_trap(CLICKOS_RT_TRAP_OUT_OF_MEMORY);
    }
    va_start(args, results);
    for (i = 0; i < n; ++i) {
      types[i] = (wasm_rt_type_t)va_arg(args, int);
    }
    va_end(args);
  }
  grown = (clickos_rt_func_type_t*)CLICKOS_RT_REALLOC(
      g_func_types, (size_t)(g_func_type_count + 1) * sizeof(clickos_rt_func_type_t));
  if (grown == NULL) {
    CLICKOS_RT_FREE(types);
    clickos_rt_trap(CLICKOS_RT_TRAP_OUT_OF_MEMORY);
  }
  g_func_types = grown;
  g_func_types[g_func_type_count].param_count = params;
  g_func_types[g_func_type_count].result_count = results;
  g_func_types[g_func_type_count].types = types;
  return ++g_func_type_count;
}

uint32_t clickos_rt_func_type_count(void) {
  return g_func_type_count;
}

/* ---- exceptions (exception-handling proposal) ---------------------------- */

uint32_t wasm_rt_register_tag(uint32_t size) {
  if (size > CLICKOS_RT_MAX_EXCEPTION_SIZE) {
    clickos_rt_trap(CLICKOS_RT_TRAP_EXHAUSTION);
  }
  return g_tag_count++;
}

void wasm_rt_load_exception(uint32_t tag, uint32_t size, const void* values) {
  if (size > CLICKOS_RT_MAX_EXCEPTION_SIZE) {
    clickos_rt_trap(CLICKOS_RT_TRAP_EXHAUSTION);
  }
  g_exception_tag = tag;
  g_exception_size = size;
  if (size) {
    memcpy(g_exception, values, size);
  }
}

void wasm_rt_throw(void) {
  WASM_RT_UNWIND_TARGET* target = g_unwind_target;
  if (target == NULL || g_guard == NULL || target == &g_guard->env) {
    /* Not caught inside wasm: it is a trap at the guard. */
    clickos_rt_trap(CLICKOS_RT_TRAP_UNCAUGHT_EXCEPTION);
  }
  longjmp(*target, (int)WASM_RT_TRAP_UNCAUGHT_EXCEPTION);
  __builtin_unreachable(); /* as above */
}

WASM_RT_UNWIND_TARGET* wasm_rt_get_unwind_target(void) {
  return g_unwind_target;
}

void wasm_rt_set_unwind_target(WASM_RT_UNWIND_TARGET* target) {
  g_unwind_target = target;
}

uint32_t wasm_rt_exception_tag(void) {
  return g_exception_tag;
}

uint32_t wasm_rt_exception_size(void) {
  return g_exception_size;
}

void* wasm_rt_exception(void) {
  return g_exception;
}

/* ---- linear memory ---------------------------------------------------- */

/* Zero-sized memories still get a small block so `data` is never NULL. */
#define CLICKOS_RT_MIN_BLOCK 16u

void wasm_rt_allocate_memory(wasm_rt_memory_t* memory,
                             uint32_t initial_pages,
                             uint32_t max_pages) {
  uint32_t limit = g_max_pages;
  uint32_t bytes;
  memory->data = NULL;
  memory->pages = 0;
  memory->size = 0;
  memory->max_pages = 0;
  if (max_pages > limit) {
    max_pages = limit;
  }
  if (initial_pages > max_pages) {
    clickos_rt_trap(CLICKOS_RT_TRAP_MEMORY_LIMIT);
  }
  bytes = initial_pages * CLICKOS_RT_PAGE_SIZE;
  memory->data = (uint8_t*)CLICKOS_RT_ALLOC(bytes ? bytes : CLICKOS_RT_MIN_BLOCK);
  if (memory->data == NULL) {
    clickos_rt_trap(CLICKOS_RT_TRAP_OUT_OF_MEMORY);
  }
  memory->pages = initial_pages;
  memory->size = bytes;
  memory->max_pages = max_pages;
}

uint32_t wasm_rt_grow_memory(wasm_rt_memory_t* memory, uint32_t delta) {
  uint32_t old_pages = memory->pages;
  uint32_t new_pages;
  uint32_t old_size;
  uint32_t new_size;
  uint8_t* data;
  if (delta == 0) {
    return old_pages;
  }
  if (delta > memory->max_pages || old_pages > memory->max_pages - delta) {
    return UINT32_MAX;
  }
  new_pages = old_pages + delta;
  old_size = memory->size;
  new_size = new_pages * CLICKOS_RT_PAGE_SIZE;
  data = (uint8_t*)CLICKOS_RT_REALLOC(memory->data, new_size);
  if (data == NULL) {
    return UINT32_MAX; /* wasm allows memory.grow to fail */
  }
  memset(data + old_size, 0, new_size - old_size);
  memory->data = data;
  memory->pages = new_pages;
  memory->size = new_size;
  return old_pages;
}

void wasm_rt_free_memory(wasm_rt_memory_t* memory) {
  CLICKOS_RT_FREE(memory->data);
  memory->data = NULL;
  memory->pages = 0;
  memory->size = 0;
}

/* ---- tables ----------------------------------------------------------- */

#define CLICKOS_RT_DEFINE_TABLE(type)                                            \
  void wasm_rt_allocate_##type##_table(wasm_rt_##type##_table_t* table,          \
                                       uint32_t elements, uint32_t max_elements) { \
    uint32_t limit = g_max_table_elements;                                       \
    table->data = NULL;                                                          \
    table->size = 0;                                                             \
    table->max_size = 0;                                                         \
    if (max_elements > limit) {                                                  \
      max_elements = limit;                                                      \
    }                                                                            \
    if (elements > max_elements) {                                               \
      clickos_rt_trap(CLICKOS_RT_TRAP_MEMORY_LIMIT);                             \
    }                                                                            \
    table->data = (wasm_rt_##type##_t*)CLICKOS_RT_ALLOC(                         \
        elements ? (size_t)elements * sizeof(wasm_rt_##type##_t)                 \
                 : CLICKOS_RT_MIN_BLOCK);                                        \
    if (table->data == NULL) {                                                   \
      clickos_rt_trap(CLICKOS_RT_TRAP_OUT_OF_MEMORY);                            \
    }                                                                            \
    table->size = elements;                                                      \
    table->max_size = max_elements;                                              \
  }                                                                              \
                                                                                 \
  void wasm_rt_free_##type##_table(wasm_rt_##type##_table_t* table) {            \
    CLICKOS_RT_FREE(table->data);                                                \
    table->data = NULL;                                                          \
    table->size = 0;                                                             \
  }                                                                              \
                                                                                 \
  uint32_t wasm_rt_grow_##type##_table(wasm_rt_##type##_table_t* table,          \
                                       uint32_t delta, wasm_rt_##type##_t init) { \
    uint32_t old_size = table->size;                                             \
    uint32_t new_size;                                                           \
    uint32_t i;                                                                  \
    wasm_rt_##type##_t* data;                                                    \
    if (delta == 0) {                                                            \
      return old_size;                                                           \
    }                                                                            \
    if (delta > table->max_size || old_size > table->max_size - delta) {         \
      return UINT32_MAX;                                                         \
    }                                                                            \
    new_size = old_size + delta;                                                 \
    data = (wasm_rt_##type##_t*)CLICKOS_RT_REALLOC(                              \
        table->data, (size_t)new_size * sizeof(wasm_rt_##type##_t));             \
    if (data == NULL) {                                                          \
      return UINT32_MAX;                                                         \
    }                                                                            \
    for (i = old_size; i < new_size; ++i) {                                      \
      data[i] = init;                                                            \
    }                                                                            \
    table->data = data;                                                          \
    table->size = new_size;                                                      \
    return old_size;                                                             \
  }

CLICKOS_RT_DEFINE_TABLE(funcref)
CLICKOS_RT_DEFINE_TABLE(externref)
