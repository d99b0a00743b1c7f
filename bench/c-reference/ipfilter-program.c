/* Plain C reference for IPFilter/IPClassifier as Click builds them: the rules
 * compiled once into a decision program, interpreted per packet. Click's own
 * IPFilter is such an interpreter (over Classifier's program); this one runs
 * the very program the element compiled — its "program" handler's listing,
 * passed as the arguments with ';' between lines — with the element's
 * header rules, so the figure compares the same algorithm in C and through
 * WebAssembly. (ipfilter.c is the other reference: the rules written out by
 * hand as C tests, the best case for C.)
 *
 * Listing lines: "entry T" and
 *   "I: ip|transp|ether[OFF:NB] [>> SHIFT] & 0xMASK ==|> VALUE  yes T  no T  short T"
 * where T is an instruction index, "[k]" (output k) or "[drop]". Jumps go to
 * lower indexes only, so a run always ends. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cref.h"

enum { B_NET, B_TRANSPORT, B_MAC };
#define OUT(k) (-2 - (k))   /* a target that leaves on output k; -1 drops */

typedef struct { uint8_t base, nb, wshift, eq; uint16_t off; uint32_t mask, value; int32_t yes, no, shrt; } insn;
typedef struct { int32_t entry; int n; insn* code; } program;

static int target(const char* s, int32_t* t) {
  int k;
  if (strncmp(s, "[drop]", 6) == 0) { *t = -1; return 1; }
  if (sscanf(s, "[%d]", &k) == 1) { *t = OUT(k); return 1; }
  return sscanf(s, "%d", t) == 1;
}

static void* program_init(const char* args, int noutputs, const char** err) {
  program* pr = (program*)calloc(1, sizeof *pr);
  const char* s = args;
  (void)noutputs;
  pr->code = (insn*)calloc(strlen(args) / 16 + 1, sizeof(insn));
  while (*s) {
    const char* end = strchr(s, ';');
    char line[256], base[8], op[3], y[16], no[16], sh[16];
    size_t len = end ? (size_t)(end - s) : strlen(s);
    int i, off, nb, shift = 0;
    unsigned mask, value;
    if (len >= sizeof line) { *err = "program line too long"; return NULL; }
    memcpy(line, s, len);
    line[len] = 0;
    s += len + (end ? 1 : 0);
    if (!line[0]) continue;
    if (strncmp(line, "entry ", 6) == 0) {
      if (!target(line + 6, &pr->entry)) { *err = "bad entry line"; return NULL; }
      continue;
    }
    if (sscanf(line, "%d: %7[a-z][%d:%d]", &i, base, &off, &nb) != 4 || i != pr->n || nb < 1 || nb > 4) { *err = "bad program line"; return NULL; }
    {
      const char* rest = strstr(line, "& 0x"), *sr = strstr(line, ">> ");
      if (sr && rest && sr < rest) shift = atoi(sr + 3);
      if (!rest || sscanf(rest, "& 0x%x %2s %u yes %15s no %15s short %15s", &mask, op, &value, y, no, sh) != 6) { *err = "bad program line"; return NULL; }
    }
    {
      insn* in = &pr->code[pr->n++];
      in->base = strcmp(base, "ip") == 0 ? B_NET : strcmp(base, "transp") == 0 ? B_TRANSPORT : B_MAC;
      in->off = (uint16_t)off;
      in->nb = (uint8_t)nb;
      in->wshift = (uint8_t)((4 - nb) * 8 + shift);   /* from the word at the field */
      in->mask = mask;
      in->eq = strcmp(op, "==") == 0;
      in->value = value;
      if (!target(y, &in->yes) || !target(no, &in->no) || !target(sh, &in->shrt)) { *err = "bad jump target"; return NULL; }
    }
  }
  return pr;
}

static void program_push(void* st, clickos_packet* p, uint32_t n) {
  const program* pr = (const program*)st;
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t* d = pdata(&p[i]);
    int32_t len = (int32_t)p[i].len, pc = pr->entry, room = (int32_t)(p[i].cap - p[i].off);
    int32_t net = p[i].net == CLICKOS_NO_HEADER ? -1 : p[i].net - (int32_t)p[i].off;
    int32_t mac = p[i].mac == CLICKOS_NO_HEADER ? -1 : p[i].mac - (int32_t)p[i].off;
    int32_t start[3], avail[3];
    if (net < 0 || net >= len) net = 0;
    if (mac >= len) mac = -1;
    start[B_NET] = net; avail[B_NET] = 0;
    start[B_TRANSPORT] = 0; avail[B_TRANSPORT] = 0;
    start[B_MAC] = mac; avail[B_MAC] = mac < 0 ? 0 : len - mac;
    if (ip_valid(d + net, (uint32_t)(len - net))) {
      avail[B_NET] = len - net;
      start[B_TRANSPORT] = net + ((d[net] & 15) << 2);
      avail[B_TRANSPORT] = len - start[B_TRANSPORT];
    }
    while (pc >= 0) {
      const insn* in = &pr->code[pc];
      int32_t at = start[in->base] + in->off;
      uint32_t v = 0;
      if (in->off + in->nb > avail[in->base]) { pc = in->shrt; continue; }
      /* The 32-bit word at the field, the bytes after it shifted out (as Click
       * reads its classifier words); near the end of the buffer, byte by byte. */
      if (at + 4 <= room) v = __builtin_bswap32(rd32raw(d + at));
      else for (int k = 0; k < 4; k++) v = v << 8 | (at + k < len ? d[at + k] : 0);
      v = (v >> in->wshift) & in->mask;
      pc = (in->eq ? v == in->value : v > in->value) ? in->yes : in->no;
    }
    p[i].port = pc == -1 ? CLICKOS_DROP : -2 - pc;
  }
}

const cref_def cref_ipfilter_program[] = {
  { "ipfilter_program", program_init, program_push },
  { NULL, NULL, NULL },
};
