// InfiniteSource([DATA, LIMIT, BURST, ACTIVE, KEYWORDS]): generates copies of one
// packet. Push mode: a task pushing BURST packets per run; pull mode: a packet
// per pull (a batch per batched pull). LIMIT -1 is endless; STOP true stops the
// router once LIMIT packets were sent. Ports 0/1, agnostic, as in Click.

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";
import { boolHandler, parseInt32 } from "./bool.ts";

const DEFAULT_DATA = "Random bullshit in a packet, at least 64 bytes long. Well, now it is.";

export class InfiniteSource extends RuntimeElement {
  data = DEFAULT_DATA;
  length = -1;
  limit = -1;
  burst = 1;
  active = true;
  stopWhenDone = false;
  timestamp = true;
  count = 0;
  private packet = new Uint8Array(0);
  private batch = new PacketBatch(256);

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.data = a.string("DATA", { positional: true, default: DEFAULT_DATA })!;
    const limit = a.string("LIMIT", { positional: true });
    if (limit !== undefined) { const n = parseInt32(limit); if (n === undefined) a.errors.push("LIMIT type mismatch: expected integer"); else this.limit = n; }
    this.burst = a.unsigned("BURST", { positional: true, default: 1 })!;
    this.active = a.bool("ACTIVE", true, true);
    this.timestamp = a.bool("TIMESTAMP", true);
    const len = a.string("LENGTH") ?? a.string("DATASIZE");
    if (len !== undefined) { const n = parseInt32(len); if (n === undefined) a.errors.push("LENGTH type mismatch: expected integer"); else this.length = n; }
    this.stopWhenDone = a.bool("STOP", false);
    if (this.burst < 1) a.errors.push("burst size must be >= 1");
    a.complete();
    this.setupPacket();
  }

  /** DATA repeated or cut to LENGTH bytes (Click's setup_packet); DATA's characters are bytes. */
  private setupPacket(): void {
    const d = this.data;
    const n = this.length < 0 ? d.length : this.length;
    const p = new Uint8Array(n);
    for (let i = 0; i < n; i++) p[i] = d.length ? d.charCodeAt(i % d.length) & 0xff : 0;
    this.packet = p;
  }

  private get pushMode(): boolean { return this.noutputs > 0 && !this.outputPull[0]; }
  private get remaining(): number { return this.limit < 0 ? Infinity : Math.max(0, this.limit - this.count); }

  get exhausted(): boolean { return !this.pushMode || !this.active || this.remaining === 0; }

  private make(into: PacketBatch, n: number): void {
    const store = this.router.store, p = this.packet;
    for (let i = 0; i < n; i++) {
      const s = store.alloc(p.length);
      store.bufferOf(s).set(p, store.dataOff[s]);
      if (this.timestamp) store.setTimestamp(s, this.router.nowNs);
      into.push(s);
    }
    this.count += n;
    this.router.stats.packetsIn += n;
  }

  runTask(): boolean {
    if (!this.pushMode || !this.active) return false;
    const n = Math.min(this.burst, this.remaining);
    if (n === 0) {
      if (this.stopWhenDone) this.router.stop();
      return false;
    }
    const b = this.batch;
    b.clear();
    this.make(b, n);
    this.output(0, b);
    return true;
  }

  pull(_port: number, max: number, out: PacketBatch): void {
    if (!this.active) return;
    const n = Math.min(max, this.remaining);
    if (n === 0) { if (this.stopWhenDone) this.router.stop(); return; }
    this.make(out, n);
  }

  handlers(): Handler[] {
    const int = (name: string, set: (n: number) => void, min = -Infinity): Handler => ({
      name, read: () => String((this as unknown as Record<string, number>)[name]),
      write: (v) => { const n = parseInt32(v); if (n === undefined || n < min) throw new Error(`${name} parameter must be integer${min > -Infinity ? ` >= ${min}` : ""}`); set(n); },
    });
    return [
      { name: "data", read: () => this.data, write: (v) => { this.data = v; this.setupPacket(); } },
      int("limit", (n) => { this.limit = n; }),
      int("burst", (n) => { this.burst = n; }, 1),
      boolHandler("active", () => this.active, (b) => { this.active = b; }),
      { name: "count", read: () => String(this.count) },
      { name: "reset", write: () => { this.count = 0; } },
      int("length", (n) => { this.length = n; this.setupPacket(); }),
    ];
  }
}

export const InfiniteSourceClass: HostClass = {
  name: "InfiniteSource", ports: "0/1", processing: "a", doc: "generates packets whenever scheduled",
  create: (n, c, f, l) => new InfiniteSource(n, "InfiniteSource", c, f, l),
};
