// @clickos/sdk/testing — helpers for vitest tests of ClickOS elements.
//   import { pkt, runClick, diffPackets, goldenSuite } from "@clickos/sdk/testing";

export * from "./packet-builder.ts";
export * from "./addresses.ts";
export * from "./fields.ts";
export * from "./packet-diff.ts";
export * from "./golden.ts";
export * from "./frames.ts";
export { goldenSuite } from "./golden-suite.ts";
export { packetMatchers, toFrames } from "./matchers.ts";
export { runClick, buildRouter } from "./run.ts";
export { readCapture, iterateCapture, writePcap, PcapError, type RunOptions, type RunResult } from "@clickos/runtime";
