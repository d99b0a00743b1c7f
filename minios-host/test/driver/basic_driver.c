/*
 * Test driver for test/wat/basic.wat compiled by wasm2c (module name "basic")
 * against the ClickOS wasm-rt runtime. Used by test/runtime.test.ts.
 *
 * usage: basic_driver [--max-pages N] STEP...
 *   call FN A B     call export FN(A, B) under a guard. After a trap the
 *                   instance is freed, re-instantiated and checked with
 *                   add(2, 3) (reported as "recovered").
 *   reinstantiate   free the instance and instantiate it again
 *   cycles N        N rounds of instantiate / trap (each kind in turn) / free
 *   unguarded FN A B   call FN outside any guard, with a fatal handler that
 *                   prints a line and exits with status 3
 *   unguarded-default FN A B   same, with the default fatal path
 *   nested          a guard inside a host import (clickos.log) that traps,
 *                   then the outer call continues
 * Every step prints one JSON object per line on stdout.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "basic.h"
#include "clickos-rt.h"

/* The embedder defines the import "module instance" struct: the generated
 * code only passes its pointer back to the import functions. */
struct Z_clickos_instance_t {
  unsigned log_calls;
  u32 last_a, last_b;
  int nested_mode;
};

typedef u32 (*export_fn)(Z_basic_instance_t*, u32, u32);

#ifdef DRIVER_COUNTING_ALLOC
#include "counting_alloc.h"
/* Live blocks and calls, to check the runtime uses the configured allocator
 * and frees everything it allocates. */
static long g_live, g_alloc_calls, g_realloc_calls, g_free_calls;
void* counting_alloc(size_t size) {
  g_alloc_calls++;
  g_live++;
  return calloc(1, size);
}
void* counting_realloc(void* ptr, size_t size) {
  void* p = realloc(ptr, size);
  g_realloc_calls++;
  if (ptr == NULL && p != NULL) g_live++;
  return p;
}
void counting_free(void* ptr) {
  g_free_calls++;
  if (ptr != NULL) g_live--;
  free(ptr);
}
#endif

static const struct {
  const char* name;
  export_fn fn;
} kExports[] = {
    {"add", Z_basicZ_add},
    {"sum", Z_basicZ_sum},
    {"load", Z_basicZ_load},
    {"store", Z_basicZ_store},
    {"store_load", Z_basicZ_store_load},
    {"div_s", Z_basicZ_div_s},
    {"rem_u", Z_basicZ_rem_u},
    {"trunc_div", Z_basicZ_trunc_div},
    {"big_trunc", Z_basicZ_big_trunc},
    {"unreachable", Z_basicZ_unreachable},
    {"dispatch", Z_basicZ_dispatch},
    {"depth", Z_basicZ_depth},
    {"recurse", Z_basicZ_recurse},
    {"grow", Z_basicZ_grow},
    {"size", Z_basicZ_size},
    {"log", Z_basicZ_log},
};

static Z_basic_instance_t g_inst;
static struct Z_clickos_instance_t g_clickos;
static int g_instantiated;

static const char* kind_id(clickos_rt_trap_t k) {
  switch (k) {
    case CLICKOS_RT_TRAP_NONE: return "NONE";
    case CLICKOS_RT_TRAP_OOB: return "OOB";
    case CLICKOS_RT_TRAP_INT_OVERFLOW: return "INT_OVERFLOW";
    case CLICKOS_RT_TRAP_DIV_BY_ZERO: return "DIV_BY_ZERO";
    case CLICKOS_RT_TRAP_INVALID_CONVERSION: return "INVALID_CONVERSION";
    case CLICKOS_RT_TRAP_UNREACHABLE: return "UNREACHABLE";
    case CLICKOS_RT_TRAP_CALL_INDIRECT: return "CALL_INDIRECT";
    case CLICKOS_RT_TRAP_UNCAUGHT_EXCEPTION: return "UNCAUGHT_EXCEPTION";
    case CLICKOS_RT_TRAP_EXHAUSTION: return "EXHAUSTION";
    case CLICKOS_RT_TRAP_MEMORY_LIMIT: return "MEMORY_LIMIT";
    case CLICKOS_RT_TRAP_OUT_OF_MEMORY: return "OUT_OF_MEMORY";
  }
  return "UNKNOWN";
}

static export_fn find_export(const char* name) {
  size_t i;
  for (i = 0; i < sizeof(kExports) / sizeof(kExports[0]); ++i) {
    if (strcmp(kExports[i].name, name) == 0) return kExports[i].fn;
  }
  fprintf(stderr, "unknown export %s\n", name);
  exit(2);
}

