/*
 * pcap.h — a small pcap and pcapng reader and a pcap writer for the Linux harness.
 * Reads the whole file into memory; every length is checked and an error
 * names the byte offset. Writes little-endian with microsecond timestamps,
 * truncating records to the snaplen and recording the truncated length as the
 * original length, as the Node host's ToDump does (so outputs compare byte for
 * byte).
 */
#ifndef CLICKOS_HARNESS_PCAP_H
#define CLICKOS_HARNESS_PCAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define PCAP_MAX_CAPLEN 262144u

typedef struct pcap_record {
  int64_t ts_ns;
  uint32_t len;        /* captured bytes */
  uint32_t orig_len;
  const uint8_t* data; /* into pcap_file.bytes */
} pcap_record;

typedef struct pcap_file {
  uint8_t* bytes;
  size_t size;
  uint32_t linktype;
  uint32_t snaplen;
  size_t n;
  pcap_record* records;
} pcap_file;

/* 0; or -1 with a message "PATH: byte N: why" in err; or 1 with that message
 * when a bad record follows good ones (the records before it are kept). */
int pcap_read(const char* path, pcap_file* out, char* err, size_t errlen);
/* Same, from a buffer the caller owns (kept referenced by the records); on an
 * error the records before it stay in out (free them with pcap_free's records). */
int pcap_parse(const uint8_t* bytes, size_t size, pcap_file* out, char* err, size_t errlen);
/* The pcapng half of pcap_parse (pcapng.c). */
int pcapng_parse(const uint8_t* bytes, size_t size, pcap_file* out, char* err, size_t errlen);
/* Appends a record (growing out->records; *cap is its capacity); 0 or -1. */
int pcap_add_record(pcap_file* out, size_t* cap, int64_t ts_ns, uint32_t len, uint32_t orig_len, const uint8_t* data);
void pcap_free(pcap_file* f);

typedef struct pcap_writer {
  FILE* f;
  uint32_t snaplen;
  uint64_t count;
} pcap_writer;

/* Click ToDump's default snaplen. */
#define PCAP_DEFAULT_SNAPLEN 65535u

int pcap_writer_open(pcap_writer* w, const char* path, uint32_t linktype, uint32_t snaplen, char* err, size_t errlen);
int pcap_write(pcap_writer* w, int64_t ts_ns, const uint8_t* data, uint32_t len);
int pcap_writer_close(pcap_writer* w);

#endif
