// FromDump(FILENAME [, KEYWORDS]): reads packets from a pcap or pcapng file and
// pushes them, in batches, onto output 0. Click's keywords handled here: STOP
// (stop the router when done), ACTIVE, LIMIT (packets), TIMING is accepted but
// replay is as fast as possible (processing only). Timestamps become the packets'
// timestamp annotation and advance the router's virtual clock.

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import { openCapture, PcapError, type PcapRecord } from "../../pcap/index.ts";
import type { HostClass } from "../router.ts";

export class FromDump extends RuntimeElement {
  private file = "";
  private stopWhenDone = false;
  private active = true;
  private limit = Infinity;
  private iter: Generator<PcapRecord> | null = null;
  private info: { linkType: number } = { linkType: 1 };
  private done = false;
  private count = 0;
  private batch = new PacketBatch(256);
  burst = 256;

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.file = a.string("FILENAME", { positional: true, mandatory: true }) ?? "";
    this.stopWhenDone = a.bool("STOP", false);
    this.active = a.bool("ACTIVE", true);
    const limit = a.unsigned("LIMIT", {});
    if (limit !== undefined) this.limit = limit;
    a.bool("TIMING", false);
    a.string("SAMPLE"); a.string("FORCE_IP"); a.string("START"); a.string("END"); a.string("INTERVAL"); a.string("END_AFTER"); a.string("FILEPOS"); a.bool("MMAP", true);
    a.complete();
  }

  initialize(): void {
    let bytes: Uint8Array;
    try {
      bytes = this.router.files.read(this.file);
    } catch (e) {
      throw new Error(`${this.file}: ${(e as Error).message}`);
    }
    // Read the header and first record now, so a bad file fails at initialization
    // with its byte offset.
    const { info, records } = openCapture(bytes, this.file);
    this.iter = records;
    this.info = info;
    this.pending = this.iter.next();
  }
  private pending: IteratorResult<PcapRecord> | null = null;
  /** The capture's link type (1 Ethernet, 101 raw IP, ...). */
  get linkType(): number { return this.info.linkType; }

  get exhausted(): boolean { return this.done || !this.active; }

  runTask(): boolean {
    if (this.done || !this.active || !this.iter) return false;
    const store = this.router.store;
    const b = this.batch;
    b.clear();
    try {
      while (b.count < this.burst && this.count < this.limit) {
        const r = this.pending ?? this.iter.next();
        this.pending = null;
        if (r.done) break;
        const s = store.fromBytes(r.value.data, r.value.timestampNs);
        if (r.value.timestampNs > this.router.nowNs || this.count === 0) this.router.nowNs = r.value.timestampNs;
        b.push(s);
        this.count++;
      }
    } catch (e) {
      if (!(e instanceof PcapError)) throw e;
      this.router.log(`${this.name}: ${e.message}; stopped reading (packets before it were processed)`);
      this.done = true;
    }
    if (b.count === 0 || this.count >= this.limit) {
      if (b.count === 0) { this.done = true; if (this.stopWhenDone) this.router.stop(); return false; }
      this.done = true;
    }
    this.router.stats.packetsIn += b.count;
    this.output(0, b);
    if (this.done && this.stopWhenDone) this.router.stop();
    return true;
  }

  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.count), doc: "Packets read so far." },
      { name: "filename", read: () => this.file },
      { name: "active", read: () => String(this.active), write: (v) => { this.active = /^(true|1|yes)$/i.test(v.trim()); } },
    ];
  }
}

export const FromDumpClass: HostClass = {
  name: "FromDump", ports: "0/1", processing: "h", doc: "reads packets from a pcap or pcapng file",
  create: (n, c, f, l) => new FromDump(n, "FromDump", c, f, l),
};
