// Fixtures for PPPoEServer-01..02. Run: npx tsx --conditions=source <this file>
//
// Every frame, in and out, is assembled here byte by byte from RFC 2516 (PPPoE),
// RFC 1661 (LCP), RFC 1334 (PAP) and RFC 1332/1877 (IPCP): the expected replies are
// what those RFCs and PPPoEServer's documented choices (ids, magic numbers,
// addresses, tag order) prescribe, never output of the element.
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, fixturesOut, LINK_ETHER, LINK_RAW, cat, pad } from "../../standard/tests/golden-fixtures.ts";
import { writePcap } from "@clickos/runtime";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = import.meta.dirname;
const enc = (s: string) => new TextEncoder().encode(s);
const b = (...x: number[]) => Uint8Array.from(x);
const u16 = (v: number) => b(v >> 8, v & 255);
const u32 = (v: number) => b(v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
const ip4 = (s: string) => b(...s.split(".").map(Number));

const SERVER = "02:00:00:00:00:01", BCAST = "ff:ff:ff:ff:ff:ff";
const A = "02:00:00:00:00:0a", B = "02:00:00:00:00:0b", C = "02:00:00:00:00:0c", D = "02:00:00:00:00:0d", E = "02:00:00:00:00:0e";

const frame = (dst: string, src: string, type: number, payload: Uint8Array) => cat(pkt.ether({ dst, src, type }).build(), payload);
const pppoe = (code: number, sid: number, payload: Uint8Array) => cat(b(0x11, code), u16(sid), u16(payload.length), payload);
const tag = (type: number, value: Uint8Array) => cat(u16(type), u16(value.length), value);
const disc = (dst: string, src: string, code: number, sid: number, ...tags: Uint8Array[]) => frame(dst, src, 0x8863, pppoe(code, sid, cat(...tags)));
const sess = (dst: string, src: string, sid: number, proto: number, body: Uint8Array) => frame(dst, src, 0x8864, pppoe(0, sid, cat(u16(proto), body)));
const cp = (code: number, id: number, data: Uint8Array = new Uint8Array(0)) => cat(b(code, id), u16(4 + data.length), data);
const opt = (type: number, value: Uint8Array) => cat(b(type, 2 + value.length), value);

const SVC = 0x0101, ACN = 0x0102, HU = 0x0103, RELAY = 0x0110, SVC_ERR = 0x0201, SYS_ERR = 0x0202;
const PADI = 0x09, PADO = 0x07, PADR = 0x19, PADS = 0x65, PADT = 0xa7;
const LCP = 0xc021, PAP = 0xc023, IPCP = 0x8021, IP = 0x0021;
const MRU = (v: number) => opt(1, u16(v)), MAGIC = (v: number) => opt(5, u32(v)), AUTH_PAP = opt(3, u16(PAP));
const ADDR = (a: string) => opt(3, ip4(a)), DNS1 = (a: string) => opt(129, ip4(a)), DNS2 = (a: string) => opt(131, ip4(a));

// Subscriber-side frames: to the server from `mac`, and replies from the server to `mac`.
const up = (mac: string, sid: number, proto: number, body: Uint8Array) => sess(SERVER, mac, sid, proto, body);
const down = (mac: string, sid: number, proto: number, body: Uint8Array) => sess(mac, SERVER, sid, proto, body);
const udp = (src: string, dst: string, text: string) => pkt.ipv4({ src, dst }).udp({ sport: 5000, dport: 53 }).payload(enc(text)).build();

// ---------------------------------------------------------------- PPPoEServer-01
// AUTH none, SERVICE internet, POOL 10.0.0.0/29 with LOCAL 10.0.0.1: session 1 gets
// 10.0.0.2, session 2 10.0.0.3. MAGIC 0x10000000: session N's magic is 0x10000000+N.
{
  const hu = tag(HU, b(1, 2, 3, 4));
  const relay = tag(RELAY, b(9, 9));
  const inet = tag(SVC, enc("internet"));
  const cases: { in: Uint8Array; out?: Record<string, Uint8Array | Uint8Array[]> }[] = [];
  const add = (input: Uint8Array, out?: Uint8Array | Uint8Array[], core?: Uint8Array) =>
    cases.push({ in: input, out: { ...(out ? { OUT: out } : {}), ...(core ? { CORE: core } : {}) } });

  // Discovery for A: any service offered "internet"; another service gets no PADO.
  add(disc(BCAST, A, PADI, 0, tag(SVC, new Uint8Array(0)), hu), disc(A, SERVER, PADO, 0, inet, tag(ACN, enc("bras-1")), hu));
  add(disc(BCAST, A, PADI, 0, tag(SVC, enc("other")), hu));                                   // ignored
  add(disc(SERVER, A, PADR, 0, inet, hu, relay), [
    disc(A, SERVER, PADS, 1, inet, hu, relay),
    down(A, 1, LCP, cp(1, 1, cat(MRU(1492), MAGIC(0x10000001)))),
  ]);
  // LCP: A's request is acked as is; A acks ours; LCP is open: our IPCP request.
  add(up(A, 1, LCP, cp(1, 1, cat(MRU(1492), MAGIC(0xaabbccdd)))), down(A, 1, LCP, cp(2, 1, cat(MRU(1492), MAGIC(0xaabbccdd)))));
  add(up(A, 1, LCP, cp(2, 1, cat(MRU(1492), MAGIC(0x10000001)))), down(A, 1, IPCP, cp(1, 1, ADDR("10.0.0.1"))));
  add(up(A, 1, IP, udp("10.0.0.2", "8.8.8.8", "too early")));                               // IPCP not open: ignored
  // IPCP: DNS2 is not configured (rejected), then address and DNS1 nak'd, then acked.
  add(up(A, 1, IPCP, cp(1, 1, cat(ADDR("0.0.0.0"), DNS1("0.0.0.0"), DNS2("0.0.0.0")))), down(A, 1, IPCP, cp(4, 1, DNS2("0.0.0.0"))));
  add(up(A, 1, IPCP, cp(1, 2, cat(ADDR("0.0.0.0"), DNS1("0.0.0.0")))), down(A, 1, IPCP, cp(3, 2, cat(ADDR("10.0.0.2"), DNS1("10.0.0.53")))));
  add(up(A, 1, IPCP, cp(1, 3, cat(ADDR("10.0.0.2"), DNS1("10.0.0.53")))), down(A, 1, IPCP, cp(2, 3, cat(ADDR("10.0.0.2"), DNS1("10.0.0.53")))));
  add(up(A, 1, IPCP, cp(2, 1, ADDR("10.0.0.1"))));
  // Echo: our magic in the reply, data echoed.
  add(up(A, 1, LCP, cp(9, 5, cat(u32(0xaabbccdd), enc("ping")))), down(A, 1, LCP, cp(10, 5, cat(u32(0x10000001), enc("ping")))));
  // IP upstream: decapsulated; Ethernet padding removed; a spoofed source dropped.
  const u1 = udp("10.0.0.2", "8.8.8.8", "hello core");
  add(up(A, 1, IP, u1), undefined, u1);
  const small = pkt.ipv4({ src: "10.0.0.2", dst: "8.8.4.4" }).icmp({ id: 1, seq: 1 }).build();
  add(pad(up(A, 1, IP, small), 60), undefined, small);
  add(up(A, 1, IP, udp("10.0.0.9", "8.8.8.8", "spoofed")));                                 // spoofed
  // Unknown sessions: a session id never given, session 1 from another MAC.
  add(up(A, 7, IP, u1));
  add(up(B, 1, IP, u1));
  // An unknown protocol (IPv6CP) gets a Protocol-Reject; an unknown LCP code a Code-Reject.
  const v6cp = cp(1, 1, opt(1, b(0, 0, 0, 0, 0, 0, 0, 1)));
  add(up(A, 1, 0x8057, v6cp), down(A, 1, LCP, cp(8, 1, cat(u16(0x8057), v6cp))));
  const ident = cp(12, 4, cat(u32(0xaabbccdd), enc("hi")));
  add(up(A, 1, LCP, ident), down(A, 1, LCP, cp(7, 2, ident)));
  // Malformed: PPPoE length past the frame, version 2, a runt, a bad PADI tag.
  const long = up(A, 1, IP, u1);
  add(long.slice(0, long.length - 5));
  const v2 = up(A, 1, IP, u1); v2[14] = 0x21;
  add(v2);
  add(up(A, 1, IP, u1).slice(0, 10));
  add(frame(BCAST, A, 0x8863, pppoe(PADI, 0, cat(inet, b(0x01, 0x03, 0x00, 0x09, 1)))));
  // Not for us: IPv4 over Ethernet, a PADR to another concentrator.
  add(pkt.ether({ src: A, dst: SERVER }).ipv4().udp().build());
  add(disc("02:00:00:00:00:99", A, PADR, 0, inet));
  // B: PADR with an empty service; negotiates MRU and magic the long way.
  add(disc(SERVER, B, PADR, 0, tag(SVC, new Uint8Array(0))), [
    disc(B, SERVER, PADS, 2, tag(SVC, new Uint8Array(0))),
    down(B, 2, LCP, cp(1, 1, cat(MRU(1492), MAGIC(0x10000002)))),
  ]);
  const accm = opt(2, u32(0));
  add(up(B, 2, LCP, cp(1, 1, cat(MRU(1500), accm))), down(B, 2, LCP, cp(4, 1, accm)));                 // reject ACCM
  add(up(B, 2, LCP, cp(1, 2, MRU(1500))), down(B, 2, LCP, cp(3, 2, MRU(1492))));                       // nak MRU
  add(up(B, 2, LCP, cp(1, 3, cat(MRU(1400), MAGIC(0x10000002)))), down(B, 2, LCP, cp(3, 3, MAGIC(0xeffffffd)))); // same magic
  add(up(B, 2, LCP, cp(1, 4, cat(MRU(1400), MAGIC(0x12345678)))), down(B, 2, LCP, cp(2, 4, cat(MRU(1400), MAGIC(0x12345678)))));
  add(up(B, 2, LCP, cp(3, 1, MRU(1400))), down(B, 2, LCP, cp(1, 2, cat(MRU(1400), MAGIC(0x10000002)))));   // B naks our MRU
  add(up(B, 2, LCP, cp(4, 2, MAGIC(0x10000002))), down(B, 2, LCP, cp(1, 3, MRU(1400))));                   // B rejects magic
  add(up(B, 2, LCP, cp(2, 2, MRU(1400))));                                                                  // stale id: ignored
  add(up(B, 2, LCP, cp(2, 3, MRU(1400))), down(B, 2, IPCP, cp(1, 1, ADDR("10.0.0.1"))));
  add(up(B, 2, IPCP, cp(1, 1, ADDR("10.0.0.3"))), down(B, 2, IPCP, cp(2, 1, ADDR("10.0.0.3"))));
  add(up(B, 2, IPCP, cp(2, 1, ADDR("10.0.0.1"))));
  const u2 = udp("10.0.0.3", "1.1.1.1", "from B");
  add(up(B, 2, IP, u2), undefined, u2);
  // B terminates: Terminate-Ack, PADT, session gone; its frames are then unknown.
  add(up(B, 2, LCP, cp(5, 9, enc("bye"))), [down(B, 2, LCP, cp(6, 9, enc("bye"))), disc(B, SERVER, PADT, 2)]);
  add(up(B, 2, IP, u2));

  // Core side (IN2, raw IP), after all of IN: to A encapsulated; B gone, others unknown.
  const d1 = udp("8.8.8.8", "10.0.0.2", "reply to A");
  const d6 = udp("8.8.8.8", "10.0.0.2", "padded");
  const big = pkt.ipv4({ src: "8.8.8.8", dst: "10.0.0.2" }).udp().payload(new Uint8Array(1493 - 28)).build();
  const core = [d1, udp("1.1.1.1", "10.0.0.3", "to B"), udp("1.1.1.1", "10.0.0.4", "nobody"), udp("1.1.1.1", "192.168.1.1", "outside"), b(0x45, 0, 0, 20, 0, 0), cat(d6, b(0, 0, 0, 0)), big];
  const coreOut = [down(A, 1, IP, d1), down(A, 1, IP, d6)];
  writeGolden({
    dir, name: "PPPoEServer-01", outputs: { OUT: LINK_ETHER, CORE: LINK_RAW }, cases,
    handlers: {
      "bras.nsessions": "1",
      "bras.sessions": "1 02-00-00-00-00-0A 10.0.0.2 open\n",
      "bras.malformed": "5",        // 4 subscriber frames + 1 core packet
      "bras.unknown_session": "3",
      "bras.no_session": "3",
      "bras.spoofed": "1",
      "bras.ignored": "5",          // other service, early IP, IPv4 frame, foreign PADR, oversized core packet
    },
  });
  // The core capture, and the downstream frames appended to OUT (they come after IN's).
  const ts = (i: number) => 1_800_000_000_000_000_000n + BigInt(i) * 1_000_000n;
  writeFileSync(join(fixturesOut(dir), "PPPoEServer-01.IN2.pcap"), writePcap(core.map((data, i) => ({ data, timestampNs: ts(i) })), { linkType: LINK_RAW, snaplen: 65535 }));
  const outFrames = cases.flatMap((c) => { const o = c.out?.OUT; return o ? (Array.isArray(o) ? o : [o]) : []; });
  writeFileSync(join(fixturesOut(dir), "PPPoEServer-01.OUT.pcap"), writePcap([...outFrames, ...coreOut].map((data, i) => ({ data, timestampNs: ts(i) })), { linkType: LINK_ETHER, snaplen: 65535 }));
}

// ---------------------------------------------------------------- PPPoEServer-02
// AUTH pap with two users, SERVICE internet, MAX_SESSIONS 2, POOL 10.1.0.0/24,
// LOCAL 10.1.0.1, default MAGIC 0x434c4b00.
{
  const inet = tag(SVC, enc("internet"));
  const lcpReq = (sid: number, id = 1) => cp(1, id, cat(MRU(1492), AUTH_PAP, MAGIC(0x434c4b00 + sid)));
  const papReq = (id: number, user: string, pw: string) => cat(b(1, id), u16(6 + user.length + pw.length), b(user.length), enc(user), b(pw.length), enc(pw));
  const cases: { in: Uint8Array; out?: Record<string, Uint8Array | Uint8Array[]> }[] = [];
  const add = (input: Uint8Array, out?: Uint8Array | Uint8Array[]) => cases.push({ in: input, out: out ? { OUT: out } : {} });
  // A: session 1, LCP open, then PAP; IPCP before authentication is ignored.
  add(disc(SERVER, A, PADR, 0, inet), [disc(A, SERVER, PADS, 1, inet), down(A, 1, LCP, lcpReq(1))]);
  add(up(A, 1, LCP, cp(1, 1, MAGIC(0x11111111))), down(A, 1, LCP, cp(2, 1, MAGIC(0x11111111))));
  add(up(A, 1, LCP, cp(2, 1, cat(MRU(1492), AUTH_PAP, MAGIC(0x434c4b01)))));
  add(up(A, 1, IPCP, cp(1, 1, ADDR("0.0.0.0"))));                                  // before PAP: ignored
  add(up(A, 1, PAP, cat(b(1, 1), u16(8), b(200), enc("xyz"))));                    // peer-id overruns: malformed
  add(up(A, 1, PAP, papReq(2, "alice", "secret")), [down(A, 1, PAP, cat(b(2, 2), u16(5), b(0))), down(A, 1, IPCP, cp(1, 1, ADDR("10.1.0.1")))]);
  add(up(A, 1, PAP, papReq(3, "alice", "secret")), down(A, 1, PAP, cat(b(2, 3), u16(5), b(0))));  // retransmission
  add(up(A, 1, IPCP, cp(1, 2, ADDR("0.0.0.0"))), down(A, 1, IPCP, cp(3, 2, ADDR("10.1.0.2"))));
  // B: wrong password: Authenticate-Nak, Terminate-Request, PADT.
  add(disc(SERVER, B, PADR, 0, inet), [disc(B, SERVER, PADS, 2, inet), down(B, 2, LCP, lcpReq(2))]);
  add(up(B, 2, LCP, cp(1, 7, new Uint8Array(0))), down(B, 2, LCP, cp(2, 7)));
  add(up(B, 2, LCP, cp(2, 1, cat(MRU(1492), AUTH_PAP, MAGIC(0x434c4b02)))));
  add(up(B, 2, PAP, papReq(1, "bob", "wrong")), [down(B, 2, PAP, cat(b(3, 1), u16(5), b(0))), down(B, 2, LCP, cp(5, 2)), disc(B, SERVER, PADT, 2)]);
  // C reuses session 2 and rejects PAP: Terminate-Request, PADT.
  add(disc(SERVER, C, PADR, 0, inet), [disc(C, SERVER, PADS, 2, inet), down(C, 2, LCP, lcpReq(2))]);
  add(up(C, 2, LCP, cp(4, 1, AUTH_PAP)), [down(C, 2, LCP, cp(5, 2)), disc(C, SERVER, PADT, 2)]);
  // D takes session 2; E finds the table full; a PADR for another service is refused.
  add(disc(SERVER, D, PADR, 0, inet), [disc(D, SERVER, PADS, 2, inet), down(D, 2, LCP, lcpReq(2))]);
  add(disc(SERVER, E, PADR, 0, inet, tag(HU, b(7))), disc(E, SERVER, PADS, 0, inet, tag(HU, b(7)), tag(SYS_ERR, new Uint8Array(0))));
  add(disc(SERVER, E, PADR, 0, tag(SVC, enc("voip"))), disc(E, SERVER, PADS, 0, tag(SVC, enc("voip")), tag(SVC_ERR, new Uint8Array(0))));
  // PADI with no Service-Name tag: malformed. A PADT from the wrong MAC: unknown.
  add(disc(BCAST, E, PADI, 0, tag(HU, b(1))));
  add(disc(SERVER, E, PADT, 1));
  // A leaves with a PADT.
  add(disc(SERVER, A, PADT, 1));
  writeGolden({
    dir, name: "PPPoEServer-02", outputs: { OUT: LINK_ETHER }, cases,
    handlers: {
      "bras.nsessions": "1",
      "bras.sessions": "2 02-00-00-00-00-0D 10.1.0.3 lcp\n",
      "bras.malformed": "2",
      "bras.unknown_session": "1",
      "bras.ignored": "1",
    },
  });
}
console.log("wrote PPPoEServer-01, PPPoEServer-02");
