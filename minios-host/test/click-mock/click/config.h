/* Mock of Click's <click/config.h>: only what the generated ClickOS glue uses.
 * Declarations written for this test (minios-host/test/click-classes.test.ts);
 * they mirror Click's names and signatures, not its code. */
#ifndef CLICK_MOCK_CONFIG_H
#define CLICK_MOCK_CONFIG_H
#define CLICK_DECLS
#define CLICK_ENDDECLS
#define CLICK_USING_DECLS
/* click-buildtool reads these lines; the compiler ignores them. */
#define EXPORT_ELEMENT(x)
#define ELEMENT_REQUIRES(x)
#define ELEMENT_PROVIDES(x)
#define ELEMENT_LIBS(x)
#ifndef HAVE_BATCH
# define HAVE_BATCH 0
#endif
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>
#endif
