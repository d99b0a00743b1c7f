// One file (~710 lines, ~160 of them the doc block below): discovery, LCP, PAP and IPCP
// are one state machine over one session table, and an element is one file (DESIGN.md).
/*
=c
PPPoEServer(ETH eth, LOCAL ip, POOL prefix, [AC_NAME name, SERVICE name, MRU n, AUTH none|pap, USERS "user:password ...", MAGIC n, MAX_SESSIONS n, DNS1 ip, DNS2 ip])

=s ppp
PPPoE access concentrator: terminates PPP sessions and forwards their IP (a BRAS)

=d
Click has no such element: this is the access concentrator of ClickOS's BRAS
middlebox. It speaks PPPoE discovery (RFC 2516), terminates PPP (LCP, RFC 1661;
PAP, RFC 1334; IPCP, RFC 1332) and forwards IPv4 between subscribers and the core.

Input 0 takes Ethernet frames from subscribers: PPPoE discovery (0x8863) and
session (0x8864) frames. Output 0 carries the frames to subscribers: discovery
replies, PPP control packets, and IP packets from the core encapsulated into
their session. Output 1 carries subscribers' IPv4 packets toward the core,
decapsulated to bare IP (no Ethernet header; the network header annotation is
set), ready for a routing table or EtherEncap/ARPQuerier. Input 1 takes IPv4
packets from the core (IP header at the network header annotation or at the data
start); each goes to the session that owns its destination address, or is
dropped. Input 1 may be left unconnected (a server that only terminates PPP).

Discovery: a PADI with an acceptable Service-Name gets a PADO carrying the
Service-Name (SERVICE, or the requested name when SERVICE is empty), AC_NAME, and
the PADI's Host-Uniq and Relay-Session-Id tags echoed. A PADR (to ETH) gets a
PADS with a new session id and the same echoed tags, or a PADS with session id 0
and a Service-Name-Error (unknown service) or AC-System-Error (no free session)
tag. A PADT ends its session. No AC-Cookie is used.

Sessions: session id N gets the N-th usable address of POOL (network and
broadcast addresses and LOCAL are skipped); ids are handed out lowest first, and
a freed id is the next one reused. Right after the PADS the server sends its LCP
Configure-Request: MRU (MRU), Authentication-Protocol PAP when AUTH is pap, and
Magic-Number (MAGIC + session id). A peer's Configure-Request is acked when its
MRU is between 64 and MRU and its magic number is neither 0 nor ours; it is
nak'd (with MRU, or the complement of our magic) otherwise, and any other option
is rejected. A Nak of our request updates our MRU (if acceptable) or magic; a
Reject drops the option. LCP Echo-Requests are answered once LCP is open;
unknown LCP codes get a Code-Reject and unknown protocols a Protocol-Reject.
With AUTH pap the peer must then authenticate with PAP: USERS lists the accepted
"user:password" pairs (space-separated; empty accepts anyone); a failure gets an
Authenticate-Nak, an LCP Terminate-Request and a PADT. Then the server sends an
IPCP Configure-Request with LOCAL and answers the peer's with a Configure-Nak
carrying its address (and DNS1/DNS2 when asked for and configured; asked for and
not configured, they are rejected) until the peer requests exactly those. Once
both IPCP Configure-Requests are acked the session is open and IP flows. An LCP
Terminate-Request is acked and followed by a PADT, ending the session; an IPCP
Terminate-Request is acked and stops IP until IPCP is negotiated again.

Deviations and limits: there are no retransmission or keepalive timers (the
server never resends a lost Configure-Request on its own; idle sessions stay until
a PADT or Terminate-Request); Configure-Acks are matched by identifier only;
CHAP is not offered; upstream packets whose source is not the session's address
are dropped (anti-spoofing); core packets longer than the peer's MRU are dropped
(fragment them first).

Frames that are too short, carry a bad version/type, or whose PPPoE length runs
past the frame are dropped and counted as malformed; frames for unknown sessions
(or from another MAC than the session's) are counted in unknown_session; other
frames (not PPPoE, not addressed to ETH, PADO/PADS) in ignored. Per-packet work
allocates nothing: the session table is preallocated from POOL and MAX_SESSIONS.

Keyword arguments are:

=item ETH

Ethernet address of the access concentrator. Mandatory.

=item LOCAL

IPv4 address of the server's end of every PPP link. Mandatory.

=item POOL

IPv4 prefix (/16 or longer) subscribers' addresses come from. Mandatory.

=item AC_NAME

String. Access concentrator name sent in PADOs. Default "clickos".

=item SERVICE

String. The service offered; empty (the default) accepts any requested service.

=item MRU

Unsigned, 64 to 1492. Largest MRU negotiated. Default 1492.

=item AUTH

Word, none or pap. Default none.

=item USERS

String of space-separated "user:password" pairs accepted by PAP. Default empty.

=item MAGIC

Unsigned. Base of the servers' LCP magic numbers. Default 0x434c4b00.

=item MAX_SESSIONS

Unsigned. Most sessions at once (0, the default, means one per pool address).

=item DNS1, DNS2

IPv4 addresses offered to peers that ask for them in IPCP.

=h sessions read-only
One line per session: id, peer Ethernet address, assigned address, state (lcp,
auth, ipcp or open).

=h nsessions read-only
Number of sessions.

=h malformed read-only
Number of malformed frames and packets dropped.

=h unknown_session read-only
Number of session frames or PADTs for no session of theirs.

=h no_session read-only
Number of core packets dropped for lack of an open session at their destination.

=h spoofed read-only
Number of subscriber packets dropped for a wrong source address.

=h ignored read-only
Number of frames dropped as not for this server (not PPPoE, wrong destination,
services not offered, IP before IPCP is open, oversized core packets).

=e
  sub :: FromNetFront(0); core :: FromNetFront(1);
  bras :: PPPoEServer(ETH 02:00:00:00:00:01, LOCAL 10.0.0.1, POOL 10.0.0.0/24, AUTH pap, USERS "alice:secret");
  sub -> [0]bras; bras[0] -> ToNetFront(0);
  core -> Strip(14) -> [1]bras; bras[1] -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:fe) -> ToNetFront(1);

=a EtherEncap, ARPQuerier
*/
// One file (~700 lines), as the one-element-per-file rule asks: PPPoE discovery,
// LCP, PAP and IPCP are one state machine over one session table (its storage is
// already in ../lib); each protocol phase is a section below.

