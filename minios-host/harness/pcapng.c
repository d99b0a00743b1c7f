/* pcapng.c — the pcapng reader of the Linux harness (see pcap.h), with the
 * Node host's semantics (runtime/src/pcap/pcapng.ts), so both hosts read the
 * same captures the same way: blocks in either byte order, section by section;
 * interface description blocks with if_tsresol (power of 10 or of 2) and
 * if_tsoffset; enhanced, obsolete and simple packet blocks; every other block
 * skipped whole; one link type per capture; every length checked, and an
 * error names the byte offset. */
#include "pcap.h"

#include <stdlib.h>
#include <string.h>

#define SHB 0x0a0d0d0au
#define BYTE_ORDER_MAGIC 0x1a2b3c4du
#define IDB 1u
#define OPB 2u
#define SPB 3u
#define EPB 6u
#define OPT_IF_TSRESOL 9
#define OPT_IF_TSOFFSET 14
#define MAX_IFACES 1024

typedef struct iface {
  uint32_t linktype, snaplen;
  uint8_t tsresol;
  int64_t offset_sec;
} iface;

static uint32_t u32(const uint8_t* p, int le) {
  return le ? (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24)
            : (uint32_t)p[3] | ((uint32_t)p[2] << 8) | ((uint32_t)p[1] << 16) | ((uint32_t)p[0] << 24);
}
static uint16_t u16(const uint8_t* p, int le) { return le ? (uint16_t)(p[0] | (p[1] << 8)) : (uint16_t)(p[1] | (p[0] << 8)); }

static int fail(char* err, size_t errlen, size_t off, const char* why) {
  snprintf(err, errlen, "byte %zu: %s", off, why);
  return -1;
}

/* Raw timestamp units to nanoseconds, rounding down as the Node host does. */
static int64_t to_ns(uint64_t raw, uint8_t tsresol) {
  uint32_t e = tsresol & 0x7fu, i;
  if (tsresol & 0x80u) return e >= 64 ? 0 : (int64_t)(((unsigned __int128)raw * 1000000000u) >> e);
  if (e <= 9) { uint64_t mul = 1; for (i = e; i < 9; i++) mul *= 10; return (int64_t)(raw * mul); }
  { uint64_t div = 1; for (i = 9; i < e && i < 28; i++) div *= 10; return e >= 29 ? 0 : (int64_t)(raw / div); }
}

