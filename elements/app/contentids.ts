/*
=c
ContentIDS(RULE0, RULE1, ..., [MODE alert|drop], [NOCASE bool])

=s app
matches packet payloads against content rules (an IDS; ClickOS's IDS middlebox)

=d
Click has no such element: this is the payload-inspecting IDS of the ClickOS
paper ("IDS with N rules"). Expects IPv4 packets, with the network header
annotation set (as by CheckIPHeader or MarkIPHeader) or the IP header at the
start of the data. For TCP and UDP the scanned payload is what follows the
transport header (the IP header length and the TCP data offset are respected);
for other protocols, and for IP fragments other than the first, it is the whole
IP payload. Bytes past the IP total length (link padding) are not scanned;
truncated packets scan the payload bytes that are present. Matches are found
anywhere in one packet's payload, never across packets (no stream reassembly).

Each positional argument is a rule:

  "CONTENT" [OUTPUT n] [PROTO tcp|udp|icmp|any|NUM] [PORT p] [SPORT p] [DPORT p]

CONTENT uses Snort's content syntax: text, with |..| enclosing hexadecimal
bytes ("GET |2f|admin", "|90 90 90 90|") and a backslash escaping ", \ or |.
A bare |..| block may replace the quoted string. PROTO restricts the rule to an
IP protocol; PORT matches either the source or destination port, SPORT and DPORT
one of them (port rules need TCP or UDP, and never match later fragments).

All rules are compiled at configuration time into one Aho-Corasick automaton
with a flat 256-column transition table, so scanning costs one table lookup per
payload byte however many rules there are.

A packet matches when at least one rule's content occurs in its payload and the
rule's PROTO and port constraints hold. Every matching rule's hit count goes up
by one (once per packet); the packet leaves on the output of the matching rule
with the lowest number. A rule with OUTPUT n sends its packets to output n;
other rules follow MODE. Non-matching packets, and packets without a valid IPv4
header (counted as unscanned), leave on output 0.

Keyword arguments are:

=item MODE

Word, alert or drop. With alert (the default), matching packets go to output 1
(dropped if output 1 is not connected); with drop, they are dropped. Rules with
an OUTPUT keyword are not affected.

=item NOCASE

Boolean. If true, letters match regardless of case in every rule. Default false.

=h hits read-only
One line per rule, in rule order: the number of packets the rule matched.

=h alerts read-only
Number of packets that matched at least one rule.

=h scanned_bytes read-only
Number of payload bytes scanned.

=h unscanned read-only
Number of packets passed to output 0 without a scan (no valid IPv4 header).

=h states read-only
Number of states of the compiled automaton.

=h reset write-only
Resets every counter.

=e
  FromNetFront(0) -> Strip(14) -> CheckIPHeader
    -> ids :: ContentIDS("/etc/passwd" PROTO tcp DPORT 80, "|90 90 90 90|", "cmd.exe" OUTPUT 2)
  ids[0] -> Unstrip(14) -> ToNetFront(1);
  ids[1] -> alerts :: Counter -> Discard;
  ids[2] -> Discard;

=a Classifier, IPFilter
*/

import { Element, Packet, Args, DROP_PACKET } from "@clickos/sdk";
import { AhoCorasick } from "../lib/aho-corasick";
import { ContentRule, parseContentRule, OUTPUT_DEFAULT, PROTO_ANY } from "../lib/aho-rules";

/** Largest automaton accepted (table: 512 bytes per state). */
const MAX_STATES: i32 = 16384;

@element("ContentIDS", { ports: "1/1-", processing: "a" })
export class ContentIDS extends Element {
  @handler("alerts") alerts: u64 = 0;
  @handler("scanned_bytes") scannedBytes: u64 = 0;
  @handler("unscanned") unscanned: u64 = 0;
  @handler("states") states: i32 = 0;

  private ac: AhoCorasick = new AhoCorasick();
  private nrules: i32 = 0;
  // Per rule (StaticArrays sized in configure).
  private hitCount: StaticArray<u64> = new StaticArray<u64>(0);
  private outPort: StaticArray<i32> = new StaticArray<i32>(0);
  private proto: StaticArray<i32> = new StaticArray<i32>(0);
  private port: StaticArray<i32> = new StaticArray<i32>(0);
  private sport: StaticArray<i32> = new StaticArray<i32>(0);
  private dport: StaticArray<i32> = new StaticArray<i32>(0);

