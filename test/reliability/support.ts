// Shared helpers for the reliability suite: private builds of the faulty test
// element (each test process builds its own copy, so parallel test files never
// race on one output file), packet generators and the report collector.
import { mkdirSync, copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { buildPackage, type BuildOptions } from "../../sdk/src/build/build.ts";
import { pkt } from "../../sdk/src/testing/index.ts";

export const ROOT = new URL("../..", import.meta.url).pathname;
const FAULTY_SRC = join(ROOT, "test/fixtures/faulty");
/** Under node_modules so the copy resolves @clickos/sdk like the original. */
export const WORK = join(ROOT, "node_modules/.cache/clickos-reliability");

/** Every fault Faulty(MODE) can commit. */
export const FAULTS = ["unreachable", "oob", "divzero", "stack", "oom", "abort", "loop"] as const;
export type Fault = (typeof FAULTS)[number];

const builds = new Map<string, Promise<string>>();

/** Builds test/fixtures/faulty into a private directory with the given build options. */
export function faultyWasm(opts: Omit<BuildOptions, "dir" | "out"> = {}): Promise<string> {
  const key = JSON.stringify(opts);
  let p = builds.get(key);
  if (!p) {
    const dir = join(WORK, `faulty-${process.pid}-${builds.size}`);
    mkdirSync(dir, { recursive: true });
    for (const f of ["faulty.ts", "package.json"]) copyFileSync(join(FAULTY_SRC, f), join(dir, f));
    p = buildPackage({ ...opts, dir, out: join(dir, "build/faulty.wasm") }).then((r) => r.wasm);
    builds.set(key, p);
  }
  return p;
}

export const normal = (i: number) => pkt.ether({ dst: "02:00:00:00:00:02" }).ipv4({ id: i & 0xffff }).udp({ sport: 1000 + (i & 0xfff), dport: 9 }).build();
/** First byte 0xff: Faulty's default trigger. */
export const poison = () => pkt.ether({ dst: "ff:ff:ff:ff:ff:ff" }).ipv4().udp().build();

export function exists(p: string): boolean { return existsSync(p); }
