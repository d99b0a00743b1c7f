/* Plain C reference for ContentIDS: an Aho-Corasick automaton compiled at init
 * into a full DFA (256 next-state entries per state, accepting states numbered
 * last so "accepting?" is one comparison), one table load per payload byte, the
 * distinct rules found per packet deduplicated with a per-scan stamp; payload
 * located after the IPv4 header and the TCP/UDP header as the element does.
 * Args: the rules' bytes, each hex-encoded, separated by spaces. */
#include <stdio.h>
#include <stdlib.h>
#include "cref.h"

#define MAXS 8192
#define MAXR 64

typedef struct {
  uint32_t* table;        /* state * 256 + byte -> next state * 256 */
  uint32_t acc;           /* first accepting state * 256 */
  int32_t* out_start;     /* per accepting state: rules [out_start[k], out_start[k+1]) in out_list */
  int32_t* out_list;
  uint32_t stamp[MAXR], scan_no;
  int32_t matched[MAXR], nmatched, nrules;
  uint64_t alerts, hits[MAXR], scanned;
  int noutputs;
} ids;

static void* ids_init(const char* args, int noutputs, const char** err) {
  static int32_t go[MAXS][256], fail[MAXS], queue[MAXS], map[MAXS], byNew[MAXS];
  static uint64_t outs[MAXS];      /* bit set of rules ending here (<= 64 rules) */
  ids* s = (ids*)calloc(1, sizeof *s);
  int n = 1, nr = 0;
  const char* a = args;
  for (int c = 0; c < 256; c++) go[0][c] = -1;
  outs[0] = 0;
  /* 1. the trie */
  while (*a) {
    int st = 0;
    while (*a == ' ') a++;
    if (!*a) break;
    if (nr == MAXR) { *err = "too many rules"; return NULL; }
    while (*a && *a != ' ') {
      unsigned v;
      if (sscanf(a, "%2x", &v) != 1) { *err = "bad hex"; return NULL; }
      a += 2;
      if (go[st][v] < 0) {
        if (n == MAXS) { *err = "too many states"; return NULL; }
        for (int c = 0; c < 256; c++) go[n][c] = -1;
        outs[n] = 0;
        go[st][v] = n++;
      }
      st = go[st][v];
    }
    outs[st] |= (uint64_t)1 << nr++;
  }
  /* 2. failure links breadth first, completing the DFA */
  int qh = 0, qt = 0;
  for (int c = 0; c < 256; c++) {
    if (go[0][c] < 0) go[0][c] = 0;
    else { fail[go[0][c]] = 0; queue[qt++] = go[0][c]; }
  }
  while (qh < qt) {
    int r = queue[qh++];
    outs[r] |= outs[fail[r]];
    for (int c = 0; c < 256; c++) {
      int u = go[r][c];
      if (u < 0) go[r][c] = go[fail[r]][c];
      else { fail[u] = go[fail[r]][c]; queue[qt++] = u; }
    }
  }
  /* 3. renumber: non-accepting first, then accepting */
  int next = 0, first_acc;
  for (int q = 0; q < n; q++) if (!outs[q]) map[q] = next++;
  first_acc = next;
  for (int q = 0; q < n; q++) if (outs[q]) map[q] = next++;
  for (int q = 0; q < n; q++) byNew[map[q]] = q;
  s->table = (uint32_t*)malloc(sizeof(uint32_t) * 256 * (size_t)n);
  for (int q = 0; q < n; q++)
    for (int c = 0; c < 256; c++) s->table[map[q] * 256 + c] = (uint32_t)map[go[q][c]] * 256;
  s->acc = (uint32_t)first_acc * 256;
  s->out_start = (int32_t*)malloc(sizeof(int32_t) * (size_t)(n - first_acc + 1));
  s->out_list = (int32_t*)malloc(sizeof(int32_t) * (size_t)(n * 2 + nr + 1));
  int o = 0;
  for (int k = 0; k < n - first_acc; k++) {
    s->out_start[k] = o;
    for (int r = 0; r < nr; r++) if (outs[byNew[first_acc + k]] >> r & 1) s->out_list[o++] = r;
  }
  s->out_start[n - first_acc] = o;
  s->nrules = nr;
  s->noutputs = noutputs;
  return s;
}

static void ids_push(void* st, clickos_packet* p, uint32_t n) {
  ids* s = (ids*)st;
  const uint32_t* tbl = s->table;
  for (uint32_t i = 0; i < n; i++) {
    int32_t at = p[i].net == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].net;
    uint8_t* d = p[i].buf + at;
    uint32_t avail = p[i].off + p[i].len - (uint32_t)at, hl, tl, off, q, state = 0;
    uint8_t proto;
    p[i].port = 0;
    if (!ip_valid(d, avail)) continue;
    hl = (uint32_t)(d[0] & 15) << 2;
    tl = rd16(d + 2);
    if (tl >= hl && tl < avail) avail = tl;
    proto = d[9];
    off = hl;
    if ((proto == 6 || proto == 17) && (rd16(d + 6) & 0x1fff) == 0) {
      if (proto == 17) off += 8;
      else if (avail >= off + 20) { uint32_t th = (uint32_t)(d[off + 12] >> 4) << 2; off += th > 20 ? th : 20; }
      else off = avail;
      if (off > avail) off = avail;
    }
    s->scanned += avail - off;
    s->nmatched = 0;
    if (++s->scan_no == 0) { memset(s->stamp, 0, sizeof s->stamp); s->scan_no = 1; }
    for (q = off; q < avail; q++) {
      state = tbl[state + d[q]];
      if (state >= s->acc) {
        uint32_t k = (state - s->acc) >> 8;
        for (int32_t j = s->out_start[k]; j < s->out_start[k + 1]; j++) {
          int32_t id = s->out_list[j];
          if (s->stamp[id] != s->scan_no) { s->stamp[id] = s->scan_no; s->matched[s->nmatched++] = id; }
        }
      }
    }
    if (s->nmatched) {
      int32_t best = -1;
      for (int32_t k = 0; k < s->nmatched; k++) {
        int32_t r = s->matched[k];
        s->hits[r]++;
        if (best < 0 || r < best) best = r;
      }
      s->alerts++;
      p[i].port = s->noutputs > 1 ? 1 : CLICKOS_DROP;   /* MODE alert: matches to output 1 */
    }
  }
}

const cref_def cref_ids[] = {
  { "ids", ids_init, ids_push },
  { NULL, NULL, NULL },
};