  configure(args: Args): void {
    const mode = args.read("MODE").word("alert");
    const nocase = args.read("NOCASE").bool(false);
    let defaultOut = 1;
    if (mode == "drop") defaultOut = DROP_PACKET;
    else if (mode != "alert") args.error("MODE must be alert or drop, got '" + mode + "'");
    const n = args.positionalCount;
    args.consumeAllPositional();
    if (n == 0) { args.error("expected at least one content rule"); return; }
    this.nrules = n;
    this.hitCount = new StaticArray<u64>(n);
    this.outPort = new StaticArray<i32>(n);
    this.proto = new StaticArray<i32>(n);
    this.port = new StaticArray<i32>(n);
    this.sport = new StaticArray<i32>(n);
    this.dport = new StaticArray<i32>(n);
    for (let i = 0; i < n; i++) {
      const r = new ContentRule();
      const err = parseContentRule(args.positionalAt(i), r);
      if (err.length > 0) { args.error("rule " + i.toString() + ": " + err); continue; }
      if (r.output != OUTPUT_DEFAULT && r.output >= this.noutputs) {
        args.error("rule " + i.toString() + ": OUTPUT " + r.output.toString() + " but the element has " + this.noutputs.toString() + " output(s)");
      }
      this.outPort[i] = r.output == OUTPUT_DEFAULT ? defaultOut : r.output;
      this.proto[i] = r.proto;
      this.port[i] = r.port;
      this.sport[i] = r.sport;
      this.dport[i] = r.dport;
      this.ac.add(r.content, i);
    }
    const err = this.ac.compile(nocase, MAX_STATES);
    if (err.length > 0) args.error(err);
    this.states = this.ac.nstates;
  }

  simpleAction(p: Packet): i32 {
    const ip = p.ip();
    if (ip === null) { this.unscanned++; return 0; }
    const net = p.networkHeaderOffset;
    let avail = p.length - <u32>(net < 0 ? 0 : net);
    const hl = ip.headerLength;
    const tl = <u32>ip.totalLength;
    if (tl >= hl && tl < avail) avail = tl; // ignore link-layer padding
    const proto = <i32>ip.protocol;
    let off = hl;
    let sport = -1, dport = -1;
    if ((proto == 6 || proto == 17) && !ip.isLaterFragment) {
      const t = ip.ptr + off;
      if (avail >= off + 4) {
        sport = <i32>bswap<u16>(load<u16>(t));
        dport = <i32>bswap<u16>(load<u16>(t, 2));
      }
      if (proto == 17) off += 8;
      else if (avail >= off + 20) off += max<u32>((<u32>load<u8>(t, 12) >> 4) << 2, 20);
      else off = avail;
      if (off > avail) off = avail;
    }
    const len = avail - off;
    this.scannedBytes += len;
    const found = this.ac.scan(ip.ptr + off, len);
    if (found == 0) return 0;
    let best = -1;
    for (let i = 0; i < found; i++) {
      const r = this.ac.matchedAt(i);
      if (!this.applies(r, proto, sport, dport)) continue;
      unchecked(this.hitCount[r]++);
      if (best < 0 || r < best) best = r;
    }
    if (best < 0) return 0;
    this.alerts++;
    return unchecked(this.outPort[best]);
  }

  private applies(r: i32, proto: i32, sport: i32, dport: i32): bool {
    const rp = unchecked(this.proto[r]);
    if (rp != PROTO_ANY && rp != proto) return false;
    const port = unchecked(this.port[r]), sp = unchecked(this.sport[r]), dp = unchecked(this.dport[r]);
    if (port < 0 && sp < 0 && dp < 0) return true;
    if (sport < 0) return false; // port rule, but no ports in this packet
    if (port >= 0 && port != sport && port != dport) return false;
    if (sp >= 0 && sp != sport) return false;
    if (dp >= 0 && dp != dport) return false;
    return true;
  }

  @handler("hits") hits(): string {
    let s = "";
    for (let i = 0; i < this.nrules; i++) s += this.hitCount[i].toString() + "\n";
    return s;
  }

  @handler("reset", "w") reset(v: string): void {
    this.alerts = 0;
    this.scannedBytes = 0;
    this.unscanned = 0;
    for (let i = 0; i < this.nrules; i++) this.hitCount[i] = 0;
  }
}
