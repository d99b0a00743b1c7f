/*
=c
CheckIPHeader([OFFSET, I<keywords> OFFSET, INTERFACES, BADSRC, GOODDST, CHECKSUM, VERBOSE, DETAILS])

=s ip
checks IP header

=d
Input packets should have IP headers starting OFFSET bytes in. Default OFFSET
is zero. Checks that the packet's length is reasonable, and that the IP
version, header length, length, and checksum fields are valid. Checks that the
IP source address is a legal unicast address, or that the packet is destined
for one of this machine's addresses (see below). Shortens packets to the IP
length, if the IP length is shorter than the nominal packet length (due to
Ethernet padding, for example). Sets the IP header annotation and the
destination IP address annotation.

CheckIPHeader emits valid packets on output 0. Invalid packets are pushed out
on output 1, unless output 1 was unused; if so, drops invalid packets.

The checks, in order, each with its reason in C<drop_details>: at least 20
bytes from OFFSET ("tiny packet"); version 4 ("bad IP version"); header length
at least 20 ("bad IP header length"); total length no more than the bytes
present and no less than the header length ("bad IP length"); header checksum
("bad IP checksum"); source address ("bad source address").

CheckIPHeader checks packets' source addresses for validity if one or more of
the INTERFACES, BADSRC, and GOODDST keyword arguments are supplied (RFC 1812
5.3.7).

CheckIPHeader logs a message the first time it encounters an incorrect IP
packet (but see VERBOSE below).

=item CHECKSUM

Boolean. If true, then check each packet's checksum for validity; if false, do
not check the checksum. Default is true.

=item OFFSET

Unsigned integer. Byte position at which the IP header begins. Default is 0.
May also be given as the only positional argument.

=item BADSRC

Space-separated list of IP addresses. CheckIPHeader will drop packets whose
source address is on this list (but see GOODDST below). Default is empty.

=item GOODDST

Space-separated list of IP addresses. CheckIPHeader exempts packets whose
destination address is on this list from BADSRC processing. Default is empty.

=item INTERFACES

Space-separated list of IP addresses with network prefixes, meant to represent
this router's interface addresses. This argument specifies both BADSRC and
GOODDST. Specifically, the argument "INTERFACES 18.26.4.9/24 18.32.9.44/28"
acts like a BADSRC of "18.26.4.255 18.32.9.47 0.0.0.0 255.255.255.255" -- the
set of broadcast addresses for this router -- and a GOODDST of "18.26.4.9
18.32.9.44". An explicit BADSRC or GOODDST replaces the list INTERFACES gives,
as in Click. Default is not given.

=item VERBOSE

Boolean. If it is true, then a message will be logged for every erroneous
packet, rather than just the first. False by default.

=item DETAILS

Boolean. If it is true, the C<drop_details> handler is available. False by
default.

=n
Click's deprecated form CheckIPHeader(BADSRC2, OFFSET), where a positional
address list also bans 0.0.0.0 and 255.255.255.255, is refused with an error:
use BADSRC. Click's alignment checks do not apply (WebAssembly loads are
unaligned-safe).

=h drops read-only
Returns the number of incorrect packets CheckIPHeader has seen.

=h drop_details read-only
Returns a text showing how many erroneous packets CheckIPHeader has seen,
subdivided by error, one "COUNT<tab>REASON" line each. Only available if the
DETAILS keyword argument was true.

=e
  FromNetFront(0) -> Strip(14) -> CheckIPHeader(INTERFACES 10.0.0.1/24) -> ...

=a CheckIPHeader2, MarkIPHeader, SetIPChecksum, StripIPHeader,
CheckTCPHeader, CheckUDPHeader, CheckICMPHeader
*/

import { Element, Packet, Args, DROP_PACKET, IPAddress, IPPrefix } from "@clickos/sdk";

const TINY = 0, BAD_VERSION = 1, BAD_HLEN = 2, BAD_IP_LEN = 3, BAD_CHECKSUM = 4, BAD_SADDR = 5;
const REASONS: StaticArray<string> = [
  "tiny packet", "bad IP version", "bad IP header length",
  "bad IP length", "bad IP checksum", "bad source address",
];
// Whole messages as constants, so logging allocates nothing.
const MESSAGES: StaticArray<string> = [
  "IP header check failed: tiny packet", "IP header check failed: bad IP version",
  "IP header check failed: bad IP header length", "IP header check failed: bad IP length",
  "IP header check failed: bad IP checksum", "IP header check failed: bad source address",
];

@element("CheckIPHeader", { ports: "1/1-2", processing: "a/ah" })
export class CheckIPHeader extends Element {
  @handler("drops") drops: u64 = 0;
  offset: u32 = 0;
  checksum: bool = true;
  verbose: bool = false;
  details: bool = false;
  badSrc: StaticArray<u32> = new StaticArray<u32>(0);
  goodDst: StaticArray<u32> = new StaticArray<u32>(0);
  reasonDrops: StaticArray<u64> = new StaticArray<u64>(6);

