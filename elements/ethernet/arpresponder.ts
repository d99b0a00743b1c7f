/*
=c
ARPResponder(IP/MASK [IP/MASK...] ETH, IP2/MASK2 ETH2, ...)

=s arp
generates responses to ARP queries

=d
Input should be ARP request packets, including the Ethernet header. Forwards an
ARP reply if we know the answer -- that is, if one of the IP/MASK arguments
matches the requested IP address, then it outputs an ARP reply giving the
corresponding ETH address on output 0; otherwise the ARP request packet is
pushed out of output 1 (if it exists, else dropped). Could be used for proxy
ARP as well as producing replies for a host's own address.

A packet is a request when it has at least 42 bytes, Ethernet type 0x0806, ARP
hardware type 1, protocol type 0x0800 and opcode 1 (the same checks as Click).
Anything else leaves on output 1.

The IP/MASK arguments are IP network addresses (IP address/netmask pairs). The
netmask can be specified in CIDR form (C<18.26.7.0/24>) or dotted decimal form
(C<18.26.7.0/255.255.255.0>); a bare address means /32. When prefixes overlap,
the most specific one answers; when the same prefix is given twice, the later
entry wins (with a warning).

The reply is built in place of the request, which is cut to the 42 bytes of
the reply: Ethernet destination and target hardware address are the request's
sender hardware address, the target protocol address is the request's sender
protocol address. As in Click, annotations are cleared except the VLAN TCI
annotation; unlike Click (which makes a new packet), the timestamp is kept.
Click's AddressInfo names are not supported.

=h table read-only
Returns the current table, with one IP network entry per line, most specific
first: C<18.26.4.24/32 00-00-C0-AE-67-EF>.

=h add write-only
Adds new entries. Takes a string in "IP/MASK [IP/MASK...] ETH" form.

=h remove write-only
Deletes a single entry. Takes a string in "IP/MASK" form; deletes any entry
with the same IP and MASK.

=h lookup read-only
Not provided: the SDK has no read handlers with parameters yet.

=e
Produce ARP replies for the local machine (18.26.4.24) as well as proxy ARP
for all machines on net 18.26.7 directing their packets to the local machine:

  c :: Classifier(12/0806 20/0001, ...);
  ar :: ARPResponder(18.26.4.24 18.26.7.0/24 00-00-C0-AE-67-EF);
  c[0] -> ar;
  ar -> ToNetFront(0);

=a ARPQuerier, ARPFaker, AddressInfo
*/

import { Element, Packet, Args, DROP_PACKET, IPPrefix, IPAddress, EtherAddress,
  ETHERTYPE_ARP, ARP_OP_REPLY, StringAccum } from "@clickos/sdk";
import { unparseEtherDash } from "./ether-unparse";

@element("ARPResponder", { ports: "1/1-2", processing: "a/ah" })
export class ARPResponder extends Element {
  // The table, ordered so a more specific prefix precedes any prefix containing it
  // (the first match is then the longest). Raw network-order addresses and masks.
  dsts: u32[] = [];
  masks: u32[] = [];
  enas: u64[] = [];

  configure(args: Args): void {
    for (let i = 0; i < args.positionalCount; i++) {
      const err = this.add(args.positionalAt(i), true);
      if (err.length > 0) args.error("argument " + i.toString() + ": " + err);
    }
    args.consumeAllPositional();
  }

  simpleAction(p: Packet): i32 {
    const miss = this.noutputs > 1 ? 1 : DROP_PACKET;
    if (p.length < 42) return miss;
    const eth = p.ether()!;
    const arp = p.arpAt(14)!;
    // Click checks exactly these fields (not hln/pln).
    if (eth.type != ETHERTYPE_ARP || arp.hrd != 1 || arp.pro != 0x0800 || arp.op != 1) return miss;
    const tpa = arp.tpa;
    let found = -1;
    for (let i = 0, n = this.dsts.length; i < n; i++) {
      if ((tpa & unchecked(this.masks[i])) == unchecked(this.dsts[i])) { found = i; break; }
    }
    if (found < 0) return miss;
    const ena = unchecked(this.enas[found]);
    const sha = arp.sha, spa = arp.spa;
    p.take(p.length - 42);
    eth.dstRaw = sha;
    eth.srcRaw = ena;
    arp.pln = 4;
    arp.hln = 6;
    arp.op = ARP_OP_REPLY;
    arp.sha = ena;
    arp.spa = tpa;
    arp.tha = sha;
    arp.tpa = spa;
    p.setMacHeader(0);
    p.setNetworkHeader(14, 28);
    // A fresh packet in Click: only the VLAN TCI annotation (bytes 20-21) is copied.
    const vlan = p.userAnnoU32(4) & 0xffff;
    p.clearUserAnno();
    p.setUserAnnoU32(4, vlan);
    p.dstIPAnno = 0;
    p.packetType = 0;
    return 0;
  }

