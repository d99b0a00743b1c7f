/*
=c
CGNAT(POOL, [BLOCK_SIZE, PORTS, CAPACITY, SEED, TIMEOUTS...])

=s nat
carrier-grade NAT with per-subscriber port blocks

=d
A NAPT for many subscribers (RFC 6888 style). Click has no such element; this is a
ClickOS element built on the same mapping table as IPRewriter.

Input 0 takes subscriber (inside) traffic, input 1 traffic from the outside.
Output 0 emits translated outbound packets, output 1 translated inbound replies,
and output 2, if connected, inbound packets that match no mapping (otherwise they
are dropped and counted).

Each subscriber (inside source address) gets one block of BLOCK_SIZE ports on one
public address of the POOL when its first flow appears, and keeps it while it has
mappings; all its flows leave from that address with a port from that block,
chosen at random (a small xorshift generator seeded at configuration) and then the
next free one. A port is reused towards different destinations (address- and
port-dependent mapping, as IPRewriter does); endpoint-independent mapping is not
implemented. Blocks are handed out lowest first, cycling over the pool's
addresses. A new flow is dropped and counted in 'mapping_failures' when the
table is full (CAPACITY), no block is free (after reclaiming expired mappings),
or the subscriber's block has no free port for that destination.

Mappings time out as IPRewriter's do (TCP: no data / data / done; UDP; packet
timestamps are the clock). Non-TCP/UDP packets and non-first fragments are
dropped; packets without an IPv4 header are dropped and counted as 'malformed'.

=item POOL
The public addresses: a prefix (198.51.100.0/30: every address in it), a range
(198.51.100.1-198.51.100.4) or one address. At most 65536 addresses. Mandatory.

=item BLOCK_SIZE
Ports per subscriber block. Default 512.

=item PORTS
The port range cut into blocks, L-H. Default 1024-65535.

=item CAPACITY
Most mappings held, allocated at configuration. Default 65536.

=item SEED
Unsigned. Seed of the port choice; 0 (default) asks the host (clickos.random).

=item TCP_TIMEOUT, TCP_NODATA_TIMEOUT, TCP_DONE_TIMEOUT, UDP_TIMEOUT, UDP_STREAMING_TIMEOUT
As IPRewriter's (defaults 24 h, 5 min, 4 min, 5 min, UDP_TIMEOUT).

=h mappings read-only
Live forward mappings, one per line, "tcp (SA, SP, DA, DP) => (SA', SP', DA', DP') [*0 1] i0 expSECONDS".

=h nmappings read-only
Number of live mappings.

=h subscribers read-only
Allocated blocks, one per line: "SUBSCRIBER PUBLIC_ADDRESS LOW-HIGH MAPPINGS".

=h mapping_failures read-only
New flows dropped (table full, no free block, no free port).

=h unsolicited read-only
Inbound packets that matched no mapping.

=h malformed read-only
Packets dropped because they held no IPv4 header.

=h clear write-only
Removes every mapping and frees every block.

=e
  nat :: CGNAT(POOL 198.51.100.0/28, BLOCK_SIZE 1024, UDP_TIMEOUT 2min);
  from_subscribers -> [0]nat[0] -> to_internet;
  from_internet -> [1]nat[1] -> to_subscribers;

=a IPRewriter, IPLoadBalancer
*/

import { Packet, Batch, Args, DROP_PACKET, IPAddress, IPPrefix, StringAccum } from "@clickos/sdk";
import { NatFlows } from "../lib/nat-flows";
import { NatPacket } from "../lib/nat-packet";
import { NatElement } from "../lib/nat-element";
import { PortBlocks } from "../lib/nat-blocks";
import { parseDecimal } from "../lib/nat-spec";
import { XorShift32 } from "../lib/rng";

/** NatFlows whose flows each hold a reference on their subscriber's port block. */
class CgnatFlows extends NatFlows {
  blocks: PortBlocks = new PortBlocks([0], 1, 1, 1);
  onRelease(flow: i32): void { this.blocks.unref(unchecked(this.tag[flow])); }
}

@element("CGNAT", { ports: "2/2-3", processing: "h" })
export class CGNAT extends NatElement {
  @handler("mapping_failures") failures: u64 = 0;
  @handler("unsolicited") unsolicited: u64 = 0;
  /** The table, as its own kind (also `flows`). */
  cflows: CgnatFlows = new CgnatFlows(1);
  rng: XorShift32 = new XorShift32(1);