int pcapng_parse(const uint8_t* b, size_t size, pcap_file* out, char* err, size_t errlen) {
  iface* ifs = NULL;
  size_t nifs = 0, off = 0, cap = 0;
  int le = 1, have_link = 0;
  char why[160];
  /* On an error the records before it stay (the caller may use them). */
#define FAIL(at, ...) do { snprintf(why, sizeof why, __VA_ARGS__); free(ifs); return fail(err, errlen, (at), why); } while (0)
  ifs = (iface*)calloc(MAX_IFACES, sizeof *ifs);
  if (!ifs) return fail(err, errlen, 0, "out of memory");
  while (off < size) {
    size_t left = size - off, body;
    uint32_t type, total, blen;
    if (left < 12) FAIL(off, "truncated block header (needs 12 bytes, %zu left)", left);
    if (u32(b + off, 0) == SHB) {
      if (left < 28) FAIL(off, "truncated section header block (needs 28 bytes, %zu left)", left);
      if (u32(b + off + 8, 0) == BYTE_ORDER_MAGIC) le = 0;
      else if (u32(b + off + 8, 1) == BYTE_ORDER_MAGIC) le = 1;
      else FAIL(off + 8, "bad byte-order magic 0x%08x in section header block", u32(b + off + 8, 0));
      if (u16(b + off + 12, le) != 1) FAIL(off + 12, "unsupported pcapng major version %u", u16(b + off + 12, le));
      nifs = 0;   /* interface ids are numbered per section */
    } else if (off == 0) {
      FAIL(0, "bad magic 0x%08x (not a pcapng section header)", u32(b, 0));
    }
    type = u32(b + off, le);
    total = u32(b + off + 4, le);
    if (total < 12) FAIL(off + 4, "block total length %u smaller than 12", total);
    if (total % 4) FAIL(off + 4, "block total length %u not a multiple of 4", total);
    if (total > left) FAIL(off + 4, "truncated block (total length %u, %zu bytes left)", total, left);
    if (u32(b + off + total - 4, le) != total)
      FAIL(off + total - 4, "block total length mismatch (header says %u, trailer says %u)", total, u32(b + off + total - 4, le));
    if (type == SHB && total < 28) FAIL(off + 4, "section header block total length %u smaller than 28", total);
    body = off + 8;
    blen = total - 12;
    if (type == IDB) {
      iface* f;
      size_t p = body + 8, end = body + blen;
      if (blen < 8) FAIL(off + 4, "interface description block too short (%u bytes)", total);
      if (nifs == MAX_IFACES) FAIL(off, "more than %d interfaces in one section", MAX_IFACES);
      f = &ifs[nifs++];
      f->linktype = u16(b + body, le);
      f->snaplen = u32(b + body + 4, le);
      f->tsresol = 6;
      f->offset_sec = 0;
      while (p + 4 <= end) {
        uint16_t code = u16(b + p, le), len = u16(b + p + 2, le);
        size_t padded = ((size_t)len + 3) & ~(size_t)3;
        if (code == 0) break;
        if (p + 4 + padded > end) FAIL(p + 2, "option %u length %u runs past the end of its block", code, len);
        if (code == OPT_IF_TSRESOL && len >= 1) f->tsresol = b[p + 4];
        if (code == OPT_IF_TSOFFSET && len >= 8) {
          uint64_t lo = u32(b + p + 4, le), hi = u32(b + p + 8, le);
          f->offset_sec = (int64_t)(le ? (hi << 32 | lo) : (lo << 32 | hi));
        }
        p += 4 + padded;
      }
      if (!have_link && !out->n) { out->linktype = f->linktype; out->snaplen = f->snaplen; }
    } else if (type == EPB || type == OPB || type == SPB) {
      uint32_t id, caplen, orig;
      uint64_t raw = 0;
      size_t data;
      iface* f;
      if (type == SPB) {
        if (blen < 4) FAIL(off + 4, "simple packet block too short (%u bytes)", total);
        if (!nifs) FAIL(off, "simple packet block before any interface description block");
        id = 0;
        orig = u32(b + body, le);
        caplen = ifs[0].snaplen > 0 && orig > ifs[0].snaplen ? ifs[0].snaplen : orig;
        if (caplen > PCAP_MAX_CAPLEN) FAIL(body, "packet length %u larger than the %u-byte limit", caplen, PCAP_MAX_CAPLEN);
        if (caplen > blen - 4) FAIL(body + 4, "truncated record data (needs %u bytes, block holds %u)", caplen, blen - 4);
        data = body + 4;
      } else {
        if (blen < 20) FAIL(off + 4, "packet block too short (%u bytes)", total);
        id = type == EPB ? u32(b + body, le) : u16(b + body, le);
        if (id >= nifs) FAIL(body, "unknown interface id %u (%zu interfaces defined)", id, nifs);
        raw = ((uint64_t)u32(b + body + 4, le) << 32) | u32(b + body + 8, le);
        caplen = u32(b + body + 12, le);
        orig = u32(b + body + 16, le);
        if (caplen > PCAP_MAX_CAPLEN) FAIL(body + 12, "caplen %u larger than the %u-byte limit", caplen, PCAP_MAX_CAPLEN);
        if (caplen > blen - 20) FAIL(body + 20, "truncated record data (needs %u bytes, block holds %u)", caplen, blen - 20);
        data = body + 20;
      }
      f = &ifs[id];
      if (have_link && f->linktype != out->linktype)
        FAIL(off, "packet on interface %u has link type %u, but earlier packets have link type %u (one link type per capture is supported)",
             id, f->linktype, out->linktype);
      if (!have_link) { have_link = 1; out->linktype = f->linktype; out->snaplen = f->snaplen; }
      if (pcap_add_record(out, &cap, type == SPB ? 0 : to_ns(raw, f->tsresol) + f->offset_sec * 1000000000, caplen, orig, b + data))
        FAIL(off, "out of memory");
    }
    off += total;
  }
  free(ifs);
  return 0;
#undef FAIL
}
