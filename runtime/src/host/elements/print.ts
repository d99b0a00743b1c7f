// Print([LABEL, MAXLENGTH, KEYWORDS]): prints a line per packet to the router's
// log, in Click's format: "label: [timestamp: ]length | hex bytes in groups of
// four". CONTENTS NONE, HEX (default) or ASCII; MAXLENGTH 24 (-1 for all).
// 1/1, agnostic, as in Click.

import { RuntimeElement, type Handler } from "../element.ts";
import { SLOT_SIZE, type PacketBatch } from "../packet-store.ts";
import { HostArgs } from "../args.ts";
import type { HostClass } from "../router.ts";
import { boolHandler, parseBool, parseInt32 } from "./bool.ts";

export class Print extends RuntimeElement {
  label = "";
  maxLength = 24;
  contents = 1; // 0 none, 1 hex, 2 ascii
  timestamp = false;
  headroom = false;
  active = true;

  configure(args: string[]): void {
    const a = new HostArgs(args);
    this.label = a.string("LABEL", { positional: true, default: "" })!;
    const ml = a.string("MAXLENGTH", { positional: true }) ?? a.string("LENGTH") ?? a.string("NBYTES");
    if (ml !== undefined) { const n = parseInt32(ml); if (n === undefined) a.errors.push("MAXLENGTH type mismatch: expected integer"); else this.maxLength = n; }
    const contents = a.string("CONTENTS", { default: "HEX" })!;
    this.timestamp = a.bool("TIMESTAMP", false);
    a.bool("PRINTANNO", false);
    this.active = a.bool("ACTIVE", true);
    this.headroom = a.bool("HEADROOM", false);
    a.complete();
    const b = parseBool(contents), u = contents.toUpperCase();
    if (b !== undefined) this.contents = b ? 1 : 0;
    else if (u === "NONE") this.contents = 0;
    else if (u === "HEX") this.contents = 1;
    else if (u === "ASCII") this.contents = 2;
    else throw new Error(`bad contents value '${contents}'; should be 'NONE', 'HEX', or 'ASCII'`);
  }

  /** One packet's line. */
  format(s: number): string {
    const store = this.router.store;
    const len = store.len[s];
    let out = "", sep = "";
    if (this.label) { out += this.label; sep = ": "; }
    if (this.timestamp) {
      const ns = store.timestamp(s);
      out += `${sep}${ns / 1_000_000_000n}.${String((ns % 1_000_000_000n) / 1000n).padStart(6, "0")}`;
      sep = ": ";
    }
    out += sep + String(len).padStart(4, " ");
    if (this.headroom) {
      const buf = store.bufferOf(s);
      const end = buf !== store.bytes ? buf.length : (s + 1) * SLOT_SIZE;
      out += ` (h${store.headroom(s)} t${end - store.dataOff[s] - len})`;
    }
    let bytes = this.contents ? this.maxLength : 0;
    if (bytes < 0 || len < bytes) bytes = len;
    if (bytes) {
      out += " | ";
      const buf = store.bufferOf(s), off = store.dataOff[s];
      for (let i = 0; i < bytes; i++) {
        const c = buf[off + i];
        if (this.contents === 1) {
          if (i && i % 4 === 0) out += " ";
          out += c.toString(16).padStart(2, "0");
        } else {
          if (i % 8 === 0) out += " ";
          out += c < 32 || c > 126 ? "." : String.fromCharCode(c);
        }
      }
    }
    return out;
  }

  private see(batch: PacketBatch, from: number): void {
    if (!this.active) return;
    for (let i = from; i < batch.count; i++) this.router.log(this.format(batch.slots[i]));
  }

  push(_port: number, batch: PacketBatch): void {
    this.see(batch, 0);
    this.output(0, batch);
  }

  pull(_port: number, max: number, out: PacketBatch): void {
    const before = out.count;
    this.input(0, max, out);
    this.see(out, before);
  }

  handlers(): Handler[] {
    return [boolHandler("active", () => this.active, (b) => { this.active = b; })];
  }
}

export const PrintClass: HostClass = {
  name: "Print", ports: "1/1", processing: "a", doc: "prints packet contents",
  create: (n, c, f, l) => new Print(n, "Print", c, f, l),
};
