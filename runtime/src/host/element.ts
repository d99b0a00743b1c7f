// RuntimeElement: what the Node host's graph is made of. Host elements (FromDump,
// Queue, ...) and WebAssembly elements both extend it. Packets travel as batches
// of store slots; a callee owns the packets it receives and must finish with the
// batch object before returning (it may keep the slot numbers, like a Queue).

import type { PacketBatch } from "./packet-store.ts";
import type { ElementHost } from "./element-host.ts";

export interface PortRef { element: RuntimeElement; port: number }

export interface Handler {
  name: string;
  read?: () => string;
  write?: (value: string) => void;   // throws Error with a message on bad input
  doc?: string;
}

export abstract class RuntimeElement {
  /** The router the element is in (router.ts), as elements see it. */
  router!: ElementHost;
  /** Connected push outputs (downstream element and its input port). */
  outputs: (PortRef | null)[] = [];
  /** Connected pull inputs (upstream element and its output port). */
  inputs: (PortRef | null)[] = [];
  ninputs = 0;
  noutputs = 0;
  /** Per port, set by the graph check before configure: true where the port is pull. */
  inputPull: boolean[] = [];
  outputPull: boolean[] = [];
  /** True when packets from two of this element's outputs can meet again
   *  downstream (merges.ts): then splitting a batch by output must keep Click's
   *  one-packet-at-a-time order. */
  outputsMeet = false;
  /** Per-output scratch batches for host elements that split a batch. */
  protected outBatches: PacketBatch[] = [];

  constructor(public readonly name: string, public readonly className: string, public readonly config: string,
              public readonly file = "", public readonly line = 0) {}

  /** Click's "While configuring 'name :: Class'" context. */
  get landmark(): string { return `${this.file ? `${this.file}:${this.line}: ` : ""}While configuring '${this.name} :: ${this.className}'`; }

  /** Reads the configuration; throws Error(message) (one line per problem) on bad arguments. */
  configure(_args: string[]): void {}
  initialize(): void {}
  cleanup(): void {}

  /** Receives packets on push input `port`. */
  push(_port: number, batch: PacketBatch): void { this.router.dropBatch(batch); }
  /** Produces up to `max` packets from pull output `port` into `out`. */
  pull(_port: number, _max: number, _out: PacketBatch): void {}
  /** Source/sink tasks: returns true if it did work, false when idle (a push-mode sink returns false). */
  runTask?(): boolean;
  /** True once a source has nothing more to give (lets the router end the run). */
  get exhausted(): boolean { return true; }

  handlers(): Handler[] { return []; }

  /** Sends a batch out of push output `port` (dropped if unconnected). */
  protected output(port: number, batch: PacketBatch): void {
    const o = this.outputs[port];
    if (o && batch.count) o.element.push(o.port, batch);
    else this.router.dropBatch(batch);
  }
  /** Pulls from pull input `port`. */
  protected input(port: number, max: number, out: PacketBatch): void {
    const i = this.inputs[port];
    if (i) i.element.pull(i.port, max, out);
  }
}
