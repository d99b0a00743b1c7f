/* Plain C references for the stateful elements' fast path:
 * - nat_rewrite: IPRewriter / CGNAT (args "src": source rewritten to a public
 *   address and port) and IPLoadBalancer ("dst": destination rewritten to a
 *   backend): parse, 5-tuple lookup in the flow table (both directions are
 *   installed on a miss), expiry check, address and port rewrite with RFC 1624
 *   incremental IP and TCP/UDP checksum updates, expiry refresh.
 * - aggregateipflows: canonical host-pair lookup, flow numbering, the aggregate
 *   and paint annotations, per-direction packet and byte counters.
 * The same flow table (flowtable.h) as the elements; the same timestamps. */
#include <string.h>
#include "cref.h"
#include "flowtable.h"

#define NFLOWS 65536
#define TIMEOUT_NS 300000000000ll

typedef struct {
  flowtable t;
  int dst_mode;
  uint32_t pub, nflows;
  uint16_t next_port;
  uint32_t backends[3];
  /* per flow: new source/destination (raw), ports, expiry */
  uint32_t ns[NFLOWS], nd[NFLOWS];
  uint16_t nsp[NFLOWS], ndp[NFLOWS];
  int64_t expiry[NFLOWS];
  /* flow number for the reverse direction: original addresses */
  uint32_t os[NFLOWS], od[NFLOWS];
  uint16_t osp[NFLOWS], odp[NFLOWS];
} nat;

static void* nat_init(const char* args, int noutputs, const char** err) {
  nat* s = (nat*)calloc(1, sizeof *s);
  const uint8_t pub[4] = { 198, 51, 100, 1 };
  (void)noutputs; (void)err;
  ft_init(&s->t, 2 * NFLOWS - 2);
  s->dst_mode = args && strcmp(args, "dst") == 0;
  memcpy(&s->pub, pub, 4);
  for (int k = 0; k < 3; k++) { const uint8_t b[4] = { 10, 0, 0, (uint8_t)(k + 1) }; memcpy(&s->backends[k], b, 4); }
  s->next_port = 1024;
  return s;
}

static inline uint16_t upd_addr(uint16_t ck, uint32_t o, uint32_t n) { return o == n ? ck : cksum_update32raw(ck, o, n); }

static void nat_push(void* st, clickos_packet* p, uint32_t n) {
  nat* s = (nat*)st;
  for (uint32_t i = 0; i < n; i++) {
    int32_t at = p[i].net == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].net;
    uint8_t* d = p[i].buf + at;
    uint32_t avail = p[i].off + p[i].len - (uint32_t)at, hl, tlen, sa, da, ns, nd, f, code;
    uint16_t sp, dp, nsp, ndp;
    uint8_t proto;
    uint8_t* tp;
    int32_t slot, isTcp;
    int64_t now = p[i].timestamp_ns;
    p[i].port = CLICKOS_DROP;
    if (!ip_valid(d, avail)) continue;
    hl = (uint32_t)(d[0] & 15) << 2;
    tlen = avail - hl;
    proto = d[9];
    if (!((proto == 6 || proto == 17) && (rd16(d + 6) & 0x1fff) == 0 && tlen >= 8)) continue;
    tp = d + hl;
    sa = rd32raw(d + 12); da = rd32raw(d + 16);
    sp = rd16(tp); dp = rd16(tp + 2);
    slot = ft_find(&s->t, proto, sa, sp, da, dp);
    if (slot >= 0 && now >= s->expiry[(uint32_t)s->t.vals[slot] >> 1]) slot = -1;   /* expired: as a miss */
    if (slot < 0) {
      if (s->nflows >= NFLOWS) continue;
      f = s->nflows++;
      s->os[f] = sa; s->od[f] = da; s->osp[f] = sp; s->odp[f] = dp;
      if (s->dst_mode) { s->ns[f] = sa; s->nsp[f] = sp; s->nd[f] = s->backends[f % 3]; s->ndp[f] = dp; }
      else { s->ns[f] = s->pub; s->nsp[f] = s->next_port++; s->nd[f] = da; s->ndp[f] = dp; }
      ft_insert(&s->t, proto, sa, sp, da, dp, (int32_t)(f << 1));
      ft_insert(&s->t, proto, s->nd[f], s->ndp[f], s->ns[f], s->nsp[f], (int32_t)(f << 1 | 1));
      code = f << 1;
    } else code = (uint32_t)s->t.vals[slot];
    f = code >> 1;
    if (code & 1) { ns = s->od[f]; nd = s->os[f]; nsp = s->odp[f]; ndp = s->osp[f]; }
    else { ns = s->ns[f]; nd = s->nd[f]; nsp = s->nsp[f]; ndp = s->ndp[f]; }
    {
      uint16_t ck = rd16(d + 10);
      ck = upd_addr(ck, sa, ns);
      ck = upd_addr(ck, da, nd);
      wr16(d + 10, ck);
      wr32raw(d + 12, ns); wr32raw(d + 16, nd);
    }
    memcpy(p[i].anno + CLICKOS_ANNO_DST_IP, &nd, 4);
    isTcp = proto == 6;
    if (tlen >= (isTcp ? 18u : 8u)) {
      uint8_t* ckat = tp + (isTcp ? 16 : 6);
      uint16_t ck = rd16(ckat);
      if (isTcp || ck != 0) {
        ck = upd_addr(ck, sa, ns);
        ck = upd_addr(ck, da, nd);
        if (sp != nsp) ck = cksum_update16(ck, sp, nsp);
        if (dp != ndp) ck = cksum_update16(ck, dp, ndp);
        if (!isTcp && ck == 0) ck = 0xffff;
        wr16(ckat, ck);
      }
      wr16(tp, nsp); wr16(tp + 2, ndp);
    }
    s->expiry[f] = now + TIMEOUT_NS;
    p[i].port = (int32_t)(code & 1);
  }
}

