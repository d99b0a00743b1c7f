/*
=c
StaticIPLookup(ADDR1/MASK1 [GW1] OUT1, ADDR2/MASK2 [GW2] OUT2, ...)

=s iproute
simple static IP routing table

=d
Input: IP packets (no Ethernet header) with the destination address annotation
set, as CheckIPHeader does here (in Click, GetIPAddress(16) after CheckIPHeader).
StaticIPLookup looks up that annotation in its routing table and sends the packet
to the output named by the most specific matching route (longest prefix). If the
route has a gateway GW, the destination annotation is set to GW, so a later
ARPQuerier or next-hop stage resolves the gateway rather than the final
destination. Packets that match no route are dropped and counted.

Each argument is a route: an address prefix (CIDR, dotted mask, or a bare address
for a host route), an optional gateway address ("-" for none), and an output port
number, which must be below the number of connected outputs. Two routes for the
same prefix are an error. Use 0.0.0.0/0 for a default route.

As Click's StaticIPLookup (a LinearIPLookup without add/remove), the table is a
list scanned in order, kept sorted most specific first, so the first match is the
longest; lookups allocate nothing. Tables of a few dozen routes are its intended
use.

=h table read-only
The routes, one per line, in configuration order, as Click prints them: prefix,
gateway ("-" when none) and output, separated by tabs, with a second tab after a
prefix shorter than 16 characters and after a gateway shorter than 8 (Click's
IPRoute::unparse alignment).

=h no_route read-only
Number of packets dropped because no route matched. (An addition to Click,
which only prints a message for the first five.)

=e
  rt :: StaticIPLookup(18.26.4.24/32 0,
                       18.26.4.255/32 0,
                       18.26.4.0/24 1,
                       0.0.0.0/0 18.26.4.1 1);

=a LookupIPRoute, LinearIPLookup, GetIPAddress, CheckIPHeader, ARPQuerier
*/

import { Element, Packet, Args, DROP_PACKET, IPAddress, IPPrefix, StringAccum } from "@clickos/sdk";

@element("StaticIPLookup", { ports: "1/-", processing: "a" })
export class StaticIPLookup extends Element {
  @handler("no_route") noRoute: u64 = 0;
  // Parallel arrays, raw network-order values, most specific route first.
  addrs: StaticArray<u32> = new StaticArray<u32>(0);
  masks: StaticArray<u32> = new StaticArray<u32>(0);
  gws: StaticArray<u32> = new StaticArray<u32>(0);
  ports: StaticArray<i32> = new StaticArray<i32>(0);
  /** Each slot's place in the configuration (the table handler's order, as Click's). */
  seq: StaticArray<u32> = new StaticArray<u32>(0);

  configure(args: Args): void {
    const n = args.positionalCount;
    this.addrs = new StaticArray<u32>(n);
    this.masks = new StaticArray<u32>(n);
    this.gws = new StaticArray<u32>(n);
    this.ports = new StaticArray<i32>(n);
    this.seq = new StaticArray<u32>(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const text = args.positionalAt(i);
      if (!this.parseRoute(text, count)) {
        args.error("argument " + (i + 1).toString() + " should be 'ADDR/MASK [GATEWAY] OUTPUT'");
        continue;
      }
      if (this.ports[count] >= this.noutputs) {
        args.error("argument " + (i + 1).toString() + ": output " + this.ports[count].toString()
          + " out of range (" + this.noutputs.toString() + " outputs connected)");
        continue;
      }
      const dup = this.find(this.addrs[count], this.masks[count], count);
      if (dup >= 0) {
        args.error("argument " + (i + 1).toString() + ": conflict with existing route '" + this.routeText(dup, " ") + "'");
        continue;
      }
      this.seq[count] = <u32>count;
      this.insertSorted(count);
      count++;
    }
    args.consumeAllPositional();
    this.truncate(count);
  }

