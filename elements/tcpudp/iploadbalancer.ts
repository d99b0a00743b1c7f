/*
=c
IPLoadBalancer(VIP, BACKEND1, ..., BACKENDn [, VPORT, SELECT, CAPACITY, TIMEOUTS...])

=s nat
spreads TCP/UDP flows to a virtual IP over backends, keeping each flow on one

=d
A layer-4 load balancer (destination NAT). Click builds this from
RoundRobinIPMapper feeding IPRewriter; ClickOS elements cannot refer to one
another through the ABI, so this one element does both, on IPRewriter's mapping
table.

Input 0 takes client traffic, input 1 the backends' replies. A new TCP or UDP
flow to VIP (and VPORT, if given) is assigned a backend (round robin, or by a hash
of its flow ID) and a mapping is installed: its packets get the backend's address
(and port, if the backend names one) as destination and leave on output 0; the
replies get VIP (and the original port) back as source and leave on output 1. All
checksums are patched incrementally. A flow stays on its backend until its mapping
times out (IPRewriter's timeouts, packet timestamps as the clock).

Packets not for the VIP on input 0, replies with no mapping on input 1, non-TCP/UDP
packets and non-first fragments are dropped ('unmatched' counts the first two);
packets without an IPv4 header are dropped and counted as 'malformed'. When the
table is full (CAPACITY) new flows are dropped and counted in 'mapping_failures'.

=item VIP
The virtual IP address clients connect to.

=item BACKEND
A backend address, optionally with a port: 10.0.0.1 or 10.0.0.1:8080.

=item VPORT
Only balance flows to this destination port. Default: any port.

=item SELECT
'roundrobin' (default) or 'hash' (of the client's flow ID).

=item CAPACITY
Most mappings held, allocated at configuration. Default 16384.

=item TCP_TIMEOUT, TCP_NODATA_TIMEOUT, TCP_DONE_TIMEOUT, UDP_TIMEOUT, UDP_STREAMING_TIMEOUT
As IPRewriter's.

=h mappings read-only
Live forward mappings, one per line, in IPRewriter's format with "tcp "/"udp ".

=h nmappings read-only
Number of live mappings.

=h backends read-only
One line per backend: "ADDRESS[:PORT] FLOWS".

=h mapping_failures read-only
New flows dropped because the table was full.

=h unmatched read-only
Packets neither for the VIP nor of a known flow.

=h malformed read-only
Packets without an IPv4 header.

=h clear write-only
Removes every mapping.

=e
  lb :: IPLoadBalancer(192.0.2.80, 10.0.0.1, 10.0.0.2:8080, VPORT 80);
  from_clients -> [0]lb[0] -> to_backends;
  from_backends -> [1]lb[1] -> to_clients;

=a IPRewriter, CGNAT
*/

import { Packet, Batch, Args, DROP_PACKET, IPAddress } from "@clickos/sdk";
import { NatFlows } from "../lib/nat-flows";
import { NatElement } from "../lib/nat-element";
import { parseDecimal } from "../lib/nat-spec";

@element("IPLoadBalancer", { ports: "2/2", processing: "h" })
export class IPLoadBalancer extends NatElement {
  @handler("mapping_failures") failures: u64 = 0;
  @handler("unmatched") unmatched: u64 = 0;
  vip: u32 = 0;
  vport: u16 = 0;
  byHash: bool = false;
  backendAddr: StaticArray<u32> = new StaticArray<u32>(0);
  backendPort: StaticArray<u16> = new StaticArray<u16>(0);
  private next: i32 = 0;

  configure(args: Args): void {
    const vip = args.readMP("VIP").ip(null);
    if (vip !== null) this.vip = vip.raw;
    const vport = args.read("VPORT").unsigned(0);
    if (vport > 65535) args.error("VPORT must be a port number");
    this.vport = <u16>vport;
    const select = args.read("SELECT").word("roundrobin");
    if (select == "hash") this.byHash = true;
    else if (select != "roundrobin") args.error("SELECT must be 'roundrobin' or 'hash'");
    const capacity = args.read("CAPACITY").int(16384);
    if (capacity < 1) args.error("CAPACITY must be at least 1");
    this.flows = new NatFlows(capacity < 1 ? 1 : capacity);
    super.configure(args);

    const n = args.positionalCount - 1;
    if (n < 1) { args.error("need at least one BACKEND"); return; }
    this.backendAddr = new StaticArray<u32>(n);
    this.backendPort = new StaticArray<u16>(n);
    for (let i = 0; i < n; i++) {
      const text = args.positionalAt(i + 1);
      const colon = text.indexOf(":");
      const a = IPAddress.parse(colon < 0 ? text : text.substring(0, colon));
      const port = colon < 0 ? 0 : parseDecimal(text.substring(colon + 1), 65535);
      if (a === null || port < 0 || (colon >= 0 && port == 0)) {
        args.error("BACKEND " + (i + 1).toString() + " type mismatch: expected IP address or ADDRESS:PORT");
        continue;
      }
      this.backendAddr[i] = a.raw;
      this.backendPort[i] = <u16>port;
    }
    args.consumeAllPositional();
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
    let code = flows.lookup(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, now);
    if (code < 0) {
      if (port != 0 || pk.daddr != this.vip || (this.vport != 0 && pk.dport != this.vport)) {
        this.unmatched++;
        return DROP_PACKET;
      }
      if (!flows.hasRoom(now)) { this.failures++; return DROP_PACKET; }
      const nb = this.backendAddr.length;
      let i: i32;
      if (this.byHash) {
        i = <i32>(flowHash(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport) % <u32>nb);
      } else {
        i = this.next;
        this.next = i + 1 == nb ? 0 : i + 1;
      }
      const rw = this.rw;
      rw.saddr = pk.saddr; rw.sport = pk.sport;
      rw.daddr = unchecked(this.backendAddr[i]);
      const bp = unchecked(this.backendPort[i]);
      rw.dport = bp != 0 ? bp : pk.dport;
      const f = flows.create(pk.proto, pk.saddr, pk.sport, pk.daddr, pk.dport, rw, 0, 1, 0, i, now);
      if (f < 0) { this.failures++; return DROP_PACKET; }
      code = f << 1;
    }
    return flows.apply(p, pk.iph, pk.tp, pk.tlen, code, now, true);
  }

  @handler("backends") backends(): string {
    const flows = this.flows;
    flows.reclaim(this.clock.now);
    let s = "";
    for (let i = 0; i < this.backendAddr.length; i++) {
      let n = 0;
      for (let f = 0; f < flows.capacity; f++) if (flows.live[f] && flows.tag[f] == i) n++;
      s += new IPAddress(this.backendAddr[i]).toString()
        + (this.backendPort[i] != 0 ? ":" + this.backendPort[i].toString() : "") + " " + n.toString() + "\n";
    }
    return s;
  }
  @handler("clear", "w") clear(v: string): void { this.flows.clear(); }
}

/** A flow-ID hash that does not depend on the host or the table layout (FNV-1a over the fields). */
function flowHash(proto: u8, s: u32, sp: u16, d: u32, dp: u16): u32 {
  let h: u32 = 2166136261;
  h = (h ^ proto) * 16777619;
  h = (h ^ s) * 16777619;
  h = (h ^ sp) * 16777619;
  h = (h ^ d) * 16777619;
  h = (h ^ dp) * 16777619;
  return h ^ (h >> 16);
}
