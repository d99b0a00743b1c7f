/* Test allocator for the runtime: compiled into clickos-rt.c through
 * -DCLICKOS_RT_ALLOCATOR_HEADER='"counting_alloc.h"' -DDRIVER_COUNTING_ALLOC. */
#ifndef COUNTING_ALLOC_H_
#define COUNTING_ALLOC_H_
#include <stddef.h>

void* counting_alloc(size_t size);
void* counting_realloc(void* ptr, size_t size);
void counting_free(void* ptr);

#define CLICKOS_RT_ALLOC(size) counting_alloc(size)
#define CLICKOS_RT_REALLOC(ptr, size) counting_realloc((ptr), (size))
#define CLICKOS_RT_FREE(ptr) counting_free(ptr)
#endif
