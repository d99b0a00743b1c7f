// Inside a ClickOS image (opt-in: CLICKOS_SOURCES and CLICKOS_DOM0, as root): the
// standard elements linked into one image as W… classes beside ClickOS's own, each
// pipeline booted twice in the same bench run — Click's element, then the WASM one —
// and the Counter's `rate` read through xenstore. Under QEMU TCG the absolute rates say
// nothing about hardware (docs/native-performance.md); the ratio is the figure.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pkt, writePcap } from "@clickos/sdk/testing";

export interface InClickOSRow { pipeline: string; rateNative: number | null; rateWasm: number | null; ratio: number | null; error?: string }

export function inClickOSMissing(env = process.env): string | null {
  if (!env.CLICKOS_SOURCES || !env.CLICKOS_DOM0) return "CLICKOS_SOURCES and CLICKOS_DOM0 are not both set (minios-host/clickos-image/README.md)";
  if (process.getuid?.() !== 0) return "needs root (QEMU, mkfs.ext4 -d)";
  return null;
}

/** Pipelines after Strip(14), as Click classes; the WASM run prefixes each with W. */
const PIPELINES = [["CheckIPHeader", "DecIPTTL"], ["CheckIPHeader", "IPFilter(allow udp && dst port 2000, deny all)"]];

/** One UDP frame (InfiniteSource's data, and the one frame replayed onto the vif). */
function frame(): Uint8Array {
  return pkt.ether({ src: "02:00:00:00:00:01", dst: "00:16:3e:c1:1c:05" }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 })
    .udp({ sport: 1000, dport: 2000 }).payload(new Uint8Array(18)).build();
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, timeout: 3_600_000 });
  if (r.status !== 0) throw new Error(`${cmd.split("/").pop()} failed (${r.error ?? r.status}): ${(r.stderr ?? "").trim().split("\n").slice(-3).join(" / ")}`);
  return r.stderr ?? "";
}

export function benchInClickOS(o: { repo: string; tmp: string; wait: number; log: (m: string) => void }): InClickOSRow[] {
  const scripts = join(o.repo, "minios-host", "clickos-image");
  const dir = join(o.tmp, "clickos-image");
  mkdirSync(dir, { recursive: true });
  o.log("inside ClickOS: building the image (build-image.sh)");
  run("node", [join(o.repo, "sdk", "bin", "clickos.js"), "build", ".", "--target", "minios", "--class-prefix", "W", "--package-name", "clickos_std", "--out-dir", join(dir, "pkg")], join(o.repo, "elements"));
  const image = join(dir, "clickos_x86_64");
  run("bash", [join(scripts, "build-image.sh"), "--sources", process.env.CLICKOS_SOURCES!, "--package", join(dir, "pkg"), "--out", image,
    "--work", process.env.CLICKOS_IMAGE_WORK ?? join(dir, "work")], dir);
  // boot-image.sh replays a capture onto the vif; FromDevice's frames go straight to Discard.
  const replay = join(dir, "one.pcap");
  writeFileSync(replay, writePcap([{ data: frame() }]));
  const data = Buffer.from(frame()).toString("hex");
  const rows: InClickOSRow[] = [];
  for (const p of PIPELINES) {
    const pipeline = `Strip(14) -> ${p.join(" -> ")}`;
    const rate = (prefix: string) => {
      const chain = p.map((e) => prefix + e).join(" -> ");
      const conf = join(dir, `${prefix || "native"}.click`);
      writeFileSync(conf, `FromDevice(0) -> Discard;\nInfiniteSource(DATA \\<${data}>, LIMIT -1, BURST 32, STOP false) -> Strip(14) -> ${chain} -> c::Counter -> Discard;\n`);
      const out = join(dir, `boot-${prefix || "native"}`);
      o.log(`inside ClickOS: ${chain}`);
      run("bash", [join(scripts, "boot-image.sh"), "--dom0", process.env.CLICKOS_DOM0!, "--image", image, "--config", conf,
        "--pcap", replay, "--out-dir", out, "--read", "c.rate", "--wait", String(o.wait)], dir);
      const v = Number(/^c\.rate (\S+)/m.exec(readFileSync(join(out, "handlers.txt"), "utf8"))?.[1]);
      if (!(v > 0)) throw new Error(`${chain}: Counter rate not positive (see ${out}/clickos.log)`);
      return v;
    };
    try {
      const rateNative = rate(""), rateWasm = rate("W");
      rows.push({ pipeline, rateNative, rateWasm, ratio: rateWasm / rateNative });
    } catch (e) {
      rows.push({ pipeline, rateNative: null, rateWasm: null, ratio: null, error: (e as Error).message });
    }
  }
  return rows;
}
