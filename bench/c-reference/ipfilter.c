/* Plain C references for IPFilter (the 10-rule firewall of IPFilter-01 and
 * bench/element-configs.ts) and IPClassifier (web / DNS / ping / rest): each
 * rule written as the C test a developer would write by hand, in rule order,
 * first match wins. Transport fields are read only from a first fragment whose
 * header is present, as Click's IPFilter does. This is the best case for C (a
 * rule set compiled by hand), where the element interprets a compiled program. */
#include <stdlib.h>
#include "cref.h"

#define IP4(a, b, c, d) ((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | (uint32_t)(c) << 8 | (uint32_t)(d))

typedef struct {
  uint32_t src, dst;   /* host order */
  uint8_t proto, ttl;
  int has_ports, has_flags, has_type;
  uint16_t sport, dport;
  uint8_t tcpflags, icmptype;
} ipfacts;

/* 0 if the packet holds no IPv4 header. */
static int facts(clickos_packet* p, ipfacts* f) {
  int32_t at = p->net == CLICKOS_NO_HEADER ? (int32_t)p->off : p->net;
  const uint8_t* d = p->buf + at;
  uint32_t avail = p->off + p->len - (uint32_t)at, hl;
  int first;
  if (!ip_valid(d, avail)) return 0;
  hl = (uint32_t)(d[0] & 15) << 2;
  f->src = (uint32_t)rd16(d + 12) << 16 | rd16(d + 14);
  f->dst = (uint32_t)rd16(d + 16) << 16 | rd16(d + 18);
  f->proto = d[9];
  f->ttl = d[8];
  first = (rd16(d + 6) & 0x1fff) == 0;
  f->has_ports = first && (f->proto == 6 || f->proto == 17) && hl + 4 <= avail;
  f->has_flags = first && f->proto == 6 && hl + 14 <= avail;
  f->has_type = first && f->proto == 1 && hl + 1 <= avail;
  if (f->has_ports) { f->sport = rd16(d + hl); f->dport = rd16(d + hl + 2); }
  if (f->has_flags) f->tcpflags = d[hl + 13];
  if (f->has_type) f->icmptype = d[hl];
  return 1;
}

static void* none_init(const char* args, int noutputs, const char** err) { (void)args; (void)noutputs; (void)err; return calloc(1, 1); }

static int firewall(const ipfacts* f) {
  int tcp = f->proto == 6, udp = f->proto == 17, icmp = f->proto == 1;
  if ((f->src & 0xffff0000u) == IP4(192, 168, 0, 0)) return CLICKOS_DROP;
  if (f->ttl < 2) return CLICKOS_DROP;
  if (tcp && f->dst == IP4(192, 168, 1, 10) && f->has_ports && (f->dport == 80 || f->dport == 443)) return 0;
  if (tcp && f->dst == IP4(192, 168, 1, 53) && f->has_ports && f->dport == 53) return 0;
  if (udp && f->dst == IP4(192, 168, 1, 53) && f->has_ports && f->dport == 53) return 0;
  if (tcp && (f->src & 0xffffff00u) == IP4(203, 0, 113, 0) && f->has_ports && f->sport > 1023 && f->dport == 22) return 0;
  if (tcp && f->dst == IP4(192, 168, 1, 25) && f->has_ports && f->dport == 25) return 0;
  if (tcp && f->has_flags && (f->tcpflags & 0x10) && f->has_ports && f->dport >= 1024) return 0;
  if (icmp && f->has_type && (f->icmptype == 0 || f->icmptype == 3 || f->icmptype == 11)) return 0;
  if (icmp && f->has_type && f->icmptype == 8 && f->dst == IP4(192, 168, 1, 1)) return 1;
  return CLICKOS_DROP;
}

static void firewall_push(void* st, clickos_packet* p, uint32_t n) {
  (void)st;
  for (uint32_t i = 0; i < n; i++) {
    ipfacts f;
    p[i].port = facts(&p[i], &f) ? firewall(&f) : CLICKOS_DROP;
  }
}

static void ipclassifier_push(void* st, clickos_packet* p, uint32_t n) {
  (void)st;
  for (uint32_t i = 0; i < n; i++) {
    ipfacts f;
    int out = 3;
    if (!facts(&p[i], &f)) { p[i].port = 3; continue; }
    if (f.proto == 6 && f.has_ports && f.dport == 80) out = 0;
    else if (f.proto == 17 && f.has_ports && f.dport == 53) out = 1;
    else if (f.proto == 1 && f.has_type && f.icmptype == 8) out = 2;
    p[i].port = out;
  }
}

const cref_def cref_ipfilter[] = {
  { "ipfilter_firewall", none_init, firewall_push },
  { "ipclassifier", none_init, ipclassifier_push },
  { NULL, NULL, NULL },
};