import { Element, Packet, Batch, Args, DROP_PACKET, StringAccum } from "@clickos/sdk";
import {
  ETH_PPPOE_DISC, ETH_PPPOE_SESS, PPPOE_VER_TYPE, CODE_SESSION, PADI, PADO, PADR, PADS, PADT,
  TAG_SERVICE_NAME, TAG_AC_NAME, TAG_SERVICE_NAME_ERROR, TAG_AC_SYSTEM_ERROR,
  PPP_IP, PPP_IPCP, PPP_LCP, PPP_PAP, CONF_REQ, CONF_ACK, CONF_NAK, CONF_REJ, TERM_REQ, TERM_ACK,
  CODE_REJ, PROTO_REJ, ECHO_REQ, ECHO_REP, DISCARD_REQ, PAP_AUTH_REQ, PAP_AUTH_ACK, PAP_AUTH_NAK,
  LCP_OPT_MRU, LCP_OPT_AUTH, LCP_OPT_MAGIC, IPCP_OPT_ADDR, IPCP_OPT_DNS1, IPCP_OPT_DNS2,
  OFF_CP, OFF_CP_DATA, SESSION_OVERHEAD, PPPOE_MAX_MRU,
  writePPPoEHeader, writeCPHeader, writeTag, writeBytes, copyBytes, DiscoveryTags,
} from "../lib/pppoe-proto";
import {
  PPPoESessions, F_LCP_ACK_SENT, F_LCP_ACK_RCVD, F_AUTHED, F_IPCP_REQ_SENT, F_IPCP_ACK_SENT,
  F_IPCP_ACK_RCVD, F_IPCP_NO_ADDR, F_LCP_OPEN, F_IPCP_OPEN, REQ_MRU, REQ_MAGIC, REQ_AUTH,
} from "../lib/pppoe-sessions";
import { OptionReply, optionsWellFormed } from "../lib/pppoe-options";

function utf8(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s, false)); }

@element("PPPoEServer", { ports: "1-2/2", processing: "h" })
export class PPPoEServer extends Element {
  @handler("malformed") malformed: u64 = 0;
  @handler("unknown_session") unknownSession: u64 = 0;
  @handler("no_session") noSession: u64 = 0;
  @handler("spoofed") spoofed: u64 = 0;
  @handler("ignored") ignored: u64 = 0;

  private mac: u64 = 0;
  private local: u32 = 0;
  private dns1: u32 = 0;
  private dns2: u32 = 0;
  private acName: Uint8Array = new Uint8Array(0);
  private service: Uint8Array = new Uint8Array(0);
  private mru: u32 = PPPOE_MAX_MRU;
  private pap: bool = false;
  private users: Uint8Array[] = [];
  private passwords: Uint8Array[] = [];
  private magicBase: u32 = 0x434c4b00;
  private rejectId: u8 = 0;
  private s: PPPoESessions = new PPPoESessions();
  private tags: DiscoveryTags = new DiscoveryTags();
  private opts: OptionReply = new OptionReply();

