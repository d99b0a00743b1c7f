import { PcapError } from "./errors.js";
import { MAX_CAPLEN, type CaptureInfo, type PcapRecord } from "./types.js";

// pcapng is a sequence of blocks: type(4) totalLength(4) body totalLength(4).
// The byte order is set per section by the Section Header Block's byte-order magic.
export const SHB_TYPE = 0x0a0d0d0a;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
const IDB_TYPE = 0x00000001;
const OPB_TYPE = 0x00000002; // obsolete Packet Block, still written by old tools
const SPB_TYPE = 0x00000003;
const EPB_TYPE = 0x00000006;
const OPT_IF_TSRESOL = 9;
const OPT_IF_TSOFFSET = 14;

interface Iface {
  linkType: number;
  snaplen: number;
  /** Converts a raw timestamp in this interface's units to nanoseconds. */
  toNs: (raw: bigint) => bigint;
  nanosecond: boolean;
  offsetSec: bigint;
}

export function isPcapng(view: DataView): boolean {
  return view.byteLength >= 4 && view.getUint32(0, false) === SHB_TYPE;
}

/** Builds the unit conversion for an if_tsresol byte (high bit: power of 2, else of 10). */
function resolution(tsresol: number): { toNs: (raw: bigint) => bigint; nanosecond: boolean } {
  const exp = tsresol & 0x7f;
  if (tsresol & 0x80) {
    const denom = 1n << BigInt(exp);
    return { toNs: (raw) => (raw * 1_000_000_000n) / denom, nanosecond: exp > 20 };
  }
  if (exp <= 9) {
    const mul = 10n ** BigInt(9 - exp);
    return { toNs: (raw) => raw * mul, nanosecond: exp > 6 };
  }
  const div = 10n ** BigInt(exp - 9);
  return { toNs: (raw) => raw / div, nanosecond: true };
}

export function* parsePcapng(
  bytes: Uint8Array,
  view: DataView,
  info: CaptureInfo,
  file?: string,
): Generator<PcapRecord> {
  info.format = "pcapng";
  let le = true;
  let ifaces: Iface[] = [];
  // The capture's link type is fixed by the first interface that carries a packet
  // (a file may declare unused interfaces of other types; those are harmless).
  let chosen: Iface | undefined;
  let firstIface: Iface | undefined;
  let off = 0;

  const fail = (reason: string, at: number): never => {
    throw new PcapError(reason, at, file);
  };

  while (off < bytes.length) {
    const left = bytes.length - off;
    if (left < 12) fail(`truncated block header (needs 12 bytes, ${left} left)`, off);
    const rawType = view.getUint32(off, false);
    if (rawType === SHB_TYPE) {
      if (left < 28) fail(`truncated section header block (needs 28 bytes, ${left} left)`, off);
      const magicBE = view.getUint32(off + 8, false);
      if (magicBE === BYTE_ORDER_MAGIC) le = false;
      else if (view.getUint32(off + 8, true) === BYTE_ORDER_MAGIC) le = true;
      else fail(`bad byte-order magic 0x${magicBE.toString(16).padStart(8, "0")} in section header block`, off + 8);
      const major = view.getUint16(off + 12, le);
      if (major !== 1) fail(`unsupported pcapng major version ${major}`, off + 12);
      ifaces = []; // interface ids are numbered per section
    } else if (off === 0) {
      fail(`bad magic 0x${rawType.toString(16).padStart(8, "0")} (not a pcapng section header)`, 0);
    }
    const type = view.getUint32(off, le);
    const total = view.getUint32(off + 4, le);
    if (total < 12) fail(`block total length ${total} smaller than 12`, off + 4);
    if (total % 4 !== 0) fail(`block total length ${total} not a multiple of 4`, off + 4);
    if (total > left) fail(`truncated block (total length ${total}, ${left} bytes left)`, off + 4);
    const trailer = view.getUint32(off + total - 4, le);
    if (trailer !== total) {
      fail(`block total length mismatch (header says ${total}, trailer says ${trailer})`, off + total - 4);
    }
    if (type === SHB_TYPE && total < 28) fail(`section header block total length ${total} smaller than 28`, off + 4);
    const body = off + 8;
    const bodyLen = total - 12;

    if (type === IDB_TYPE) {
      if (bodyLen < 8) fail(`interface description block too short (${total} bytes)`, off + 4);
      const iface = readIdb(view, le, body, body + bodyLen, fail);
      ifaces.push(iface);
      firstIface ??= iface;
    } else if (type === EPB_TYPE || type === OPB_TYPE) {
      if (bodyLen < 20) fail(`packet block too short (${total} bytes)`, off + 4);
      const epb = type === EPB_TYPE;
      const id = epb ? view.getUint32(body, le) : view.getUint16(body, le);
      const iface = ifaces[id] ?? fail(`unknown interface id ${id} (${ifaces.length} interfaces defined)`, body);
      chosen = pick(chosen, iface, id, off, fail);
      const tsRaw = (BigInt(view.getUint32(body + 4, le)) << 32n) | BigInt(view.getUint32(body + 8, le));
      const caplen = view.getUint32(body + 12, le);
      const origlen = view.getUint32(body + 16, le);
      checkCaplen(caplen, iface, body + 12, fail);
      if (caplen > bodyLen - 20) {
        fail(`truncated record data (needs ${caplen} bytes, block holds ${bodyLen - 20})`, body + 20);
      }
      yield {
        data: bytes.subarray(body + 20, body + 20 + caplen),
        timestampNs: iface.toNs(tsRaw) + iface.offsetSec * 1_000_000_000n,
        originalLength: origlen,
      };
    } else if (type === SPB_TYPE) {
      if (bodyLen < 4) fail(`simple packet block too short (${total} bytes)`, off + 4);
      const iface = ifaces[0] ?? fail("simple packet block before any interface description block", off);
      chosen = pick(chosen, iface, 0, off, fail);
      const origlen = view.getUint32(body, le);
      // A simple packet block stores min(origlen, snaplen) bytes; no timestamp.
      let caplen = origlen;
      if (iface.snaplen > 0 && caplen > iface.snaplen) caplen = iface.snaplen;
      if (caplen > MAX_CAPLEN) fail(`packet length ${caplen} larger than the ${MAX_CAPLEN}-byte limit`, body);
      if (caplen > bodyLen - 4) {
        fail(`truncated record data (needs ${caplen} bytes, block holds ${bodyLen - 4})`, body + 4);
      }
      yield { data: bytes.subarray(body + 4, body + 4 + caplen), timestampNs: 0n, originalLength: origlen };
    }
    // Any other block type (name resolution, statistics, custom...) is skipped whole.
    off += total;
  }

  const main = chosen ?? firstIface;
  if (main) {
    info.linkType = main.linkType;
    info.snaplen = main.snaplen;
    info.nanosecond = main.nanosecond;
  }
}

