import { isClassicPcap, parseClassic } from "./classic.js";
import { PcapError } from "./errors.js";
import type { Capture, CaptureInfo, PcapRecord } from "./types.js";
import { isPcapng, parsePcapng } from "./pcapng.js";

function open(bytes: Uint8Array, info: CaptureInfo, name?: string): Generator<PcapRecord> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isClassicPcap(view)) return parseClassic(bytes, view, info, name);
  if (isPcapng(view)) return parsePcapng(bytes, view, info, name);
  if (bytes.length < 4) {
    throw new PcapError(`truncated global header (needs 4 bytes for the magic, ${bytes.length} left)`, 0, name);
  }
  const magic = view.getUint32(0, false).toString(16).padStart(8, "0");
  throw new PcapError(`bad magic 0x${magic} (not a pcap or pcapng file)`, 0, name);
}

/**
 * Reads a whole pcap or pcapng capture. Record data are views into `bytes`.
 * For pcapng, linkType/snaplen/nanosecond describe the interface the packets were
 * captured on (the first interface if the file has no packets; Ethernet if none).
 */
export function readCapture(bytes: Uint8Array, name?: string): Capture {
  const info: CaptureInfo = { linkType: 1, snaplen: 0, format: "pcap", nanosecond: false };
  const records = [...open(bytes, info, name)];
  return { ...info, records };
}

/** Streams records one at a time; throws the same PcapErrors as readCapture. */
export function* iterateCapture(bytes: Uint8Array, name?: string): Generator<PcapRecord> {
  const info: CaptureInfo = { linkType: 1, snaplen: 0, format: "pcap", nanosecond: false };
  yield* open(bytes, info, name);
}

/** Streams records and exposes the capture's link type, snaplen and format, which
 *  are filled in as soon as the header (or first interface block) has been read. */
export function openCapture(bytes: Uint8Array, name?: string): { info: CaptureInfo; records: Generator<PcapRecord> } {
  const info: CaptureInfo = { linkType: 1, snaplen: 0, format: "pcap", nanosecond: false };
  return { info, records: open(bytes, info, name) };
}