  configure(args: Args): void {
    const eth = args.readM("ETH").ether(null);
    const local = args.readM("LOCAL").ip(null);
    const pool = args.readM("POOL").ipPrefix(null);
    this.acName = utf8(args.read("AC_NAME").string("clickos"));
    this.service = utf8(args.read("SERVICE").string(""));
    this.mru = args.read("MRU").unsigned(PPPOE_MAX_MRU);
    const auth = args.read("AUTH").word("none");
    const users = args.read("USERS").string("");
    this.magicBase = args.read("MAGIC").unsigned(0x434c4b00);
    const max = args.read("MAX_SESSIONS").unsigned(0);
    const dns1 = args.read("DNS1").ip(null);
    const dns2 = args.read("DNS2").ip(null);
    if (this.mru < 64 || this.mru > PPPOE_MAX_MRU) args.error("MRU must be between 64 and 1492");
    if (auth == "pap") this.pap = true;
    else if (auth != "none") args.error("AUTH must be none or pap, got '" + auth + "'");
    if (users.length > 0 && !this.pap) args.error("USERS needs AUTH pap");
    this.parseUsers(users, args);
    if (dns1 !== null) this.dns1 = dns1.raw;
    if (dns2 !== null) this.dns2 = dns2.raw;
    if (eth === null || local === null || pool === null) return;
    this.mac = eth.raw;
    this.local = local.raw;
    const err = this.s.configure(pool, local.raw, max);
    if (err.length > 0) args.error(err);
  }

