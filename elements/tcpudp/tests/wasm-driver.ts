// Test-only driver for elements/build/elements.wasm: creates one element, configures
// it, pushes packets through one input and reads handlers, speaking the ABI directly
// (sdk/abi/abi.json). It stands in for the Node host's golden runner until that
// lands, so the golden fixtures can be checked now; it is not a router.

import { readFileSync } from "node:fs";

const D = { SIZE: 96, BUF: 0, CAP: 4, DATA: 8, LEN: 12, PORT: 16, FLAGS: 20, MAC: 24, NET: 28, TRANSPORT: 32, TS: 40, ANNO: 48 };
const HEADROOM = 64, TAILROOM = 64;

export interface Pkt { data: Uint8Array; timestampNs: bigint; anno?: Uint8Array }
export interface OutPkt extends Pkt { port: number; anno: Uint8Array }

interface Meta { classes: { id: number; name: string; handlers?: { id: number; name: string }[] }[] }

export class ElementDriver {
  private ex: any;
  private meta: Meta;
  errors: string[] = [];
  handle = 0;
  classId = -1;
  nowNs = 0n;

  constructor(wasmPath: string) {
    const bytes = readFileSync(wasmPath);
    const mod = new WebAssembly.Module(bytes);
    const sec = WebAssembly.Module.customSections(mod, "clickos.meta")[0];
    this.meta = JSON.parse(new TextDecoder().decode(sec));
    let seed = 12345;
    const inst = new WebAssembly.Instance(mod, {
      clickos: {
        log: () => {},
        error: (_h: number, ptr: number, len: number) => this.errors.push(this.str(ptr, len)),
        now_ns: () => this.nowNs,
        random: (ptr: number, len: number) => {
          const m = this.mem();
          for (let i = 0; i < len; i++) { seed = (seed * 1103515245 + 12345) >>> 0; m[ptr + i] = seed >>> 24; }
        },
        timer_schedule: () => {},
        timer_cancel: () => {},
        input_pull: () => 0,
        handler_text: () => {},
      },
      env: {
        abort: () => { throw new Error("wasm abort"); },
        trace: () => {},
        seed: () => 1,
      },
    });
    this.ex = inst.exports;
  }

  private mem(): Uint8Array { return new Uint8Array(this.ex.memory.buffer); }
  private str(ptr: number, len: number): string { return new TextDecoder().decode(this.mem().slice(ptr, ptr + len)); }
  private toScratch(s: string): number {
    const b = new TextEncoder().encode(s);
    const p = this.ex.clickos_scratch(b.length);
    this.mem().set(b, p);
    return b.length;
  }

  /** Creates and configures an element; returns the configuration errors (empty if fine). */
  create(className: string, config: string, ninputs: number, noutputs: number): string[] {
    const c = this.meta.classes.find((k) => k.name === className);
    if (!c) throw new Error(`no element class ${className}`);
    this.classId = c.id;
    this.handle = this.ex.clickos_element_new(c.id, ninputs, noutputs);
    this.errors = [];
    const len = this.toScratch(config);
    if (this.ex.clickos_element_configure(this.handle, len) !== 0) return this.errors.slice();
    if (this.ex.clickos_element_initialize(this.handle) !== 0) return this.errors.slice();
    return [];
  }

  /** Pushes packets as one batch on `port`; returns them with their output ports (-1 = dropped). */
  push(port: number, pkts: Pkt[]): OutPkt[] {
    const n = pkts.length;
    let size = n * D.SIZE;
    const offs: number[] = [];
    for (const p of pkts) { offs.push(size); size += HEADROOM + p.data.length + TAILROOM; }
    const base = this.ex.clickos_arena_alloc(size);
    let m = this.mem();
    const dv = new DataView(this.ex.memory.buffer);
    m.fill(0, base, base + size);
    pkts.forEach((p, i) => {
      const d = base + i * D.SIZE;
      const buf = base + offs[i];
      dv.setUint32(d + D.BUF, buf, true);
      dv.setUint32(d + D.CAP, HEADROOM + p.data.length + TAILROOM, true);
      dv.setUint32(d + D.DATA, buf + HEADROOM, true);
      dv.setUint32(d + D.LEN, p.data.length, true);
      dv.setInt32(d + D.PORT, 0, true);
      dv.setInt32(d + D.MAC, -1, true);
      dv.setInt32(d + D.NET, -1, true);
      dv.setInt32(d + D.TRANSPORT, -1, true);
      dv.setBigInt64(d + D.TS, p.timestampNs, true);
      if (p.anno) m.set(p.anno, d + D.ANNO);
      m.set(p.data, buf + HEADROOM);
    });
    this.ex.clickos_push(this.handle, port, base, n);
    m = this.mem();
    const dv2 = new DataView(this.ex.memory.buffer);
    const out: OutPkt[] = pkts.map((p, i) => {
      const d = base + i * D.SIZE;
      const data = dv2.getUint32(d + D.DATA, true), len = dv2.getUint32(d + D.LEN, true);
      return {
        data: m.slice(data, data + len),
        timestampNs: dv2.getBigInt64(d + D.TS, true),
        port: dv2.getInt32(d + D.PORT, true),
        anno: m.slice(d + D.ANNO, d + D.ANNO + 48),
      };
    });
    this.ex.clickos_arena_free(base);
    return out;
  }

  private handlerId(name: string): number {
    const h = this.meta.classes.find((k) => k.id === this.classId)!.handlers?.find((x) => x.name === name);
    if (!h) throw new Error(`no handler ${name}`);
    return h.id;
  }

  read(name: string): string {
    const len = this.ex.clickos_handler_read(this.handle, this.handlerId(name));
    if (len < 0) throw new Error(`read ${name} failed: ${this.errors.join("; ")}`);
    return this.str(this.ex.clickos_scratch(0), len);
  }

  write(name: string, value: string): void {
    const len = this.toScratch(value);
    if (this.ex.clickos_handler_write(this.handle, this.handlerId(name), len) !== 0) {
      throw new Error(`write ${name} failed: ${this.errors.join("; ")}`);
    }
  }
}