typedef struct {
  flowtable t;
  uint32_t nflows, next_agg;
  uint32_t agg[NFLOWS];
  int64_t last[NFLOWS];
  uint64_t pkts[2 * NFLOWS], bytes[2 * NFLOWS];
} aggflows;

static void* agg_init(const char* args, int noutputs, const char** err) {
  aggflows* s = (aggflows*)calloc(1, sizeof *s);
  (void)args; (void)noutputs; (void)err;
  ft_init(&s->t, NFLOWS);
  s->next_agg = 1;
  return s;
}

static void agg_push(void* st, clickos_packet* p, uint32_t n) {
  aggflows* s = (aggflows*)st;
  for (uint32_t i = 0; i < n; i++) {
    int32_t at = p[i].net == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].net;
    uint8_t* d = p[i].buf + at;
    uint32_t avail = p[i].off + p[i].len - (uint32_t)at, hl, sa, da, a, b, f, aggv;
    uint16_t sp, dp, pa, pb;
    uint8_t proto, dir;
    int32_t slot;
    p[i].port = 1;
    if (!ip_valid(d, avail)) continue;
    proto = d[9];
    sa = rd32raw(d + 12); da = rd32raw(d + 16);
    if ((proto != 6 && proto != 17) || (sa == 0 && da == 0)) continue;
    dir = sa > da;
    hl = (uint32_t)(d[0] & 15) << 2;
    if ((rd16(d + 6) & 0x1fff) != 0 || avail - hl < 4) continue;
    sp = rd16(d + hl); dp = rd16(d + hl + 2);
    if (sa == da && sp > dp) dir = 1;
    a = dir ? da : sa; pa = dir ? dp : sp; b = dir ? sa : da; pb = dir ? sp : dp;
    slot = ft_find(&s->t, proto, a, pa, b, pb);
    if (slot >= 0) f = (uint32_t)s->t.vals[slot];
    else {
      if (s->nflows >= NFLOWS) continue;
      f = s->nflows++;
      s->agg[f] = s->next_agg++;
      ft_insert(&s->t, proto, a, pa, b, pb, (int32_t)f);
    }
    aggv = s->agg[f];
    memcpy(p[i].anno + CLICKOS_ANNO_USER + 4, &aggv, 4);
    p[i].anno[CLICKOS_ANNO_PAINT] = dir;
    s->last[f] = p[i].timestamp_ns;
    s->pkts[2 * f + dir]++;
    s->bytes[2 * f + dir] += rd16(d + 2);
    p[i].port = 0;
  }
}

const cref_def cref_nat[] = {
  { "nat_rewrite", nat_init, nat_push },
  { "aggregateipflows", agg_init, agg_push },
  { NULL, NULL, NULL },
};
