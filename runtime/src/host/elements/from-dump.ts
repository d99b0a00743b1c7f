// FromDump(FILENAME [, KEYWORDS]): reads packets from a pcap or pcapng file.
// Push mode: a task pushing a batch (BURST, default 256) per run; pull mode:
// packets read when pulled. STOP true stops the router once the file is done
// (at the first run that finds nothing more, as Click does); ACTIVE, LIMIT
// (packets); TIMING is accepted but replay is as fast as possible (processing
// only). Timestamps become the packets' timestamp annotation and advance the
// router's virtual clock. Click's port count is 0/1-2 (output 1 for packets
// SAMPLE/FORCE_IP filter out); those filters are not implemented, so 0/1.

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import { openCapture, PcapError, type PcapRecord } from "../../pcap/index.ts";
import type { HostClass } from "../router.ts";
import { boolHandler, parseInt32 } from "./bool.ts";

export class FromDump extends RuntimeElement {
  protected filename = "";
  protected stopWhenDone = false;
  protected active = true;
  protected limit = -1;
  protected burst = 256;
  private iter: Generator<PcapRecord> | null = null;
  private info: { linkType: number } = { linkType: 1 };
  private pending: IteratorResult<PcapRecord> | null = null;
  private done = false;
  private count = 0;
  private batch = new PacketBatch(256);

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.filename = a.string("FILENAME", { positional: true, mandatory: true }) ?? "";
    this.readOptions(a);
    a.string("SAMPLE"); a.string("FORCE_IP"); a.string("START"); a.string("END"); a.string("INTERVAL"); a.string("END_AFTER"); a.string("FILEPOS"); a.bool("MMAP", true);
    a.bool("TIMING", false);
    a.complete();
  }

  /** Keywords shared with FromNetFront/FromDevice. */
  protected readOptions(a: HostArgs): void {
    this.stopWhenDone = a.bool("STOP", false);
    this.active = a.bool("ACTIVE", true);
    const limit = a.string("LIMIT");
    if (limit !== undefined) { const n = parseInt32(limit); if (n === undefined) a.errors.push("LIMIT type mismatch: expected integer"); else this.limit = n; }
    this.burst = a.unsigned("BURST", { default: 256 })!;
    if (this.burst < 1) a.errors.push("BURST must be >= 1");
  }

  initialize(): void {
    let bytes: Uint8Array;
    try {
      bytes = this.router.files.read(this.filename);
    } catch (e) {
      throw new Error(`${this.filename}: ${(e as Error).message}`);
    }
    // Read the header and first record now, so a bad file fails at initialization
    // with its byte offset.
    const { info, records } = openCapture(bytes, this.filename);
    this.iter = records;
    this.info = info;
    this.pending = this.iter.next();
  }

  /** The capture's link type (1 Ethernet, 101 raw IP, ...). */
  get linkType(): number { return this.info.linkType; }

  private get pushMode(): boolean { return this.noutputs > 0 && !this.outputPull[0]; }
  private get limited(): boolean { return this.limit >= 0 && this.count >= this.limit; }

  get exhausted(): boolean { return !this.pushMode || this.done || !this.active; }

  /** Reads up to `max` packets into `b`; marks the source done at the end of the file or LIMIT. */
  private read(b: PacketBatch, max: number): number {
    if (this.done || !this.active || !this.iter) return 0;
    const store = this.router.store;
    let n = 0;
    try {
      while (n < max && !this.limited) {
        const r = this.pending ?? this.iter.next();
        this.pending = null;
        if (r.done) { this.done = true; break; }
        const s = store.fromBytes(r.value.data, r.value.timestampNs);
        if (r.value.timestampNs > this.router.nowNs || this.count === 0) this.router.nowNs = r.value.timestampNs;
        b.push(s);
        this.count++;
        n++;
      }
    } catch (e) {
      if (!(e instanceof PcapError)) throw e;
      this.router.log(`${this.name}: ${e.message}; stopped reading (packets before it were processed)`);
      this.done = true;
    }
    if (this.limited) this.done = true;
    this.router.stats.packetsIn += n;
    return n;
  }

  runTask(): boolean {
    if (!this.pushMode || !this.active) return false;
    const b = this.batch;
    b.clear();
    if (this.read(b, this.burst) === 0) {
      if (this.done && this.stopWhenDone) this.router.stop();
      return false;
    }
    this.output(0, b);
    return true;
  }

  pull(_port: number, max: number, out: PacketBatch): void {
    if (this.read(out, max) === 0 && this.done && this.stopWhenDone) this.router.stop();
  }

  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.count), doc: "Packets read so far." },
      { name: "filename", read: () => this.filename },
      boolHandler("active", () => this.active, (b) => { this.active = b; }, "Whether packets are read."),
      {
        name: "limit", read: () => String(this.limit), doc: "Packets to read at most (-1: all).",
        write: (v) => { const n = parseInt32(v); if (n === undefined) throw new Error("limit: expected integer"); this.limit = n; },
      },
      { name: "stop", write: () => { this.done = true; this.router.stop(); }, doc: "Stops reading and stops the router." },
    ];
  }
}

export const FromDumpClass: HostClass = {
  name: "FromDump", ports: "0/1", processing: "a", doc: "reads packets from a pcap or pcapng file",
  create: (n, c, f, l) => new FromDump(n, "FromDump", c, f, l),
};
