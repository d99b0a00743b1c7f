// Frames in and out of captures, for tests that build packets in code.
import { writePcap, readCapture } from "@clickos/runtime";

/** A pcap (Ethernet by default) holding these frames, 1 µs apart. */
export function pcapOf(frames: Uint8Array[], linkType = 1): Uint8Array {
  return writePcap(frames.map((data, i) => ({ data, timestampNs: 1_700_000_000_000_000_000n + BigInt(i) * 1000n })), { linkType });
}

/** The frames of a capture. */
export function framesOf(capture: Uint8Array | undefined): Uint8Array[] {
  if (!capture) throw new Error("no capture (was the output file written?)");
  return readCapture(capture).records.map((r) => r.data);
}
