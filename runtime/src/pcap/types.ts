// Shapes shared by the readers and the writer.

/** Largest captured length we accept; also libpcap's limit, and it bounds allocations. */
export const MAX_CAPLEN = 256 * 1024;

/** One captured packet. `data` may be a view into the input buffer (zero-copy). */
export interface PcapRecord {
  data: Uint8Array;
  timestampNs: bigint;
  originalLength: number;
}

export interface Capture {
  linkType: number;
  snaplen: number;
  records: PcapRecord[];
  format: "pcap" | "pcapng";
  nanosecond: boolean;
}

/** Header facts a parser learns while it walks the file; filled in as it goes. */
export interface CaptureInfo {
  linkType: number;
  snaplen: number;
  format: "pcap" | "pcapng";
  nanosecond: boolean;
}
