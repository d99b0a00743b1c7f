/*
=c
IPRewriter(INPUTSPEC1, ..., INPUTSPECn [, KEYWORDS])

=s nat
rewrites TCP/UDP packets' addresses and ports

=d
Rewrites the source address, source port, destination address and/or
destination port of TCP and UDP packets, patching the IP and TCP/UDP checksums
incrementally (RFC 1624): a network address/port translator (NAPT), as Click's
IPRewriter.

IPRewriter keeps a mapping table indexed by flow ID (source address, source
port, destination address, destination port, protocol). A packet whose flow ID
has a mapping is rewritten by it and emitted on the mapping's output. A packet
without one is handled by the INPUTSPEC of its input port (one INPUTSPEC per
input):

=item 'drop' or 'discard'
Drops the packet.

=item 'pass OUTPUT'
Sends the packet, unchanged, to OUTPUT. No mapping is installed.

=item 'keep FOUTPUT ROUTPUT'
Installs a mapping that keeps the flow ID: the packet leaves on FOUTPUT and
packets of the reply flow leave, unchanged, on ROUTPUT.

=item 'pattern SADDR SPORT DADDR DPORT FOUTPUT ROUTPUT'
Rewrites the flow ID by the pattern ('-' keeps a field) and installs the mapping
(SA, SP, DA, DP) => (SA', SP', DA', DP') on FOUTPUT and its reply mapping
(DA', DP', SA', SP') => (DA, DP, SA, SP) on ROUTPUT. SPORT may be a range 'L-H':
the packet's own source port is used if it is in the range and free, else a
random free one ('L-H#' allocates sequentially, 'L-H?' never prefers the
packet's port). With no free port the packet is dropped.

Non-TCP/UDP packets, non-first fragments and packets with fewer than 8 bytes of
transport header are dropped unless their input is 'pass'. Packets that hold no
IPv4 header at all are dropped and counted (see 'malformed').

Time comes from packet timestamps (the element's clock follows the newest one;
packets without a timestamp use the host clock), so captures replay exactly.
Unlike Click, a mapping is gone as soon as its timeout passes (not at the next
garbage collection), and when the table is full (CAPACITY) a new flow is dropped
and counted as a mapping failure instead of evicting the oldest mapping.
Not supported: named patterns (IPRewriterPatterns) and IPMapper elements (an
element cannot refer to another through the ClickOS ABI), REPLY_ANNO.

=item TCP_TIMEOUT
Time out TCP flows that carried data both ways after this long. Default 24 hours.

=item TCP_NODATA_TIMEOUT
Time out other TCP flows after this long. Default 5 minutes.

=item TCP_DONE_TIMEOUT
Time out TCP flows closed by FIN both ways or RST after this long. Default 4 minutes.

=item UDP_TIMEOUT
Time out UDP flows after this long. Default 5 minutes.

=item UDP_STREAMING_TIMEOUT
Time out UDP flows with at least 3 packets and a reply after this long. Default UDP_TIMEOUT.

=item CAPACITY
Most mappings (flows) held; the table is allocated at configuration. MAPPING_CAPACITY is a synonym. Default 16384.

=item DST_ANNO
Boolean. Set the destination IP annotation to the rewritten destination. Default true.

=item SEED
Unsigned. Seed of the random source-port choice; 0 (default) asks the host. ClickOS extension.

=item TCP_GUARANTEE, UDP_GUARANTEE, GUARANTEE, REAP_INTERVAL
Accepted for compatibility with Click configurations; no effect (see above).

=h tcp_table read-only
TCP mappings, both directions, one per line in Click's format:
"(SA, SP, DA, DP) => (SA', SP', DA', DP') [*FOUTPUT ROUTPUT] iINPUT expSECONDS".

=h udp_table read-only
UDP mappings, as tcp_table.

=h mappings read-only
Forward mappings of both protocols, one per line, prefixed "tcp " or "udp ".

=h table_size read-only
Number of live mappings (nmappings and size are synonyms).

=h mapping_failures read-only
New flows dropped because no source port was free or the table was full.

=h patterns read-only
The input specifications, one per line, each followed by " [N]" when N live mappings came from it.

=h capacity read-only
The CAPACITY.

=h malformed read-only
Packets dropped because they held no IPv4 header.

=h clear write-only
Removes every mapping.

=e
A NAPT gateway: inside hosts' flows leave from 18.26.4.1, replies come back.

  rw :: IPRewriter(pattern 18.26.4.1 1024-65535 - - 0 1, drop);
  inside -> [0]rw; outside -> [1]rw;
  rw[0] -> to_outside; rw[1] -> to_inside;

=a CGNAT, IPLoadBalancer, AggregateIPFlows
*/

