/* pcap.c — see pcap.h. */
#include "pcap.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC_US 0xa1b2c3d4u
#define MAGIC_NS 0xa1b23c4du

static uint32_t rd32(const uint8_t* p, int swap) {
  uint32_t v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
  if (swap) v = (v >> 24) | ((v >> 8) & 0xff00u) | ((v << 8) & 0xff0000u) | (v << 24);
  return v;
}

static int fail(char* err, size_t errlen, size_t off, const char* why) {
  snprintf(err, errlen, "byte %zu: %s", off, why);
  return -1;
}

int pcap_add_record(pcap_file* out, size_t* cap, int64_t ts_ns, uint32_t len, uint32_t orig_len, const uint8_t* data) {
  pcap_record* r;
  if (out->n == *cap) {
    pcap_record* nr;
    size_t ncap = *cap ? *cap * 2 : 64;
    nr = (pcap_record*)realloc(out->records, ncap * sizeof *nr);
    if (!nr) return -1;
    out->records = nr;
    *cap = ncap;
  }
  r = &out->records[out->n++];
  r->ts_ns = ts_ns;
  r->len = len;
  r->orig_len = orig_len;
  r->data = data;
  return 0;
}

/* The Node host's reader (runtime/src/pcap/) behaves the same way: a record
 * longer than the file's snaplen is kept (as libpcap and Wireshark do), a
 * timestamp fraction past one second carries into the seconds, and the link
 * type is the low 16 bits of its word. */
int pcap_parse(const uint8_t* b, size_t size, pcap_file* out, char* err, size_t errlen) {
  uint32_t magic;
  int swap, ns;
  size_t off, cap = 0;
  memset(out, 0, sizeof *out);
  if (size >= 4 && rd32(b, 0) == 0x0a0d0d0au) return pcapng_parse(b, size, out, err, errlen);
  if (size < 24) return fail(err, errlen, size, "file too short for a pcap header (24 bytes)");
  magic = rd32(b, 0);
  if (magic == MAGIC_US || magic == MAGIC_NS) swap = 0;
  else if (rd32(b, 1) == MAGIC_US || rd32(b, 1) == MAGIC_NS) swap = 1;
  else return fail(err, errlen, 0, "not a pcap file (bad magic number)");
  ns = rd32(b, swap) == MAGIC_NS;
  out->snaplen = rd32(b + 16, swap);
  out->linktype = rd32(b + 20, swap) & 0xffffu;
  off = 24;
  while (off < size) {
    uint32_t sec, frac, caplen, orig;
    if (size - off < 16) return fail(err, errlen, off, "truncated record header");
    sec = rd32(b + off, swap);
    frac = rd32(b + off + 4, swap);
    caplen = rd32(b + off + 8, swap);
    orig = rd32(b + off + 12, swap);
    if (caplen > PCAP_MAX_CAPLEN) return fail(err, errlen, off + 8, "record length larger than 262144 bytes");
    if (size - off - 16 < caplen) return fail(err, errlen, off + 16, "truncated record data");
    if (pcap_add_record(out, &cap, (int64_t)sec * 1000000000 + (int64_t)frac * (ns ? 1 : 1000), caplen, orig, b + off + 16))
      return fail(err, errlen, off, "out of memory");
    off += 16 + (size_t)caplen;
  }
  return 0;
}

int pcap_read(const char* path, pcap_file* out, char* err, size_t errlen) {
  FILE* f = fopen(path, "rb");
  uint8_t* bytes = NULL;
  size_t size = 0, cap = 0, got;
  char why[200];
  memset(out, 0, sizeof *out);
  if (!f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
  do {
    if (size == cap) {
      uint8_t* nb;
      cap = cap ? cap * 2 : 65536;
      nb = (uint8_t*)realloc(bytes, cap);
      if (!nb) { free(bytes); fclose(f); snprintf(err, errlen, "%s: out of memory", path); return -1; }
      bytes = nb;
    }
    got = fread(bytes + size, 1, cap - size, f);
    size += got;
  } while (got > 0);
  if (ferror(f)) { free(bytes); fclose(f); snprintf(err, errlen, "%s: read error", path); return -1; }
  fclose(f);
  if (pcap_parse(bytes, size, out, why, sizeof why)) {
    snprintf(err, errlen, "%s: %s", path, why);
    if (out->n) {   /* a bad record after good ones: keep those, as the Node host's FromDump does */
      out->bytes = bytes;
      out->size = size;
      return 1;
    }
    free(out->records);
    free(bytes);
    memset(out, 0, sizeof *out);
    return -1;
  }
  out->bytes = bytes;
  out->size = size;
  return 0;
}

void pcap_free(pcap_file* f) {
  free(f->records);
  free(f->bytes);
  memset(f, 0, sizeof *f);
}

static void wr32(uint8_t* p, uint32_t v) {
  p[0] = (uint8_t)v; p[1] = (uint8_t)(v >> 8); p[2] = (uint8_t)(v >> 16); p[3] = (uint8_t)(v >> 24);
}

int pcap_writer_open(pcap_writer* w, const char* path, uint32_t linktype, uint32_t snaplen, char* err, size_t errlen) {
  uint8_t h[24];
  w->count = 0;
  w->snaplen = snaplen;
  w->f = fopen(path, "wb");
  if (!w->f) { snprintf(err, errlen, "%s: %s", path, strerror(errno)); return -1; }
  memset(h, 0, sizeof h);
  wr32(h, MAGIC_US);
  h[4] = 2; h[6] = 4;
  wr32(h + 16, snaplen);
  wr32(h + 20, linktype);
  if (fwrite(h, 1, 24, w->f) != 24) { snprintf(err, errlen, "%s: write error", path); return -1; }
  return 0;
}

int pcap_write(pcap_writer* w, int64_t ts_ns, const uint8_t* data, uint32_t len) {
  uint8_t h[16];
  uint32_t caplen = len < w->snaplen ? len : w->snaplen;
  if (ts_ns < 0) ts_ns = 0;
  wr32(h, (uint32_t)(ts_ns / 1000000000));
  wr32(h + 4, (uint32_t)((ts_ns % 1000000000) / 1000));
  wr32(h + 8, caplen);
  wr32(h + 12, caplen);
  if (fwrite(h, 1, 16, w->f) != 16 || fwrite(data, 1, caplen, w->f) != caplen) return -1;
  w->count++;
  return 0;
}

int pcap_writer_close(pcap_writer* w) {
  int r = 0;
  if (w->f && fclose(w->f) != 0) r = -1;
  w->f = NULL;
  return r;
}