  simpleAction(p: Packet): i32 {
    const dst = p.dstIPAnno;
    const addrs = this.addrs, masks = this.masks;
    for (let i = 0, n = addrs.length; i < n; i++) {
      if ((dst & unchecked(masks[i])) == unchecked(addrs[i])) {
        const gw = unchecked(this.gws[i]);
        if (gw != 0) p.dstIPAnno = gw;
        return unchecked(this.ports[i]);
      }
    }
    if (++this.noRoute <= 5) this.warning("no route for " + new IPAddress(dst).toString());
    return DROP_PACKET;
  }

  /** Parses "ADDR/MASK [GW] OUT" into slot `at`; false when malformed. */
  private parseRoute(text: string, at: i32): bool {
    const words = splitSpace(text);
    if (words.length < 2 || words.length > 3) return false;
    const pre = IPPrefix.parse(words[0], true);
    if (pre === null) return false;
    let gw: u32 = 0;
    if (words.length == 3) {
      if (words[1] != "-") {
        const g = IPAddress.parse(words[1]);
        if (g === null) return false;
        gw = g.raw;
      }
    }
    const out = words[words.length - 1];
    if (out.length == 0 || out.length > 6) return false;
    let port = 0;
    for (let i = 0; i < out.length; i++) {
      const c = out.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      port = port * 10 + (c - 48);
    }
    const mask = pre.mask.raw;
    this.addrs[at] = pre.addr.raw & mask;
    this.masks[at] = mask;
    this.gws[at] = gw;
    this.ports[at] = port;
    return true;
  }

  private find(addr: u32, mask: u32, before: i32): i32 {
    for (let i = 0; i < before; i++) if (this.addrs[i] == addr && this.masks[i] == mask) return i;
    return -1;
  }

  /** Moves the route in slot `last` down past every less specific route before it. */
  private insertSorted(last: i32): void {
    let i = last;
    while (i > 0 && popcnt<u32>(this.masks[i - 1]) < popcnt<u32>(this.masks[i])) {
      swap(this.addrs, i); swap(this.masks, i); swap(this.gws, i); swap(this.seq, i);
      const t = this.ports[i]; this.ports[i] = this.ports[i - 1]; this.ports[i - 1] = t;
      i--;
    }
  }

  private truncate(n: i32): void {
    if (n == this.addrs.length) return;
    this.addrs = StaticArray.slice<u32>(this.addrs, 0, n);
    this.masks = StaticArray.slice<u32>(this.masks, 0, n);
    this.gws = StaticArray.slice<u32>(this.gws, 0, n);
    this.ports = StaticArray.slice<i32>(this.ports, 0, n);
    this.seq = StaticArray.slice<u32>(this.seq, 0, n);
  }

  private routeText(i: i32, sep: string): string {
    const pre = new IPPrefix(new IPAddress(this.addrs[i]), new IPAddress(this.masks[i])).toString();
    const gw = this.gws[i] != 0 ? new IPAddress(this.gws[i]).toString() : "-";
    return pre + sep + gw + sep + this.ports[i].toString();
  }

  @handler("table") table(sa: StringAccum): void {
    const n = this.addrs.length;
    const slotOf = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) slotOf[this.seq[i]] = i;
    for (let k = 0; k < n; k++) {
      const i = slotOf[k];
      const pre = new IPPrefix(new IPAddress(this.addrs[i]), new IPAddress(this.masks[i])).toString();
      sa.add(pre).char(9);
      if (pre.length < 16) sa.char(9);
      const gw = this.gws[i] != 0 ? new IPAddress(this.gws[i]).toString() : "-";
      sa.add(gw).char(9);
      if (gw.length < 8) sa.char(9);
      sa.i32(this.ports[i]).char(10);
    }
  }
}

function swap(a: StaticArray<u32>, i: i32): void {
  const t = a[i]; a[i] = a[i - 1]; a[i - 1] = t;
}

/** Words separated by spaces, tabs or newlines. */
function splitSpace(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const space = c == 32 || (c >= 9 && c <= 13);
    if (space) { if (start >= 0) { out.push(s.substring(start, i)); start = -1; } }
    else if (start < 0) start = i;
  }
  return out;
}
