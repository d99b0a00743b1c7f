// vitest matchers for packets. Importing @clickos/sdk/testing registers them:
//   expect(framesOf(r.files["out.pcap"])).toMatchPackets(expectedFrames)
//   expect(r.files["out.pcap"]).toMatchPackets(expectedPcapBytes)
// A failure names the packet and every header field that differs.
import { expect } from "vitest";
import { readCapture } from "@clickos/runtime";
import { diffPackets } from "./packet-diff.ts";

type Packets = Uint8Array[] | Uint8Array;

function isCapture(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const m = (b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]) >>> 0;
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(m);
}

/** Frames from a frame list, a single frame, or pcap/pcapng bytes. */
export function toFrames(p: Packets): { frames: Uint8Array[]; linkType: number } {
  if (Array.isArray(p)) return { frames: p, linkType: 1 };
  if (isCapture(p)) {
    const c = readCapture(p);
    return { frames: c.records.map((r) => r.data), linkType: c.linkType };
  }
  return { frames: [p], linkType: 1 };
}

export const packetMatchers = {
  toMatchPackets(received: Packets, expected: Packets, opts: { linkType?: number } = {}) {
    const r = toFrames(received), e = toFrames(expected);
    const diff = diffPackets(e.frames, r.frames, { linkType: opts.linkType ?? e.linkType });
    return {
      pass: diff === null,
      message: () => (diff === null ? `expected packets to differ, but all ${r.frames.length} match` : diff),
    };
  },
};

expect.extend(packetMatchers);

declare module "vitest" {
  interface Assertion<T> { toMatchPackets(expected: Packets, opts?: { linkType?: number }): T }
  interface AsymmetricMatchersContaining { toMatchPackets(expected: Packets, opts?: { linkType?: number }): void }
}
