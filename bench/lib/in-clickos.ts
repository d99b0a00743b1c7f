// Inside a ClickOS image (opt-in: CLICKOS_SOURCES and CLICKOS_DOM0, as root): the
// standard elements linked into one image as W… classes beside ClickOS's own, each
// pipeline booted twice in the same bench run — Click's element, then the WASM one —
// and the Counter's `rate` read through xenstore. Under QEMU TCG the absolute rates say
// nothing about hardware (docs/native-performance.md); the ratio is the figure.
import { join } from "node:path";
import { pkt, writePcap } from "@clickos/sdk/testing";
import { VIF_MAC, bootImage, buildStandardImage, clickOSImageMissing } from "../../minios-host/test/clickos-image-support.ts";

export interface InClickOSRow { pipeline: string; rateNative: number | null; rateWasm: number | null; ratio: number | null; error?: string }

export const inClickOSMissing = clickOSImageMissing;

/** Pipelines after Strip(14), as Click classes; the WASM run prefixes each with W. */
const PIPELINES = [["CheckIPHeader", "DecIPTTL"], ["CheckIPHeader", "IPFilter(allow udp && dst port 2000, deny all)"]];

/** One UDP frame: InfiniteSource's data, and the one frame replayed onto the vif. */
const frame = () => pkt.ether({ src: "02:00:00:00:00:01", dst: VIF_MAC }).ipv4({ src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 })
  .udp({ sport: 1000, dport: 2000 }).payload(new Uint8Array(18)).build();

export function benchInClickOS(o: { tmp: string; wait: number; log: (m: string) => void }): InClickOSRow[] {
  const dir = join(o.tmp, "clickos-image");
  o.log("inside ClickOS: building the image (build-image.sh)");
  const { image } = buildStandardImage(dir, { sources: process.env.CLICKOS_SOURCES!, work: process.env.CLICKOS_IMAGE_WORK });
  // FromDevice's frames (the replayed one) go straight to Discard.
  const one = frame();
  const pcap = writePcap([{ data: one }]);
  const data = Buffer.from(one).toString("hex");
  const rate = (chain: string, name: string): number => {
    o.log(`inside ClickOS: ${chain}`);
    const config = `FromDevice(0) -> Discard;\nInfiniteSource(DATA \\<${data}>, LIMIT -1, BURST 32, STOP false) -> Strip(14) -> ${chain} -> c::Counter -> Discard;\n`;
    const out = join(dir, name);
    const v = Number(bootImage({ dom0: process.env.CLICKOS_DOM0!, image, config, pcap, out, reads: ["c.rate"], wait: o.wait }).handlers["c.rate"]);
    if (!(v > 0)) throw new Error(`${chain}: Counter rate not positive (see ${out}/boot/clickos.log)`);
    return v;
  };
  return PIPELINES.map((p, i) => {
    const pipeline = `Strip(14) -> ${p.join(" -> ")}`;
    try {
      const rateNative = rate(p.join(" -> "), `native-${i}`), rateWasm = rate(p.map((e) => "W" + e).join(" -> "), `wasm-${i}`);
      return { pipeline, rateNative, rateWasm, ratio: rateWasm / rateNative };
    } catch (e) {
      return { pipeline, rateNative: null, rateWasm: null, ratio: null, error: (e as Error).message.split("\n")[0] };
    }
  });
}