/* clickos.log: records its arguments; in nested mode it calls back into the
 * module under its own guard (a trapping call), as a host import may. */
void Z_clickosZ_log(struct Z_clickos_instance_t* self, u32 a, u32 b) {
  self->log_calls++;
  self->last_a = a;
  self->last_b = b;
  if (self->nested_mode) {
    clickos_rt_guard_t inner;
    self->nested_mode = 0;
    if (CLICKOS_RT_TRY(&inner) == 0) {
      Z_basicZ_div_s(&g_inst, 1, 0);
      clickos_rt_guard_leave(&inner);
      printf("{\"op\":\"inner\",\"trap\":\"NONE\"}\n");
    } else {
      printf("{\"op\":\"inner\",\"trap\":\"%s\",\"depth\":%u}\n",
             kind_id(clickos_rt_last_trap()), clickos_rt_call_depth());
    }
  }
}

static void free_instance(void) {
  if (g_instantiated) Z_basic_free(&g_inst);
  g_instantiated = 0;
}

/* Instantiate under a guard; prints and returns the trap kind. */
static clickos_rt_trap_t instantiate(int quiet) {
  clickos_rt_guard_t g;
  free_instance(); /* never overwrite a live instance */
  memset(&g_inst, 0, sizeof g_inst); /* so Z_basic_free is safe after a failed instantiate */
  if (CLICKOS_RT_TRY(&g) == 0) {
    Z_basic_instantiate(&g_inst, &g_clickos);
    clickos_rt_guard_leave(&g);
    g_instantiated = 1;
    return CLICKOS_RT_TRAP_NONE;
  }
  Z_basic_free(&g_inst);
  g_instantiated = 0;
  if (!quiet) {
    printf("{\"op\":\"instantiate\",\"trap\":\"%s\",\"message\":\"%s\"}\n",
           kind_id(clickos_rt_last_trap()), clickos_rt_trap_name(clickos_rt_last_trap()));
  }
  return clickos_rt_last_trap();
}

/* Returns 1 if fn trapped. */
static int guarded_call(export_fn fn, u32 a, u32 b, volatile u32* result) {
  clickos_rt_guard_t g;
  if (CLICKOS_RT_TRY(&g) == 0) {
    *result = fn(&g_inst, a, b);
    clickos_rt_guard_leave(&g);
    return 0;
  }
  return 1;
}

static void step_call(const char* name, u32 a, u32 b) {
  volatile u32 result = 0;
  export_fn fn = find_export(name);
  if (!g_instantiated && instantiate(0) != CLICKOS_RT_TRAP_NONE) return;
  if (!guarded_call(fn, a, b, &result)) {
    printf("{\"op\":\"call\",\"fn\":\"%s\",\"result\":%d,\"depth\":%u,\"log_calls\":%u,"
           "\"last_log\":[%u,%u]}\n",
           name, (int)result, clickos_rt_call_depth(), g_clickos.log_calls, g_clickos.last_a,
           g_clickos.last_b);
    return;
  } else {
    clickos_rt_trap_t kind = clickos_rt_last_trap();
    volatile u32 check = 0;
    int recovered_ok;
    unsigned depth_after = clickos_rt_call_depth();
    /* Contain the trap: drop the instance, make a fresh one, use it. */
    free_instance();
    if (instantiate(0) != CLICKOS_RT_TRAP_NONE) return;
    recovered_ok = !guarded_call(Z_basicZ_add, 2, 3, &check);
    printf("{\"op\":\"call\",\"fn\":\"%s\",\"trap\":\"%s\",\"message\":\"%s\",\"depth\":%u,"
           "\"recovered\":%d,\"trap_count\":%llu}\n",
           name, kind_id(kind), clickos_rt_trap_name(kind), depth_after,
           recovered_ok ? (int)check : -1, (unsigned long long)clickos_rt_trap_count());
  }
}

