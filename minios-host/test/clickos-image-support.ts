// Drives minios-host/clickos-image/ for the opt-in image test and the bench's
// `clickos` section: the standard elements as a MiniOS package (through the CLI a user
// runs), the image (build-image.sh), and one boot under Xen (boot-image.sh) with its
// results read back.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readCapture } from "@clickos/runtime";
import { HOST_DIR } from "./support.ts";

const REPO = resolve(HOST_DIR, "..");
const SCRIPTS = join(HOST_DIR, "clickos-image");
export const CLI = join(REPO, "sdk", "bin", "clickos.js");
/** The MAC address boot-image.sh gives the ClickOS vif. */
export const VIF_MAC = "00:16:3e:c1:1c:05";

/** Why an image cannot be built and booted here, or null. */
export function clickOSImageMissing(env = process.env): string | null {
  if (!env.CLICKOS_SOURCES || !env.CLICKOS_DOM0) return "CLICKOS_SOURCES and CLICKOS_DOM0 are not both set (see minios-host/clickos-image/README.md)";
  if (process.getuid?.() !== 0) return "needs root (QEMU and mkfs.ext4 -d on the dom0 disk)";
  return null;
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, timeout: 3_600_000 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${r.error ?? r.status}):\n${(r.stderr ?? "").slice(-6000)}`);
  return r.stderr ?? "";
}

/** The standard elements with class prefix W, linked into an image in `dir`; returns the
 *  image path and build-image.sh's last line ("wrote … (N classes from clickos_std)"). */
export function buildStandardImage(dir: string, o: { sources: string; work?: string }): { image: string; summary: string } {
  mkdirSync(dir, { recursive: true });
  const pkg = join(dir, "pkg");
  run("node", [CLI, "build", ".", "--target", "minios", "--class-prefix", "W", "--package-name", "clickos_std", "--out-dir", pkg], join(REPO, "elements"));
  const image = join(dir, "clickos_x86_64");
  const log = run("bash", [join(SCRIPTS, "build-image.sh"), "--sources", o.sources, "--package", pkg, "--out", image, "--work", o.work ?? join(dir, "work")], dir);
  return { image, summary: log.trim().split("\n").pop() ?? "" };
}

export interface Boot {
  /** The guest's console. */
  guest: string;
  /** `--read` results by "element.handler". */
  handlers: Record<string, string>;
  /** Frames ClickOS transmitted on its vif. */
  frames: Uint8Array[];
}

/** One boot of `image` with `config`, `pcap` replayed onto the vif; results in `out`. */
export function bootImage(o: { dom0: string; image: string; config: string; pcap: Uint8Array; out: string; reads: string[]; wait?: number }): Boot {
  mkdirSync(o.out, { recursive: true });
  writeFileSync(join(o.out, "router.click"), o.config);
  writeFileSync(join(o.out, "in.pcap"), o.pcap);
  const args = ["--dom0", o.dom0, "--image", o.image, "--config", join(o.out, "router.click"), "--pcap", join(o.out, "in.pcap"),
    "--out-dir", join(o.out, "boot"), ...o.reads.flatMap((r) => ["--read", r]), ...(o.wait ? ["--wait", String(o.wait)] : [])];
  const r = spawnSync("bash", [join(SCRIPTS, "boot-image.sh"), ...args], { cwd: o.out, encoding: "utf8", timeout: 3_600_000 });
  const file = (f: string) => join(o.out, "boot", f);
  if (r.status !== 0) {
    const serial = existsSync(file("serial.log")) ? readFileSync(file("serial.log"), "latin1") : "";
    throw new Error(`boot-image.sh failed (${r.error ?? r.status}):\n${(r.stderr ?? "").slice(-3000)}\nserial log tail:\n${serial.slice(-3000)}`);
  }
  const handlers: Record<string, string> = {};
  for (const line of readFileSync(file("handlers.txt"), "utf8").split("\n")) {
    const sp = line.indexOf(" ");
    if (sp > 0) handlers[line.slice(0, sp)] = line.slice(sp + 1);
  }
  return {
    guest: readFileSync(file("clickos.log"), "latin1"),
    handlers,
    frames: readCapture(readFileSync(file("out.pcap"))).records.map((x) => x.data),
  };
}
