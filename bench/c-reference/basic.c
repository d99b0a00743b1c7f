/* Plain C references: Strip, Unstrip, EtherMirror, EtherRewrite, EtherEncap,
 * MarkIPHeader, CheckIPHeader, DecIPTTL, Paint, RoundRobinSwitch, HashSwitch,
 * ICMPPingResponder, ARPResponder, and the empty element (crossing cost). */
#include <stdio.h>
#include <stdlib.h>
#include "cref.h"

typedef struct { uint32_t n; int noutputs; uint64_t count; uint8_t color; uint32_t off, hlen; uint8_t mac[12]; uint16_t type; uint32_t next; uint32_t ip, mask; } simple_state;

static void* simple_init(const char* args, int noutputs, const char** err) {
  simple_state* s = (simple_state*)calloc(1, sizeof *s);
  (void)err;
  s->n = args && *args ? (uint32_t)strtoul(args, NULL, 0) : 0;
  s->noutputs = noutputs;
  return s;
}

/* Strip(N): pull N bytes (a shorter packet leaves empty, counted). */
static void strip_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t k = s->n;
    if (k > p[i].len) { s->count++; k = p[i].len; }
    p[i].off += k; p[i].len -= k; p[i].port = 0;
  }
}
/* Unstrip(N): push N bytes back if the headroom holds them. */
static void unstrip_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint32_t k = s->n <= p[i].off ? s->n : p[i].off;
    p[i].off -= k; p[i].len += k; p[i].port = 0;
  }
}
/* EtherMirror: swap the addresses; runts dropped. */
static void ethermirror_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t* d = pdata(&p[i]);
    uint8_t t[6];
    if (p[i].len < 14) { s->count++; p[i].port = CLICKOS_DROP; continue; }
    memcpy(t, d, 6); memcpy(d, d + 6, 6); memcpy(d + 6, t, 6);
    p[i].port = 0;
  }
}
/* EtherRewrite(SRC, DST) and EtherEncap(TYPE, SRC, DST): args are the MACs as 12 hex bytes dst+src (+type). */
static int parse_macs(const char* a, simple_state* s) {
  for (int k = 0; k < 12; k++) {
    unsigned v;
    if (sscanf(a + 3 * k, "%2x", &v) != 1) return -1;
    s->mac[k] = (uint8_t)v;
  }
  return 0;
}
static void* mac_init(const char* args, int noutputs, const char** err) {
  simple_state* s = (simple_state*)simple_init(NULL, noutputs, err);
  /* "02:00:00:00:00:0b 02:00:00:00:00:0a [type]": DST then SRC, as they sit in the header */
  if (!args || strlen(args) < 35 || parse_macs(args, s)) { *err = "expected 'DST SRC [TYPE]' MACs"; free(s); return NULL; }
  s->type = strlen(args) > 36 ? (uint16_t)strtoul(args + 36, NULL, 0) : 0;
  return s;
}
static void etherrewrite_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    int32_t mac = p[i].mac == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].mac;
    if ((uint32_t)mac + 12 > p[i].off + p[i].len) { s->count++; p[i].port = CLICKOS_DROP; continue; }
    memcpy(p[i].buf + mac, s->mac, 12);
    p[i].port = 0;
  }
}
static void etherencap_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t* d;
    if (p[i].off < 14) { s->count++; p[i].port = CLICKOS_DROP; continue; }
    p[i].off -= 14; p[i].len += 14;
    d = pdata(&p[i]);
    memcpy(d, s->mac, 12);
    wr16(d + 12, s->type);
    p[i].mac = (int32_t)p[i].off;
    p[i].port = 0;
  }
}
/* MarkIPHeader(OFFSET): network header at OFFSET, transport after its IHL. */
static void markipheader_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    p[i].port = 0;
    if (s->n >= p[i].len) { s->count++; continue; }
    p[i].net = (int32_t)(p[i].off + s->n);
    p[i].transport = p[i].net + (int32_t)((pdata(&p[i])[s->n] & 15) << 2);
  }
}
/* CheckIPHeader(): Click's checks in Click's order, then annotations and trim. */
static void checkipheader_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t* d = pdata(&p[i]);
    uint32_t plen = p[i].len, hlen, len;
    p[i].port = CLICKOS_DROP;
    if (plen < 20 || (d[0] >> 4) != 4) { s->count++; continue; }
    hlen = (uint32_t)(d[0] & 15) << 2;
    if (hlen < 20) { s->count++; continue; }
    len = rd16(d + 2);
    if (len > plen || len < hlen || hlen > plen) { s->count++; continue; }
    if (ip_cksum(d, hlen) != 0) { s->count++; continue; }
    p[i].net = (int32_t)p[i].off;
    p[i].transport = (int32_t)(p[i].off + hlen);
    if (plen > len) p[i].len = len;
    memcpy(p[i].anno + CLICKOS_ANNO_DST_IP, d + 16, 4);
    p[i].port = 0;
  }
}
/* DecIPTTL: TTL - 1 with the RFC 1624 update; expired to output 1 or dropped. */
static void decipttl_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    int32_t at = p[i].net == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].net;
    uint8_t* d = p[i].buf + at;
    uint32_t sum;
    if (!ip_valid(d, p[i].off + p[i].len - (uint32_t)at)) { p[i].port = CLICKOS_DROP; continue; }
    if (d[8] <= 1) { s->count++; p[i].port = s->noutputs > 1 ? 1 : CLICKOS_DROP; continue; }
    d[8]--;
    sum = (uint32_t)(uint16_t)~rd16(d + 10) + 0xfeff;
    wr16(d + 10, (uint16_t)~(sum + (sum >> 16)));
    p[i].port = 0;
  }
}
/* Paint(COLOR): the paint annotation. */
static void paint_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) { p[i].anno[CLICKOS_ANNO_PAINT] = (uint8_t)s->n; p[i].port = 0; }
}
static void roundrobinswitch_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    p[i].port = (int32_t)s->next;
    s->next = s->next + 1 >= (uint32_t)s->noutputs ? 0 : s->next + 1;
  }
}
/* HashSwitch(OFFSET, LENGTH): args "OFFSET LENGTH"; Click's byte-sum hash. */
static void* hashswitch_init(const char* args, int noutputs, const char** err) {
  simple_state* s = (simple_state*)simple_init(NULL, noutputs, err);
  char* end;
  s->off = (uint32_t)strtoul(args, &end, 0);
  s->hlen = (uint32_t)strtoul(end, NULL, 0);
  return s;
}
static void hashswitch_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  uint32_t no = (uint32_t)s->noutputs;
  for (uint32_t i = 0; i < n; i++) {
    const uint8_t* d = pdata(&p[i]);
    uint32_t h = 0;
    if ((uint64_t)s->off + s->hlen > p[i].len) { p[i].port = 0; continue; }
    for (uint32_t k = s->off; k < s->off + s->hlen; k++) h += d[k];
    p[i].port = (no == 2 || no == 4 || no == 8) ? (int32_t)((h ^ (h >> 4)) & (no - 1)) : (int32_t)(h % no);
  }
}
/* ICMPPingResponder: echo request -> reply in place, incremental checksums. */
static void icmppingresponder_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    int32_t at = p[i].net == CLICKOS_NO_HEADER ? (int32_t)p[i].off : p[i].net;
    uint8_t* d = p[i].buf + at;
    uint32_t avail = p[i].off + p[i].len - (uint32_t)at, hl;
    uint8_t t[4];
    uint16_t ck, oldtp;
    p[i].port = s->noutputs == 2 ? 1 : CLICKOS_DROP;
    if (!ip_valid(d, avail) || d[9] != 1) continue;
    hl = (uint32_t)(d[0] & 15) << 2;
    if (hl + 8 > avail || d[hl] != 8) continue;
    memcpy(t, d + 12, 4); memcpy(d + 12, d + 16, 4); memcpy(d + 16, t, 4);
    ck = cksum_update16(rd16(d + 10), rd16(d + 6), 0);
    wr16(d + 6, 0);
    oldtp = rd16(d + 8);
    d[8] = 255;
    ck = cksum_update16(ck, oldtp, rd16(d + 8));
    wr16(d + 10, ck);
    memcpy(p[i].anno + CLICKOS_ANNO_DST_IP, d + 16, 4);
    p[i].timestamp_ns = 1000000000;
    p[i].anno[CLICKOS_ANNO_PAINT] = 0;
    oldtp = rd16(d + hl);
    d[hl] = 0; d[hl + 1] = 0;
    wr16(d + hl + 2, cksum_update16(rd16(d + hl + 2), oldtp, 0));
    p[i].port = 0;
  }
}
/* ARPResponder(IP ETH): one entry (args "a.b.c.d/len xx:xx:xx:xx:xx:xx"); reply in place. */
static void* arp_init(const char* args, int noutputs, const char** err) {
  simple_state* s = (simple_state*)simple_init(NULL, noutputs, err);
  unsigned a, b, c, d, len, m[6];
  if (sscanf(args, "%u.%u.%u.%u/%u %x:%x:%x:%x:%x:%x", &a, &b, &c, &d, &len, &m[0], &m[1], &m[2], &m[3], &m[4], &m[5]) != 11) {
    *err = "expected 'IP/LEN ETH'"; free(s); return NULL;
  }
  uint8_t ip[4] = { (uint8_t)a, (uint8_t)b, (uint8_t)c, (uint8_t)d };
  uint32_t mask = len ? 0xffffffffu << (32 - len) : 0;
  uint8_t mk[4] = { (uint8_t)(mask >> 24), (uint8_t)(mask >> 16), (uint8_t)(mask >> 8), (uint8_t)mask };
  memcpy(&s->ip, ip, 4); memcpy(&s->mask, mk, 4);
  for (int k = 0; k < 6; k++) s->mac[k] = (uint8_t)m[k];
  return s;
}
static void arpresponder_push(void* st, clickos_packet* p, uint32_t n) {
  simple_state* s = (simple_state*)st;
  for (uint32_t i = 0; i < n; i++) {
    uint8_t* d = pdata(&p[i]);
    uint8_t sha[6], spa[4], tpa[4];
    uint16_t vlan;
    p[i].port = s->noutputs > 1 ? 1 : CLICKOS_DROP;
    if (p[i].len < 42) continue;
    if (rd16(d + 12) != 0x0806 || rd16(d + 14) != 1 || rd16(d + 16) != 0x0800 || rd16(d + 20) != 1) continue;
    if ((rd32raw(d + 38) & s->mask) != s->ip) continue;
    memcpy(sha, d + 22, 6); memcpy(spa, d + 28, 4); memcpy(tpa, d + 38, 4);
    p[i].len = 42;
    memcpy(d, sha, 6); memcpy(d + 6, s->mac, 6);
    d[18] = 6; d[19] = 4; wr16(d + 20, 2);
    memcpy(d + 22, s->mac, 6); memcpy(d + 28, tpa, 4);
    memcpy(d + 32, sha, 6); memcpy(d + 38, spa, 4);
    p[i].mac = (int32_t)p[i].off; p[i].net = (int32_t)p[i].off + 14; p[i].transport = p[i].net + 28;
    memcpy(&vlan, p[i].anno + CLICKOS_ANNO_USER + 4, 2);
    memset(p[i].anno + CLICKOS_ANNO_USER, 0, 32);
    memcpy(p[i].anno + CLICKOS_ANNO_USER + 4, &vlan, 2);
    memset(p[i].anno + CLICKOS_ANNO_DST_IP, 0, 4);
    p[i].packet_type = 0;
    p[i].port = 0;
  }
}
/* The empty element: every packet to output 0 (for the crossing cost). */
static void null_push(void* st, clickos_packet* p, uint32_t n) {
  (void)st;
  for (uint32_t i = 0; i < n; i++) p[i].port = 0;
}

const cref_def cref_basic[] = {
  { "strip", simple_init, strip_push },
  { "unstrip", simple_init, unstrip_push },
  { "ethermirror", simple_init, ethermirror_push },
  { "etherrewrite", mac_init, etherrewrite_push },
  { "etherencap", mac_init, etherencap_push },
  { "markipheader", simple_init, markipheader_push },
  { "checkipheader", simple_init, checkipheader_push },
  { "decipttl", simple_init, decipttl_push },
  { "paint", simple_init, paint_push },
  { "roundrobinswitch", simple_init, roundrobinswitch_push },
  { "hashswitch", hashswitch_init, hashswitch_push },
  { "icmppingresponder", simple_init, icmppingresponder_push },
  { "arpresponder", arp_init, arpresponder_push },
  { "null", simple_init, null_push },
  { NULL, NULL, NULL },
};