function pick(
  chosen: Iface | undefined,
  iface: Iface,
  id: number,
  at: number,
  fail: (r: string, at: number) => never,
): Iface {
  if (chosen && chosen.linkType !== iface.linkType) {
    fail(
      `packet on interface ${id} has link type ${iface.linkType}, but earlier packets have link type ` +
        `${chosen.linkType} (one link type per capture is supported)`,
      at,
    );
  }
  return chosen ?? iface;
}

/** A record longer than its interface's snaplen is kept, as libpcap and
 *  Wireshark do (and the native harness, minios-host/harness/pcapng.c). */
function checkCaplen(caplen: number, _iface: Iface, at: number, fail: (r: string, at: number) => never): void {
  if (caplen > MAX_CAPLEN) fail(`caplen ${caplen} larger than the ${MAX_CAPLEN}-byte limit`, at);
}

function readIdb(
  view: DataView,
  le: boolean,
  body: number,
  end: number,
  fail: (r: string, at: number) => never,
): Iface {
  const linkType = view.getUint16(body, le);
  const snaplen = view.getUint32(body + 4, le);
  let res = resolution(6); // default if_tsresol is 10^-6
  let offsetSec = 0n;
  let p = body + 8;
  while (p + 4 <= end) {
    const code = view.getUint16(p, le);
    const len = view.getUint16(p + 2, le);
    if (code === 0) break; // opt_endofopt
    const padded = (len + 3) & ~3;
    if (p + 4 + padded > end) fail(`option ${code} length ${len} runs past the end of its block`, p + 2);
    if (code === OPT_IF_TSRESOL && len >= 1) res = resolution(view.getUint8(p + 4));
    if (code === OPT_IF_TSOFFSET && len >= 8) offsetSec = view.getBigInt64(p + 4, le);
    p += 4 + padded;
  }
  return { linkType, snaplen, toNs: res.toNs, nanosecond: res.nanosecond, offsetSec };
}
