// What the router is to the elements in it — their packet store, clock, files,
// log and counters — declared here, where the elements' side reads it, so an
// element and the router do not import each other (test/architecture/host-layers).
// The Router (router.ts) is the one implementation.

import type { PacketBatch, PacketStore } from "./packet-store.ts";
import type { CrossingTrace } from "./trace.ts";

export interface FileAccess {
  read(name: string): Uint8Array;
  write(name: string, bytes: Uint8Array): void;
  /** Opens `name` for writing in pieces (ToDump streams: a long run holds no
   *  output in memory). Throws Error with a message if it cannot. */
  open?(name: string): OutputFile;
}

export interface OutputFile {
  write(bytes: Uint8Array): void;
  close(): void;
}

export interface RunStats { packetsIn: number; packetsOut: number; dropped: number; trapDrops: number; traps: number; trapReports: TrapReport[]; elapsedMs: number }

/** A packet a trap cost: the rest of its batch was run again without it. */
export interface TrapReport {
  /** The element whose call trapped. */
  element: string;
  /** The packet's number (store.seq: from 1, in the order packets were created, as in the capture for one FromDump). */
  packet: number;
  timestampNs: bigint;
  message: string;
}

export interface ElementHost {
  readonly store: PacketStore;
  readonly stats: { dropped: number; trapDrops: number; traps: number; packetsIn: number; packetsOut: number };
  /** Virtual clock (ns since epoch): the newest packet timestamp seen by a source, or real time. */
  nowNs: bigint;
  readonly files: FileAccess;
  readonly log: (m: string) => void;
  /** Records every crossing into a WebAssembly element when set; null: off. */
  trace: CrossingTrace | null;
  /** Frees a batch's packets (counted as dropped). */
  dropBatch(batch: PacketBatch): void;
  /** Ends the run once the current work is done (a source with STOP true). */
  stop(): void;
  /** Records a packet lost to a trap in `element`. */
  reportTrap(element: string, slot: number, message: string): void;
}
