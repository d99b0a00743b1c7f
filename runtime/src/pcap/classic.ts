import { PcapError } from "./errors.js";
import { MAX_CAPLEN, type CaptureInfo, type PcapRecord } from "./types.js";

// Classic libpcap format: a 24-byte global header, then 16-byte record headers each
// followed by caplen bytes. The magic number gives byte order and timestamp unit.
export const MAGIC_US = 0xa1b2c3d4;
export const MAGIC_NS = 0xa1b23c4d;
const GLOBAL_HEADER = 24;
const RECORD_HEADER = 16;

/** True if the first four bytes are a classic pcap magic in either byte order. */
export function isClassicPcap(view: DataView): boolean {
  if (view.byteLength < 4) return false;
  const be = view.getUint32(0, false);
  const le = view.getUint32(0, true);
  return be === MAGIC_US || be === MAGIC_NS || le === MAGIC_US || le === MAGIC_NS;
}

export function* parseClassic(
  bytes: Uint8Array,
  view: DataView,
  info: CaptureInfo,
  file?: string,
): Generator<PcapRecord> {
  if (bytes.length < GLOBAL_HEADER) {
    throw new PcapError(
      `truncated global header (needs ${GLOBAL_HEADER} bytes, ${bytes.length} left)`,
      0,
      file,
    );
  }
  const le = view.getUint32(0, true) === MAGIC_US || view.getUint32(0, true) === MAGIC_NS;
  const magic = view.getUint32(0, le);
  const nanosecond = magic === MAGIC_NS;
  info.format = "pcap";
  info.nanosecond = nanosecond;
  info.snaplen = view.getUint32(16, le);
  // The upper bits of the link-type word may carry FCS information; the type is the low 16.
  info.linkType = view.getUint32(20, le) & 0xffff;

  const unitNs = nanosecond ? 1n : 1000n;
  let off = GLOBAL_HEADER;
  while (off < bytes.length) {
    const left = bytes.length - off;
    if (left < RECORD_HEADER) {
      throw new PcapError(
        `truncated record header (needs ${RECORD_HEADER} bytes, ${left} left)`,
        off,
        file,
      );
    }
    const sec = view.getUint32(off, le);
    const frac = view.getUint32(off + 4, le);
    const caplen = view.getUint32(off + 8, le);
    const origlen = view.getUint32(off + 12, le);
    // Check the length before touching the data: a corrupt caplen must never allocate.
    if (caplen > MAX_CAPLEN) {
      throw new PcapError(`caplen ${caplen} larger than the ${MAX_CAPLEN}-byte limit`, off + 8, file);
    }
    // A record longer than the snaplen is kept, and a timestamp fraction past a
    // second carries into the seconds, as libpcap and Wireshark read them (and
    // the native harness, minios-host/harness/pcap.c).
    const dataOff = off + RECORD_HEADER;
    if (bytes.length - dataOff < caplen) {
      throw new PcapError(
        `truncated record data (needs ${caplen} bytes, ${bytes.length - dataOff} left)`,
        dataOff,
        file,
      );
    }
    yield {
      data: bytes.subarray(dataOff, dataOff + caplen),
      timestampNs: BigInt(sec) * 1_000_000_000n + BigInt(frac) * unitNs,
      originalLength: origlen,
    };
    off = dataOff + caplen;
  }
}