  /** Parses "IP/MASK [IP/MASK...] ETH" and adds its entries; returns an error or "". */
  private add(text: string, warn: bool): string {
    const words = text.replaceAll("\t", " ").replaceAll("\n", " ").replaceAll("\r", " ").split(" ");
    const prefixes: IPPrefix[] = [];
    let ena: EtherAddress | null = null;
    for (let i = 0; i < words.length; i++) {
      const w = words[i].trim();
      if (w.length == 0) continue;
      const pre = IPPrefix.parse(w, true);
      if (pre !== null) { prefixes.push(pre); continue; }
      const e = EtherAddress.parse(w);
      if (e === null) return "expected IP/MASK ETH";
      if (ena !== null) return "more than one ETH";
      ena = e;
    }
    if (prefixes.length == 0) return "missing IP/MASK";
    if (ena === null) return "missing ETH";
    for (let i = 0; i < prefixes.length; i++) {
      const mask = prefixes[i].mask.raw;
      this.insert(prefixes[i].addr.raw & mask, mask, ena.raw, warn);
    }
    return "";
  }

  private insert(dst: u32, mask: u32, ena: u64, warn: bool): void {
    for (let i = 0; i < this.dsts.length; i++) {
      if (this.dsts[i] == dst && this.masks[i] == mask) {
        if (warn) this.warning("multiple entries for " + prefixText(dst, mask));
        this.enas[i] = ena; // the later entry wins, as in Click
        return;
      }
    }
    // Before the first entry that contains this one; else at the end.
    let at = this.dsts.length;
    for (let i = 0; i < this.dsts.length; i++) {
      const m = this.masks[i];
      if (m != mask && (m & mask) == m && (dst & m) == this.dsts[i]) { at = i; break; }
    }
    // AssemblyScript's splice cannot insert: append, then shift into place.
    this.dsts.push(dst);
    this.masks.push(mask);
    this.enas.push(ena);
    for (let i = this.dsts.length - 1; i > at; i--) {
      this.dsts[i] = this.dsts[i - 1];
      this.masks[i] = this.masks[i - 1];
      this.enas[i] = this.enas[i - 1];
    }
    this.dsts[at] = dst;
    this.masks[at] = mask;
    this.enas[at] = ena;
  }

  @handler("table") table(sa: StringAccum): void {
    for (let i = 0; i < this.dsts.length; i++) {
      sa.add(prefixText(this.dsts[i], this.masks[i])).char(32).add(unparseEtherDash(this.enas[i])).char(10);
    }
  }

  @handler("add", "w") addHandler(v: string): void {
    const err = this.add(v, false);
    if (err.length > 0) this.error(err);
  }

  @handler("remove", "w") removeHandler(v: string): void {
    const pre = IPPrefix.parse(v.trim(), true);
    if (pre === null) { this.error("expected IP/MASK"); return; }
    const mask = pre.mask.raw, dst = pre.addr.raw & mask;
    for (let i = 0; i < this.dsts.length; i++) {
      if (this.dsts[i] == dst && this.masks[i] == mask) {
        this.dsts.splice(i, 1);
        this.masks.splice(i, 1);
        this.enas.splice(i, 1);
        return;
      }
    }
    this.error(prefixText(dst, mask) + " not found");
  }
}

function prefixText(dst: u32, mask: u32): string {
  return new IPPrefix(new IPAddress(dst), new IPAddress(mask)).toString();
}