import { Packet, Batch, Args, DROP_PACKET, StringAccum } from "@clickos/sdk";
import { NatFlows, SEC } from "../lib/nat-flows";
import { NatElement } from "../lib/nat-element";
import { InputSpec, parseInputSpec, SPEC_DROP, SPEC_PASS, SPEC_KEEP } from "../lib/nat-spec";
import { XorShift32 } from "../lib/rng";

@element("IPRewriter", { ports: "1-/1-", processing: "h" })
export class IPRewriter extends NatElement {
  specs: InputSpec[] = [];
  dstAnno: bool = true;
  rng: XorShift32 = new XorShift32(1);

  configure(args: Args): void {
    let capacity = args.read("CAPACITY").int(16384);
    capacity = args.read("MAPPING_CAPACITY").int(capacity);
    if (capacity < 1) args.error("CAPACITY must be at least 1");
    this.flows = new NatFlows(capacity < 1 ? 1 : capacity);
    super.configure(args);
    this.dstAnno = args.read("DST_ANNO").bool(true);
    this.rng.reseed(args.read("SEED").unsigned(0));
    // accepted for Click compatibility; see the documentation
    args.read("TCP_GUARANTEE").interval(5 * SEC);
    args.read("UDP_GUARANTEE").interval(5 * SEC);
    args.read("GUARANTEE").interval(5 * SEC);
    args.read("REAP_INTERVAL").interval(900 * SEC);

    const n = args.positionalCount;
    args.consumeAllPositional();
    if (n == 0) { args.error("too few arguments; expected 'INPUTSPEC, ...'"); return; }
    if (this.ninputs > 0 && n != this.ninputs) {
      args.error("need " + this.ninputs.toString() + " arguments, one per input port");
    }
    for (let i = 0; i < n; i++) {
      const spec = new InputSpec();
      const err = parseInputSpec(args.positionalAt(i), spec, this.noutputs);
      if (err.length) args.error("input spec " + i.toString() + ": " + err);
      this.specs.push(spec);
    }
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
    if (port < 0 || port >= this.specs.length) return DROP_PACKET;
    const spec = unchecked(this.specs[port]);
    if (!pk.isFlow) return spec.kind == SPEC_PASS ? spec.foutput : DROP_PACKET;
    const flows = this.flows;
    let code = flows.lookup(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, now);
    if (code < 0) {
      const kind = spec.kind;
      if (kind == SPEC_DROP) return DROP_PACKET;
      if (kind == SPEC_PASS) return spec.foutput;
      // Check for room first, so a full table does not use up pattern ports.
      if (!flows.hasRoom(now)) { spec.failures++; return DROP_PACKET; }
      const rw = this.rw;
      if (kind == SPEC_KEEP) {
        rw.saddr = pk.saddr; rw.sport = pk.sport; rw.daddr = pk.daddr; rw.dport = pk.dport;
      } else if (!spec.rewrite(flows, pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, now, this.rng, rw)) {
        spec.failures++;
        return DROP_PACKET;
      }
      const f = flows.create(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, rw,
        spec.foutput, spec.routput, port, 0, now);
      if (f < 0) { spec.failures++; return DROP_PACKET; }
      code = f << 1;
    }
    return flows.apply(p, pk.iph, pk.tp, pk.tlen, code, now, this.dstAnno);
  }

  @handler("tcp_table") tcpTable(sa: StringAccum): void { this.live().tableText(sa, 6, this.clock.now); }
  @handler("udp_table") udpTable(sa: StringAccum): void { this.live().tableText(sa, 17, this.clock.now); }
  @handler("table_size") tableSize(): string { return this.live().count.toString(); }
  @handler("size") size(): string { return this.live().count.toString(); }
  @handler("capacity") capacity(): string { return this.flows.capacity.toString(); }
  @handler("mapping_failures") mappingFailures(): string {
    let n: u32 = 0;
    for (let i = 0; i < this.specs.length; i++) n += this.specs[i].failures;
    return n.toString();
  }
  /** Click's format: one spec per line, with " [N]" when N live mappings came from it. */
  @handler("patterns") patterns(): string {
    const flows = this.live();
    let s = "";
    for (let i = 0; i < this.specs.length; i++) {
      let n = 0;
      for (let f = 0; f < flows.capacity; f++) if (flows.live[f] && flows.input[f] == i) n++;
      s += this.specs[i].text() + (n > 0 ? " [" + n.toString() + "]" : "") + "\n";
    }
    return s;
  }
  @handler("clear", "w") clear(v: string): void { this.flows.clear(); }
}
