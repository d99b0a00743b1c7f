// ToDump(FILENAME [, ENCAP, SNAPLEN]): writes packets to a pcap file, streamed
// in chunks of about CHUNK bytes as they arrive (a long run holds no output in
// memory; the file's directory is created). ENCAP ETHER (default) or IP (raw).
// 1/0, agnostic: in a pull path it is a task pulling a batch per run.

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import { pcapHeader, putPcapRecord, pcapRecordSize } from "../../pcap/write.ts";
import type { HostClass, OutputFile } from "../router.ts";

/** Bytes buffered before a write to the file. */
const CHUNK = 1 << 20;

const ENCAPS: Record<string, number> = { ETHER: 1, IP: 101, RAW: 101 };

export class ToDump extends RuntimeElement {
  protected filename = "";
  protected linkType = 1;
  protected snaplen = 65535;
  protected burst = 256;
  private batch = new PacketBatch(256);
  private out: OutputFile | null = null;
  private buf = new Uint8Array(CHUNK);
  private view = new DataView(this.buf.buffer);
  private used = 0;
  private written = 0;

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.filename = a.string("FILENAME", { positional: true, mandatory: true }) ?? "";
    this.readOptions(a);
    a.complete();
  }

  protected readOptions(a: HostArgs): void {
    const encap = (a.string("ENCAP", { positional: true, default: "ETHER" }) ?? "ETHER").toUpperCase();
    if (!(encap in ENCAPS)) a.errors.push(`ENCAP: unknown encapsulation '${encap}' (expected ETHER or IP)`);
    this.linkType = ENCAPS[encap] ?? 1;
    this.snaplen = a.unsigned("SNAPLEN", { default: 65535 })!;
    this.burst = a.unsigned("BURST", { default: 256 })!;
    if (this.burst < 1) a.errors.push("BURST must be >= 1");
    a.bool("USE_ENCAP_FROM", false); a.string("EXTRA_LENGTH"); a.string("UNBUFFERED");
  }

  initialize(): void {
    const files = this.router.files;
    const opts = { linkType: this.linkType, snaplen: this.snaplen };
    if (files.open) {
      this.out = files.open(this.filename);
      this.out.write(pcapHeader(opts));
    } else {
      // A FileAccess without streaming: collect, write the whole file at cleanup.
      const parts: Uint8Array[] = [pcapHeader(opts)];
      this.out = {
        write: (b) => { parts.push(b.slice()); },
        close: () => files.write(this.filename, concat(parts)),
      };
    }
  }

  push(_port: number, batch: PacketBatch): void {
    const store = this.router.store;
    const opts = { snaplen: this.snaplen };
    for (let i = 0; i < batch.count; i++) {
      const s = batch.slots[i];
      const size = pcapRecordSize(store.len[s], this.snaplen);
      if (this.used + size > this.buf.length) this.flush(size);
      this.used = putPcapRecord(this.buf, this.view, this.used, { data: store.bufferOf(s).subarray(store.dataOff[s], store.dataOff[s] + store.len[s]), timestampNs: store.timestamp(s) }, this.written, opts);
      this.written++;
      store.release(s);
    }
    this.router.stats.packetsOut += batch.count;
    batch.count = 0;
  }

  /** Writes the buffered records out; makes room for at least `need` bytes. */
  private flush(need = 0): void {
    if (this.used) this.out?.write(this.buf.subarray(0, this.used));
    this.used = 0;
    if (need > this.buf.length) { this.buf = new Uint8Array(need); this.view = new DataView(this.buf.buffer); }
  }

  runTask(): boolean {
    if (!this.inputPull[0]) return false;
    const b = this.batch;
    b.clear();
    this.input(0, this.burst, b);
    if (!b.count) return false;
    this.push(0, b);
    return true;
  }

  cleanup(): void {
    if (!this.out) return;
    this.flush();
    this.out.close();
    this.out = null;
  }

  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.written), doc: "Packets written." },
      { name: "filename", read: () => this.filename },
    ];
  }
}

export const ToDumpClass: HostClass = {
  name: "ToDump", ports: "1/0", processing: "a", doc: "writes packets to a pcap file",
  create: (n, c, f, l) => new ToDump(n, "ToDump", c, f, l),
};

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}