  configure(args: Args): void {
    const poolText = args.readMP("POOL").string("");
    const blockSize = args.read("BLOCK_SIZE").unsigned(512);
    const ports = args.read("PORTS").string("1024-65535");
    const capacity = args.read("CAPACITY").int(65536);
    this.rng.reseed(args.read("SEED").unsigned(0));
    this.flows = this.cflows = new CgnatFlows(capacity < 1 ? 1 : capacity);
    super.configure(args);
    if (capacity < 1) args.error("CAPACITY must be at least 1");

    const dash = ports.indexOf("-");
    const lo = dash > 0 ? parseDecimal(ports.substring(0, dash), 65535) : -1;
    const hi = dash > 0 ? parseDecimal(ports.substring(dash + 1), 65535) : -1;
    if (lo <= 0 || hi < lo) { args.error("PORTS must be a range L-H of ports 1-65535"); return; }
    if (blockSize == 0 || <i64>blockSize > hi - lo + 1) { args.error("BLOCK_SIZE must be between 1 and the size of PORTS"); return; }
    const pool = parsePool(poolText);
    if (pool === null) { args.error("POOL must be an address, a prefix or a range A-B of at most 65536 addresses"); return; }
    this.cflows.blocks = new PortBlocks(pool, <u32>lo, <u32>hi, blockSize);
  }

  push(port: i32, batch: Batch): void {
    for (let i = 0, n = batch.length; i < n; i++) {
      const p = batch.at(i);
      p.setOutput(this.process(port, p));
    }
  }

  process(port: i32, p: Packet): i32 {
    const ts = p.timestampNs;
    const now = this.clock.advance(ts != 0 ? ts : this.nowNs());
    const pk = this.pk;
    if (!pk.parse(p)) { this.malformed++; return DROP_PACKET; }
    if (!pk.isFlow) return DROP_PACKET;
    const flows = this.flows;
    const code = flows.lookup(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, now);
    if (code >= 0) return flows.apply(p, pk.iph, pk.tp, pk.tlen, code, now, true);
    if (port != 0) {
      this.unsolicited++;
      return this.noutputs > 2 ? 2 : DROP_PACKET;
    }
    const f = this.newFlow(pk, now);
    if (f < 0) { this.failures++; return DROP_PACKET; }
    return flows.apply(p, pk.iph, pk.tp, pk.tlen, f << 1, now, true);
  }

  /** Maps a new outbound flow into its subscriber's block; -1 on failure. */
  private newFlow(pk: NatPacket, now: i64): i32 {
    const flows = this.cflows;
    if (!flows.hasRoom(now)) return -1;
    const blocks = flows.blocks;
    let b = blocks.blockFor(pk.saddr);
    if (b < 0) {
      // expired mappings may still hold blocks: reclaim them, then try again
      flows.reclaimDue(now);
      b = blocks.blockFor(pk.saddr);
      if (b < 0) return -1;
    }
    blocks.ref(b); // pinned: expiring mappings met below cannot free it meanwhile
    const pub = blocks.addr(b), base = blocks.base(b), size = blocks.blockSize;
    let off = this.rng.below(size);
    for (let n: u32 = 0; n < size; n++) {
      const port = <u16>(base + off);
      if (!flows.inUse(pk.proto, pk.daddr, pk.dport, pub, port, now)) {
        const rw = this.rw;
        rw.saddr = pub; rw.sport = port; rw.daddr = pk.daddr; rw.dport = pk.dport;
        const f = flows.create(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, rw, 0, 1, 0, b, now);
        if (f >= 0) return f; // the pin becomes the mapping's reference
        break;
      }
      off = off + 1 == size ? 0 : off + 1;
    }
    blocks.unref(b);
    return -1;
  }

  @handler("subscribers") subscribers(sa: StringAccum): void {
    this.live();
    const blocks = this.cflows.blocks;
    for (let b = 0; b < blocks.nblocks; b++) {
      if (!blocks.owned(b)) continue;
      const lo = blocks.base(b);
      sa.ip4(blocks.ownerOf(b)).char(32).ip4(blocks.addr(b)).char(32)
        .u32(<u32>lo).char(45).u32(<u32>(lo + blocks.blockSize - 1)).char(32).u32(<u32>blocks.refsOf(b)).char(10);
    }
  }
  @handler("clear", "w") clear(v: string): void {
    this.cflows.clear();
    this.cflows.blocks.reset();
  }
}

/** POOL: one address, a prefix (all its addresses) or a range A-B; null if malformed or too large. */
function parsePool(s: string): u32[] | null {
  const out: u32[] = [];
  let first: u32 = 0, last: u32 = 0;
  const dash = s.indexOf("-");
  if (dash > 0) {
    const a = IPAddress.parse(s.substring(0, dash).trim());
    const b = IPAddress.parse(s.substring(dash + 1).trim());
    if (a === null || b === null) return null;
    first = a.hostOrder(); last = b.hostOrder();
  } else {
    const p = IPPrefix.parse(s, true);
    if (p === null) return null;
    first = p.network().hostOrder();
    last = first | ~p.mask.hostOrder();
  }
  if (last < first || last - first >= 65536) return null;
  for (let h = first; ; h++) {
    out.push(bswap<u32>(h));
    if (h == last) break;
  }
  return out;
}
