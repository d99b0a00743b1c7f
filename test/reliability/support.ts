// Shared helpers for the reliability suite: builds of the faulty test element
// (content-cached, see test/support/cached-build.ts), packet generators and the
// report collector.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { pkt } from "@clickos/sdk/testing";

export const ROOT = new URL("../..", import.meta.url).pathname;
const FAULTY_SRC = join(ROOT, "test/fixtures/faulty");
/** Under node_modules so the copy resolves @clickos/sdk like the original. */
export const WORK = join(ROOT, "node_modules/.cache/clickos-reliability");
mkdirSync(WORK, { recursive: true });

/** Every fault Faulty(MODE) can commit. */
export const FAULTS = ["unreachable", "oob", "divzero", "stack", "oom", "abort", "loop"] as const;
export type Fault = (typeof FAULTS)[number];

/** Builds of test/fixtures/faulty with the given options, cached by content across test files. */
export { faultyWasm } from "../support/cached-build.ts";

export const normal = (i: number) => pkt.ether({ dst: "02:00:00:00:00:02" }).ipv4({ id: i & 0xffff }).udp({ sport: 1000 + (i & 0xfff), dport: 9 }).build();
/** First byte 0xff: Faulty's default trigger. */
export const poison = () => pkt.ether({ dst: "ff:ff:ff:ff:ff:ff" }).ipv4().udp().build();

export function exists(p: string): boolean { return existsSync(p); }