  private parseUsers(list: string, args: Args): void {
    const words = list.split(" ");
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (w.length == 0) continue;
      const colon = w.indexOf(":");
      if (colon <= 0) { args.error("USERS entry '" + w + "' is not user:password"); continue; }
      this.users.push(utf8(w.substring(0, colon)));
      this.passwords.push(utf8(w.substring(colon + 1)));
    }
  }

  push(port: i32, batch: Batch): void {
    for (let i = 0, n = batch.length; i < n; i++) {
      const p = batch.at(i);
      p.setOutput(port == 0 ? this.fromSubscriber(p) : this.fromCore(p));
    }
  }

  // ---------------------------------------------------------------- subscribers

  private fromSubscriber(p: Packet): i32 {
    const eth = p.ether();
    if (eth === null) { this.malformed++; return DROP_PACKET; }
    const type = eth.type;
    if (type != ETH_PPPOE_DISC && type != ETH_PPPOE_SESS) { this.ignored++; return DROP_PACKET; }
    if (p.length < 20 || p.u8(14) != PPPOE_VER_TYPE) { this.malformed++; return DROP_PACKET; }
    const end: u32 = 20 + <u32>p.u16(18);
    if (end > p.length) { this.malformed++; return DROP_PACKET; }
    if (type == ETH_PPPOE_DISC) this.discovery(p, end, eth.dstRaw, eth.srcRaw);
    else return this.session(p, end, eth.dstRaw, eth.srcRaw);
    return DROP_PACKET;
  }

  private serviceAcceptable(p: Packet): bool {
    const t = this.tags;
    if (t.serviceLen == 0 || this.service.length == 0) return true;
    return t.serviceLen == this.service.length && p.matches(<u32>t.serviceOff, this.service);
  }

  private discovery(p: Packet, end: u32, dst: u64, src: u64): void {
    const code = p.u8(15);
    const sid = <u32>p.u16(16);
    const t = this.tags;
    if (!t.parse(p, 20, end)) { this.malformed++; return; }
    if (code == PADI) {
      if (sid != 0 || t.serviceOff < 0) { this.malformed++; return; }
      if (!this.serviceAcceptable(p)) { this.ignored++; return; }
      this.sendPADO(p, src);
    } else if (code == PADR) {
      if (dst != this.mac) { this.ignored++; return; }
      if (sid != 0 || t.serviceOff < 0) { this.malformed++; return; }
      if (!this.serviceAcceptable(p)) { this.sendPADS(p, src, 0, TAG_SERVICE_NAME_ERROR); return; }
      const i = this.s.alloc(src);
      if (i < 0) { this.sendPADS(p, src, 0, TAG_AC_SYSTEM_ERROR); return; }
      this.startSession(i);
      this.sendPADS(p, src, <u16>(i + 1), 0);
      this.sendLcpConfReq(i);
    } else if (code == PADT) {
      if (dst != this.mac) { this.ignored++; return; }
      const i = this.s.byId(sid, src);
      if (i < 0) { this.unknownSession++; return; }
      this.s.release(i);
    } else {
      this.ignored++;
    }
  }

  private startSession(i: i32): void {
    const s = this.s;
    let magic = this.magicBase + <u32>(i + 1);
    if (magic == 0) magic = 1;
    s.ourMagic[i] = magic;
    s.peerMagic[i] = 0;
    s.ourMru[i] = <u16>this.mru;
    s.peerMru[i] = <u16>PPPOE_MAX_MRU;
    s.lcpReq[i] = REQ_MRU | REQ_MAGIC | (this.pap ? REQ_AUTH : 0);
    s.lcpId[i] = 0;
    s.ipcpId[i] = 0;
  }

  private sendPADO(p: Packet, to: u64): void {
    const t = this.tags;
    const svcLen = this.service.length > 0 ? <u32>this.service.length : <u32>t.serviceLen;
    const len = 4 + svcLen + 4 + <u32>this.acName.length + t.echoLength;
    const q = Packet.make(20 + len);
    if (q === null) return;
    writePPPoEHeader(q, to, this.mac, ETH_PPPOE_DISC, PADO, 0, len);
    let off = writeTag(q, 20, TAG_SERVICE_NAME, svcLen);
    if (this.service.length > 0) writeBytes(q, off, this.service);
    else copyBytes(q, off, p, <u32>t.serviceOff, svcLen);
    off = writeTag(q, off + svcLen, TAG_AC_NAME, this.acName.length);
    writeBytes(q, off, this.acName);
    t.writeEcho(q, off + <u32>this.acName.length, p);
    this.emit(0, q);
  }

  /** PADS for session `sid`, or (sid 0) carrying the error tag `errorTag`. */
  private sendPADS(p: Packet, to: u64, sid: u16, errorTag: u16): void {
    const t = this.tags;
    const svcLen = <u32>t.serviceLen;
    const len = 4 + svcLen + t.echoLength + (errorTag != 0 ? 4 : 0);
    const q = Packet.make(20 + len);
    if (q === null) return;
    writePPPoEHeader(q, to, this.mac, ETH_PPPOE_DISC, PADS, sid, len);
    let off = writeTag(q, 20, TAG_SERVICE_NAME, svcLen);
    copyBytes(q, off, p, <u32>t.serviceOff, svcLen);
    off = t.writeEcho(q, off + svcLen, p);
    if (errorTag != 0) writeTag(q, off, errorTag, 0);
    this.emit(0, q);
  }

  private sendPADT(i: i32): void {
    const q = Packet.make(20);
    if (q === null) return;
    writePPPoEHeader(q, this.s.mac[i], this.mac, ETH_PPPOE_DISC, PADT, <u16>(i + 1), 0);
    this.emit(0, q);
  }

  /** A session frame to session i's peer carrying a PPP packet of `pppLen` bytes
   *  (after the protocol field); fill from OFF_CP, then emit. */
  private sessionFrame(i: i32, proto: u16, pppLen: u32): Packet | null {
    const q = Packet.make(SESSION_OVERHEAD + pppLen);
    if (q === null) return null;
    writePPPoEHeader(q, this.s.mac[i], this.mac, ETH_PPPOE_SESS, CODE_SESSION, <u16>(i + 1), 2 + pppLen);
    q.setU16(20, proto);
    return q;
  }

  private session(p: Packet, end: u32, dst: u64, src: u64): i32 {
    if (p.u8(15) != CODE_SESSION || end < 22) { this.malformed++; return DROP_PACKET; }
    if (dst != this.mac) { this.ignored++; return DROP_PACKET; }
    const i = this.s.byId(<u32>p.u16(16), src);
    if (i < 0) { this.unknownSession++; return DROP_PACKET; }
    const proto = p.u16(20);
    if (proto == PPP_IP) return this.upstream(p, i, end);
    if (proto == PPP_LCP || proto == PPP_IPCP || (proto == PPP_PAP && this.pap)) {
      // Control packet: code, id, length; bytes past `length` are padding.
      if (end < OFF_CP + 4) { this.malformed++; return DROP_PACKET; }
      const cpEnd = OFF_CP + <u32>p.u16(OFF_CP + 2);
      if (cpEnd < OFF_CP + 4 || cpEnd > end) { this.malformed++; return DROP_PACKET; }
      if (proto == PPP_LCP) this.lcp(p, i, cpEnd);
      else if (proto == PPP_PAP) this.papRequest(p, i, cpEnd);
      else this.ipcp(p, i, cpEnd);
    } else if (this.s.has(i, F_LCP_OPEN)) {
      this.protocolReject(p, i, proto, end);
    } else {
      this.ignored++;
    }
    return DROP_PACKET;
  }

  private upstream(p: Packet, i: i32, end: u32): i32 {
    if (!this.s.has(i, F_IPCP_OPEN)) { this.ignored++; return DROP_PACKET; }
    const ip = p.ipAt(SESSION_OVERHEAD);
    if (ip === null) { this.malformed++; return DROP_PACKET; }
    if (ip.src != unchecked(this.s.addr[i])) { this.spoofed++; return DROP_PACKET; }
    const hl = ip.headerLength;
    if (p.length > end) p.take(p.length - end); // Ethernet padding after the PPPoE payload
    p.pull(SESSION_OVERHEAD);
    p.setNetworkHeader(0, hl);
    return 1;
  }

  // ---------------------------------------------------------------- LCP

  private lcp(p: Packet, i: i32, cpEnd: u32): void {
    const s = this.s;
    const code = p.u8(OFF_CP);
    const id = p.u8(OFF_CP + 1);
    if (code == CONF_REQ) {
      if (!optionsWellFormed(p, OFF_CP_DATA, cpEnd)) { this.malformed++; return; }
      if (s.has(i, F_LCP_OPEN)) { // renegotiation: back to the start, with a new request
        s.flags[i] = 0;
        this.sendLcpConfReq(i);
      }
      this.answerLcpConfReq(p, i, id, cpEnd);
      this.advance(i);
    } else if (code == CONF_ACK) {
      if (id == s.lcpId[i] && !s.has(i, F_LCP_ACK_RCVD)) { s.set(i, F_LCP_ACK_RCVD); this.advance(i); }
    } else if (code == CONF_NAK || code == CONF_REJ) {
      if (id != s.lcpId[i] || s.has(i, F_LCP_ACK_RCVD)) return;
      if (!optionsWellFormed(p, OFF_CP_DATA, cpEnd)) { this.malformed++; return; }
      if (!this.adjustLcpRequest(p, i, code, cpEnd)) { this.terminate(i); return; }
      this.sendLcpConfReq(i);
    } else if (code == TERM_REQ) {
      const len = cpEnd - OFF_CP;
      const q = this.sessionFrame(i, PPP_LCP, len);
      if (q !== null) {
        writeCPHeader(q, TERM_ACK, id, len);
        copyBytes(q, OFF_CP_DATA, p, OFF_CP_DATA, len - 4);
        this.emit(0, q);
      }
      this.sendPADT(i);
      s.release(i);
    } else if (code == ECHO_REQ) {
      if (!s.has(i, F_LCP_OPEN) || cpEnd < OFF_CP + 8) return;
      const len = cpEnd - OFF_CP;
      const q = this.sessionFrame(i, PPP_LCP, len);
      if (q === null) return;
      writeCPHeader(q, ECHO_REP, id, len);
      q.setU32(OFF_CP_DATA, s.ourMagic[i]);
      copyBytes(q, OFF_CP_DATA + 4, p, OFF_CP_DATA + 4, len - 8);
      this.emit(0, q);
    } else if (code == TERM_ACK || code == CODE_REJ || code == PROTO_REJ || code == ECHO_REP || code == DISCARD_REQ) {
      // nothing to do
    } else {
      this.codeReject(p, i, PPP_LCP, cpEnd);
    }
  }

  private answerLcpConfReq(p: Packet, i: i32, id: u8, cpEnd: u32): void {
    const s = this.s;
    const o = this.opts;
    o.reset();
    let mru: u32 = PPPOE_MAX_MRU;
    let magic: u32 = 0;
    const ours = s.ourMagic[i];
    for (let off = OFF_CP_DATA; off < cpEnd; off += <u32>p.u8(off + 1)) {
      const type = p.u8(off), len = <u32>p.u8(off + 1);
      if (type == LCP_OPT_MRU && len == 4) {
        const v = <u32>p.u16(off + 2);
        if (v < 64 || v > this.mru) o.nak16(LCP_OPT_MRU, <u16>this.mru);
        else mru = v;
      } else if (type == LCP_OPT_MAGIC && len == 6) {
        const v = p.u32(off + 2);
        if (v == 0 || v == ours) o.nak32(LCP_OPT_MAGIC, ~ours == 0 ? 1 : ~ours);
        else magic = v;
      } else {
        o.reject(p, off, len);
      }
    }
    const ack = o.length == 0;
    const len: u32 = ack ? cpEnd - OFF_CP : 4 + o.length;
    const q = this.sessionFrame(i, PPP_LCP, len);
    if (ack) {
      s.peerMru[i] = <u16>mru;
      s.peerMagic[i] = magic;
      s.set(i, F_LCP_ACK_SENT);
    } else {
      s.clear(i, F_LCP_ACK_SENT);
    }
    if (q === null) return;
    writeCPHeader(q, ack ? CONF_ACK : (o.rejLen > 0 ? CONF_REJ : CONF_NAK), id, len);
    if (ack) copyBytes(q, OFF_CP_DATA, p, OFF_CP_DATA, len - 4);
    else o.write(q, OFF_CP_DATA);
    this.emit(0, q);
  }

  /** Applies the peer's Nak or Reject of our request; false if we cannot go on
   *  (authentication refused). */
  private adjustLcpRequest(p: Packet, i: i32, code: u8, cpEnd: u32): bool {
    const s = this.s;
    for (let off = OFF_CP_DATA; off < cpEnd; off += <u32>p.u8(off + 1)) {
      const type = p.u8(off), len = <u32>p.u8(off + 1);
      if (type == LCP_OPT_AUTH) return false; // PAP is the only method we offer
      if (code == CONF_REJ) {
        if (type == LCP_OPT_MRU) s.lcpReq[i] = s.lcpReq[i] & ~REQ_MRU;
        else if (type == LCP_OPT_MAGIC) s.lcpReq[i] = s.lcpReq[i] & ~REQ_MAGIC;
      } else if (type == LCP_OPT_MRU && len == 4) {
        const v = <u32>p.u16(off + 2);
        if (v >= 64 && v <= this.mru) s.ourMru[i] = <u16>v;
      } else if (type == LCP_OPT_MAGIC && len == 6) {
        // RFC 1661 6.4: pick a new magic number; a fixed odd step keeps it deterministic.
        let m = s.ourMagic[i] + 0x9e3779b9;
        if (m == 0) m = 1;
        s.ourMagic[i] = m;
      }
    }
    return true;
  }

  private sendLcpConfReq(i: i32): void {
    const s = this.s;
    const req = s.lcpReq[i];
    const len: u32 = 4 + ((req & REQ_MRU) ? 4 : 0) + ((req & REQ_AUTH) ? 4 : 0) + ((req & REQ_MAGIC) ? 6 : 0);
    const id = <u8>(s.lcpId[i] + 1);
    s.lcpId[i] = id;
    const q = this.sessionFrame(i, PPP_LCP, len);
    if (q === null) return;
    writeCPHeader(q, CONF_REQ, id, len);
    let off = OFF_CP_DATA;
    if (req & REQ_MRU) { q.setU8(off, LCP_OPT_MRU); q.setU8(off + 1, 4); q.setU16(off + 2, s.ourMru[i]); off += 4; }
    if (req & REQ_AUTH) { q.setU8(off, LCP_OPT_AUTH); q.setU8(off + 1, 4); q.setU16(off + 2, PPP_PAP); off += 4; }
    if (req & REQ_MAGIC) { q.setU8(off, LCP_OPT_MAGIC); q.setU8(off + 1, 6); q.setU32(off + 2, s.ourMagic[i]); }
    this.emit(0, q);
  }

  /** Ends session i from our side: LCP Terminate-Request, PADT, slot freed. */
  private terminate(i: i32): void {
    const s = this.s;
    const id = <u8>(s.lcpId[i] + 1);
    s.lcpId[i] = id;
    const q = this.sessionFrame(i, PPP_LCP, 4);
    if (q !== null) { writeCPHeader(q, TERM_REQ, id, 4); this.emit(0, q); }
    this.sendPADT(i);
    s.release(i);
  }

  /** Code-Reject carrying the rejected packet, cut to the peer's MRU. */
  private codeReject(p: Packet, i: i32, proto: u16, cpEnd: u32): void {
    let n = cpEnd - OFF_CP;
    const room = <u32>this.s.peerMru[i] - 4;
    if (n > room) n = room;
    const q = this.sessionFrame(i, proto, 4 + n);
    if (q === null) return;
    writeCPHeader(q, CODE_REJ, ++this.rejectId, 4 + n);
    copyBytes(q, OFF_CP_DATA, p, OFF_CP, n);
    this.emit(0, q);
  }

  /** LCP Protocol-Reject: the rejected protocol, then its packet, cut to the MRU. */
  private protocolReject(p: Packet, i: i32, proto: u16, end: u32): void {
    let n = end - OFF_CP;
    const room = <u32>this.s.peerMru[i] - 6;
    if (n > room) n = room;
    const q = this.sessionFrame(i, PPP_LCP, 6 + n);
    if (q === null) return;
    writeCPHeader(q, PROTO_REJ, ++this.rejectId, 6 + n);
    q.setU16(OFF_CP_DATA, proto);
    copyBytes(q, OFF_CP_DATA + 2, p, OFF_CP, n);
    this.emit(0, q);
  }

  /** Moves session i to the network phase once LCP is open and, with PAP, the
   *  peer has authenticated: sends our IPCP Configure-Request once. */
  private advance(i: i32): void {
    const s = this.s;
    if (!s.has(i, F_LCP_OPEN) || (this.pap && !s.has(i, F_AUTHED)) || s.has(i, F_IPCP_REQ_SENT)) return;
    s.set(i, F_IPCP_REQ_SENT);
    this.sendIpcpConfReq(i);
  }

  private networkPhase(i: i32): bool {
    return this.s.has(i, F_LCP_OPEN) && (!this.pap || this.s.has(i, F_AUTHED));
  }

  // ---------------------------------------------------------------- PAP

  private papRequest(p: Packet, i: i32, cpEnd: u32): void {
    const s = this.s;
    if (p.u8(OFF_CP) != PAP_AUTH_REQ || !s.has(i, F_LCP_OPEN)) { this.ignored++; return; }
    const id = p.u8(OFF_CP + 1);
    // Peer-ID length, Peer-ID, Passwd length, Password.
    if (OFF_CP_DATA + 1 > cpEnd) { this.malformed++; return; }
    const userLen = <u32>p.u8(OFF_CP_DATA);
    const userOff = OFF_CP_DATA + 1;
    if (userOff + userLen + 1 > cpEnd) { this.malformed++; return; }
    const pwLen = <u32>p.u8(userOff + userLen);
    const pwOff = userOff + userLen + 1;
    if (pwOff + pwLen > cpEnd) { this.malformed++; return; }
    const ok = s.has(i, F_AUTHED) || this.checkUser(p, userOff, userLen, pwOff, pwLen);
    const q = this.sessionFrame(i, PPP_PAP, 5);
    if (q !== null) {
      writeCPHeader(q, ok ? PAP_AUTH_ACK : PAP_AUTH_NAK, id, 5);
      q.setU8(OFF_CP_DATA, 0); // empty message
      this.emit(0, q);
    }
    if (!ok) { this.terminate(i); return; }
    s.set(i, F_AUTHED);
    this.advance(i);
  }

  private checkUser(p: Packet, userOff: u32, userLen: u32, pwOff: u32, pwLen: u32): bool {
    const n = this.users.length;
    if (n == 0) return true;
    for (let k = 0; k < n; k++) {
      const u = unchecked(this.users[k]), w = unchecked(this.passwords[k]);
      if (<u32>u.length == userLen && <u32>w.length == pwLen && p.matches(userOff, u) && p.matches(pwOff, w)) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- IPCP

  private ipcp(p: Packet, i: i32, cpEnd: u32): void {
    const s = this.s;
    if (!this.networkPhase(i)) { this.ignored++; return; }
    const code = p.u8(OFF_CP);
    const id = p.u8(OFF_CP + 1);
    if (code == CONF_REQ) {
      if (!optionsWellFormed(p, OFF_CP_DATA, cpEnd)) { this.malformed++; return; }
      // Renegotiation (or a restart after a Terminate-Request): our request again.
      if (s.has(i, F_IPCP_OPEN) || !s.has(i, F_IPCP_REQ_SENT)) {
        s.clear(i, F_IPCP_ACK_RCVD);
        s.set(i, F_IPCP_REQ_SENT);
        this.sendIpcpConfReq(i);
      }
      this.answerIpcpConfReq(p, i, id, cpEnd);
    } else if (code == CONF_ACK) {
      if (id == s.ipcpId[i]) s.set(i, F_IPCP_ACK_RCVD);
    } else if (code == CONF_NAK || code == CONF_REJ) {
      if (id != s.ipcpId[i] || s.has(i, F_IPCP_ACK_RCVD)) return;
      if (code == CONF_REJ) s.set(i, F_IPCP_NO_ADDR); // our address is all we ask; insist on nothing
      this.sendIpcpConfReq(i);
    } else if (code == TERM_REQ) {
      const len = cpEnd - OFF_CP;
      const q = this.sessionFrame(i, PPP_IPCP, len);
      if (q !== null) {
        writeCPHeader(q, TERM_ACK, id, len);
        copyBytes(q, OFF_CP_DATA, p, OFF_CP_DATA, len - 4);
        this.emit(0, q);
      }
      // IP stops; a later Configure-Request from the peer restarts IPCP.
      s.clear(i, F_IPCP_ACK_SENT | F_IPCP_ACK_RCVD | F_IPCP_NO_ADDR | F_IPCP_REQ_SENT);
    } else if (code == TERM_ACK || code == CODE_REJ) {
      // nothing to do
    } else {
      this.codeReject(p, i, PPP_IPCP, cpEnd);
    }
  }

  private answerIpcpConfReq(p: Packet, i: i32, id: u8, cpEnd: u32): void {
    const s = this.s;
    const o = this.opts;
    o.reset();
    const addr = s.addr[i];
    let sawAddr = false;
    for (let off = OFF_CP_DATA; off < cpEnd; off += <u32>p.u8(off + 1)) {
      const type = p.u8(off), len = <u32>p.u8(off + 1);
      const want: u32 = type == IPCP_OPT_ADDR ? addr : type == IPCP_OPT_DNS1 ? this.dns1 : type == IPCP_OPT_DNS2 ? this.dns2 : 0;
      if (len != 6 || want == 0) { o.reject(p, off, len); continue; }
      if (type == IPCP_OPT_ADDR) sawAddr = true;
      if (bswap<u32>(p.u32(off + 2)) != want) o.nakAddr(type, want);
    }
    if (!sawAddr) o.nakAddr(IPCP_OPT_ADDR, addr); // ask the peer to request its address
    const ack = o.length == 0;
    const len: u32 = ack ? cpEnd - OFF_CP : 4 + o.length;
    if (ack) s.set(i, F_IPCP_ACK_SENT);
    else s.clear(i, F_IPCP_ACK_SENT);
    const q = this.sessionFrame(i, PPP_IPCP, len);
    if (q === null) return;
    writeCPHeader(q, ack ? CONF_ACK : (o.rejLen > 0 ? CONF_REJ : CONF_NAK), id, len);
    if (ack) copyBytes(q, OFF_CP_DATA, p, OFF_CP_DATA, len - 4);
    else o.write(q, OFF_CP_DATA);
    this.emit(0, q);
  }

  private sendIpcpConfReq(i: i32): void {
    const s = this.s;
    const withAddr = !s.has(i, F_IPCP_NO_ADDR);
    const len: u32 = withAddr ? 10 : 4;
    const id = <u8>(s.ipcpId[i] + 1);
    s.ipcpId[i] = id;
    const q = this.sessionFrame(i, PPP_IPCP, len);
    if (q === null) return;
    writeCPHeader(q, CONF_REQ, id, len);
    if (withAddr) {
      q.setU8(OFF_CP_DATA, IPCP_OPT_ADDR);
      q.setU8(OFF_CP_DATA + 1, 6);
      q.setU32(OFF_CP_DATA + 2, bswap<u32>(this.local));
    }
    this.emit(0, q);
  }

  // ---------------------------------------------------------------- core

  private fromCore(p: Packet): i32 {
    const ip = p.ip();
    if (ip === null) { this.malformed++; return DROP_PACKET; }
    const net = p.networkHeaderOffset;
    if (net > 0) p.pull(<u32>net);
    const i = this.s.byAddr(ip.dst);
    if (i < 0 || !this.s.has(i, F_IPCP_OPEN)) { this.noSession++; return DROP_PACKET; }
    const hl = ip.headerLength;
    const tl = <u32>ip.totalLength;
    if (tl >= hl && tl < p.length) p.take(p.length - tl); // link padding
    const len = p.length;
    if (len > <u32>this.s.peerMru[i]) { this.ignored++; return DROP_PACKET; }
    let q: Packet = p;
    if (!p.push(SESSION_OVERHEAD)) {
      // Not enough headroom: copy into a new packet with room for the headers.
      const c = Packet.make(SESSION_OVERHEAD + len);
      if (c === null) return DROP_PACKET;
      c.copyFromPacket(SESSION_OVERHEAD, p, 0, len);
      q = c;
    }
    writePPPoEHeader(q, this.s.mac[i], this.mac, ETH_PPPOE_SESS, CODE_SESSION, <u16>(i + 1), 2 + len);
    q.setU16(20, PPP_IP);
    q.setMacHeader(0);
    q.setNetworkHeader(SESSION_OVERHEAD, hl);
    if (q !== p) { this.emit(0, q); return DROP_PACKET; }
    return 0;
  }

  // ---------------------------------------------------------------- handlers

  @handler("nsessions") nsessions(): string { return this.s.count.toString(); }

  @handler("sessions") sessions(sa: StringAccum): void {
    const s = this.s;
    for (let i = 0; i < s.capacity; i++) {
      if (!s.inUse[i]) continue;
      const state = s.has(i, F_IPCP_OPEN) ? "open" : this.networkPhase(i) ? "ipcp" : s.has(i, F_LCP_OPEN) ? "auth" : "lcp";
      sa.add(s.describe(i, state)).char(10);
    }
  }
}
