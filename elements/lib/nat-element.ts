// What IPRewriter, CGNAT and IPLoadBalancer share, as Click's IPRewriter and its
// relatives share IPRewriterBase: a mapping table with Click's timeouts, the
// packet parser, the `malformed`, `mappings` and `nmappings` handlers. Not an
// element itself; each subclass makes its table (capacity, kind) in configure()
// before calling super.configure(args), and keeps its own push loop so the
// per-packet call stays direct.

import { Element, Args, StringAccum } from "@clickos/sdk";
import { NatFlows, NatClock, FlowId } from "./nat-flows";
import { NatPacket } from "./nat-packet";

export class NatElement extends Element {
  @handler("malformed") malformed: u64 = 0;
  flows: NatFlows = new NatFlows(1);
  clock: NatClock = new NatClock();
  protected rw: FlowId = new FlowId();
  protected pk: NatPacket = new NatPacket();

  /** Click's mapping timeouts, into the table the subclass made. */
  configure(args: Args): void {
    const t = this.flows.timeouts;
    t.tcpNodata = args.read("TCP_NODATA_TIMEOUT").interval(t.tcpNodata);
    t.tcpData = args.read("TCP_TIMEOUT").interval(t.tcpData);
    t.tcpDone = args.read("TCP_DONE_TIMEOUT").interval(t.tcpDone);
    t.udp = args.read("UDP_TIMEOUT").interval(t.udp);
    t.udpStreaming = args.read("UDP_STREAMING_TIMEOUT").interval(t.udp);
  }

  /** The table with expired mappings dropped, as of the newest packet seen. */
  protected live(): NatFlows {
    this.flows.reclaim(this.clock.now);
    return this.flows;
  }

  @handler("mappings") mappings(sa: StringAccum): void { this.live().mappingsText(sa, this.clock.now); }
  @handler("nmappings") nmappings(): string { return this.live().count.toString(); }
}
