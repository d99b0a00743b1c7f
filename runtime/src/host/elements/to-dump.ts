// ToDump(FILENAME [, ENCAP, SNAPLEN]): writes packets to a pcap file (written
// when the run ends). ENCAP ETHER (default) or IP (raw). 1/0, agnostic: in a
// pull path it is a task pulling a batch per run.

import { RuntimeElement, type Handler } from "../element.ts";
import { PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import { writePcap } from "../../pcap/index.ts";
import type { HostClass } from "../router.ts";

const ENCAPS: Record<string, number> = { ETHER: 1, IP: 101, RAW: 101 };

export class ToDump extends RuntimeElement {
  protected filename = "";
  protected linkType = 1;
  protected snaplen = 65535;
  protected burst = 256;
  private records: { data: Uint8Array; timestampNs: bigint }[] = [];
  private batch = new PacketBatch(256);

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

  push(_port: number, batch: PacketBatch): void {
    const store = this.router.store;
    for (let i = 0; i < batch.count; i++) {
      const s = batch.slots[i];
      let data = store.data(s);
      if (data.length > this.snaplen) data = data.subarray(0, this.snaplen);
      this.records.push({ data, timestampNs: store.timestamp(s) });
      store.release(s);
    }
    this.router.stats.packetsOut += batch.count;
    batch.count = 0;
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
    this.router.files.write(this.filename, writePcap(this.records, { linkType: this.linkType, snaplen: this.snaplen }));
  }

  handlers(): Handler[] {
    return [
      { name: "count", read: () => String(this.records.length), doc: "Packets written." },
      { name: "filename", read: () => this.filename },
    ];
  }
}

export const ToDumpClass: HostClass = {
  name: "ToDump", ports: "1/0", processing: "a", doc: "writes packets to a pcap file",
  create: (n, c, f, l) => new ToDump(n, "ToDump", c, f, l),
};