static void step_cycles(unsigned n) {
  static const struct {
    const char* fn;
    u32 a, b;
    clickos_rt_trap_t expect;
  } kTraps[] = {
      {"load", 0x7FFFFFF0u, 0, CLICKOS_RT_TRAP_OOB},
      {"store", 0xFFFFFFFEu, 1, CLICKOS_RT_TRAP_OOB},
      {"unreachable", 0, 0, CLICKOS_RT_TRAP_UNREACHABLE},
      {"div_s", 7, 0, CLICKOS_RT_TRAP_DIV_BY_ZERO},
      {"div_s", 0x80000000u, 0xFFFFFFFFu, CLICKOS_RT_TRAP_INT_OVERFLOW},
      {"trunc_div", 0, 0, CLICKOS_RT_TRAP_INVALID_CONVERSION},
      {"dispatch", 2, 1, CLICKOS_RT_TRAP_CALL_INDIRECT},
      {"recurse", 0, 0, CLICKOS_RT_TRAP_EXHAUSTION},
  };
  const unsigned nk = sizeof(kTraps) / sizeof(kTraps[0]);
  unsigned i, traps = 0, wrong = 0, ok = 0;
  for (i = 0; i < n; ++i) {
    volatile u32 r = 0;
    const unsigned k = i % nk;
    if (instantiate(0) != CLICKOS_RT_TRAP_NONE) return;
    if (!guarded_call(Z_basicZ_grow, 1, 0, &r) && r == 1) ok++;
    if (guarded_call(find_export(kTraps[k].fn), kTraps[k].a, kTraps[k].b, &r)) {
      traps++;
      if (clickos_rt_last_trap() != kTraps[k].expect) wrong++;
    }
    free_instance();
  }
  printf("{\"op\":\"cycles\",\"n\":%u,\"traps\":%u,\"wrong_kind\":%u,\"ok\":%u,\"depth\":%u}\n", n,
         traps, wrong, ok, clickos_rt_call_depth());
}

static void test_fatal(clickos_rt_trap_t kind, const char* message) {
  printf("{\"op\":\"fatal\",\"trap\":\"%s\",\"message\":\"%s\"}\n", kind_id(kind), message);
  fflush(stdout);
  exit(3);
}

int main(int argc, char** argv) {
  int i = 1;
  setvbuf(stdout, NULL, _IONBF, 0);
  wasm_rt_init();
  if (argc > 2 && strcmp(argv[1], "--max-pages") == 0) {
    clickos_rt_set_max_pages((uint32_t)strtoul(argv[2], NULL, 0));
    i = 3;
  }
  Z_basic_init_module();
  while (i < argc) {
    const char* op = argv[i++];
    if (strcmp(op, "call") == 0 && i + 2 < argc) {
      const char* fn = argv[i];
      u32 a = (u32)strtoll(argv[i + 1], NULL, 0);
      u32 b = (u32)strtoll(argv[i + 2], NULL, 0);
      i += 3;
      step_call(fn, a, b);
    } else if (strcmp(op, "reinstantiate") == 0) {
      free_instance();
      if (instantiate(0) == CLICKOS_RT_TRAP_NONE) printf("{\"op\":\"reinstantiate\"}\n");
    } else if (strcmp(op, "cycles") == 0 && i < argc) {
      step_cycles((unsigned)strtoul(argv[i++], NULL, 0));
    } else if ((strcmp(op, "unguarded") == 0 || strcmp(op, "unguarded-default") == 0) &&
               i + 2 < argc) {
      export_fn fn = find_export(argv[i]);
      u32 a = (u32)strtoll(argv[i + 1], NULL, 0);
      u32 b = (u32)strtoll(argv[i + 2], NULL, 0);
      i += 3;
      if (strcmp(op, "unguarded") == 0) clickos_rt_set_fatal_handler(test_fatal);
      if (!g_instantiated && instantiate(0) != CLICKOS_RT_TRAP_NONE) return 1;
      printf("{\"op\":\"unguarded\",\"result\":%d}\n", (int)fn(&g_inst, a, b));
    } else if (strcmp(op, "nested") == 0) {
      volatile u32 r = 0;
      if (!g_instantiated && instantiate(0) != CLICKOS_RT_TRAP_NONE) return 1;
      g_clickos.nested_mode = 1;
      if (!guarded_call(Z_basicZ_log, 7, 8, &r)) {
        printf("{\"op\":\"nested\",\"result\":%d,\"depth\":%u,\"log_calls\":%u}\n", (int)r,
               clickos_rt_call_depth(), g_clickos.log_calls);
      } else {
        printf("{\"op\":\"nested\",\"trap\":\"%s\"}\n", kind_id(clickos_rt_last_trap()));
      }
    } else {
      fprintf(stderr, "bad step %s\n", op);
      return 2;
    }
  }
  free_instance();
  wasm_rt_free();
#ifdef DRIVER_COUNTING_ALLOC
  printf("{\"op\":\"allocator\",\"alloc\":%ld,\"realloc\":%ld,\"free\":%ld,\"live\":%ld}\n",
         g_alloc_calls, g_realloc_calls, g_free_calls, g_live);
#endif
  return 0;
}