  configure(args: Args): void {
    const ifaces = args.read("INTERFACES").string("");
    const badsrcText = args.read("BADSRC").string("");
    const gooddstText = args.read("GOODDST").string("");
    // Given but empty differs from absent (it cancels INTERFACES' list), so ask again.
    const badsrcGiven = args.read("BADSRC").present;
    const gooddstGiven = args.read("GOODDST").present;
    if (args.positionalCount > 1 || (args.positionalCount == 1 && !isUnsigned(args.positionalAt(0)))) {
      args.error("the deprecated CheckIPHeader(BADSRC2, OFFSET) form is not supported; use the BADSRC and OFFSET keywords");
      args.consumeAllPositional();
    }
    this.offset = args.readP("OFFSET").unsigned(0);
    this.verbose = args.read("VERBOSE").bool(false);
    this.details = args.read("DETAILS").bool(false);
    this.checksum = args.read("CHECKSUM").bool(true);

    const bad: u32[] = [];
    const good: u32[] = [];
    if (ifaces.length > 0) {
      const words = spaceWords(ifaces);
      for (let i = 0; i < words.length; i++) {
        const pre = IPPrefix.parse(words[i], true);
        if (pre === null) { args.error("INTERFACES type mismatch: expected list of IP prefixes"); break; }
        const m = pre.mask.raw;
        bad.push((pre.addr.raw & m) | ~m); // the subnet's broadcast address
        good.push(pre.addr.raw);
      }
      bad.push(0);
      bad.push(0xffffffff);
    }
    if (badsrcGiven) { bad.length = 0; parseAddressList(badsrcText, bad, args, "BADSRC"); }
    if (gooddstGiven) { good.length = 0; parseAddressList(gooddstText, good, args, "GOODDST"); }
    this.badSrc = toStatic(bad);
    this.goodDst = toStatic(good);
  }

  simpleAction(p: Packet): i32 {
    const o = this.offset;
    if (<u64>o + 20 > <u64>p.length) return this.bad(TINY);
    const plen = p.length - o;
    const vhl = <u32>p.u8(o);
    if ((vhl >> 4) != 4) return this.bad(BAD_VERSION);
    const hlen = (vhl & 15) << 2;
    if (hlen < 20) return this.bad(BAD_HLEN);
    const len = <u32>p.u16(o + 2);
    if (len > plen || len < hlen) return this.bad(BAD_IP_LEN);
    const ip = p.ipAt(o)!; // version, IHL and length checked above
    if (this.checksum && !ip.checksumValid()) return this.bad(BAD_CHECKSUM);
    const bad = this.badSrc;
    if (bad.length > 0) {
      const src = ip.src;
      for (let i = 0, n = bad.length; i < n; i++) {
        if (unchecked(bad[i]) == src) {
          if (!this.isGoodDst(ip.dst)) return this.bad(BAD_SADDR);
          break;
        }
      }
    }
    p.setNetworkHeader(o, hlen);
    if (plen > len) p.take(plen - len);
    p.dstIPAnno = ip.dst;
    return 0;
  }

  private isGoodDst(dst: u32): bool {
    const good = this.goodDst;
    for (let i = 0, n = good.length; i < n; i++) if (unchecked(good[i]) == dst) return true;
    return false;
  }

  private bad(reason: i32): i32 {
    if (this.drops == 0 || this.verbose) this.warning(unchecked(MESSAGES[reason]));
    this.drops++;
    unchecked(this.reasonDrops[reason]++);
    return this.noutputs == 2 ? 1 : DROP_PACKET;
  }

  @handler("drop_details") dropDetails(): string {
    if (!this.details) {
      this.error("drop_details needs DETAILS true");
      return "";
    }
    let s = "";
    for (let i = 0; i < 6; i++) s += this.reasonDrops[i].toString() + "\t" + REASONS[i] + "\n";
    return s;
  }
}

function isUnsigned(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function spaceWords(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    const space = c == 32 || c == 9 || c == 10 || c == 13;
    if (space && start >= 0) { out.push(s.substring(start, i)); start = -1; }
    else if (!space && start < 0) start = i;
  }
  return out;
}

function parseAddressList(text: string, out: u32[], args: Args, name: string): void {
  const words = spaceWords(text);
  for (let i = 0; i < words.length; i++) {
    const a = IPAddress.parse(words[i]);
    if (a === null) { args.error(name + " type mismatch: expected list of IP addresses"); return; }
    out.push(a.raw);
  }
}

function toStatic(a: u32[]): StaticArray<u32> {
  const s = new StaticArray<u32>(a.length);
  for (let i = 0; i < a.length; i++) s[i] = a[i];
  return s;
}
