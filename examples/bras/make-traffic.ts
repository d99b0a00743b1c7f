// Writes the BRAS example's captures: one subscriber's whole PPPoE session —
// discovery (PADI/PADO, PADR/PADS), LCP (both Configure-Requests acked), IPCP
// (the peer asks for 0.0.0.0 and DNS, is Nak'd with 10.0.0.2 and 10.0.0.53, asks
// again, is acked), IP up, an LCP echo — plus frames the server must refuse.
// Then core traffic back to the subscriber. Every reply is built here from RFC
// 2516 / 1661 / 1332 and PPPoEServer's documented choices (session 1 gets the
// pool's first address after LOCAL; our magic is MAGIC + session id; identifiers
// count from 1), never by running the element.
// Each device's capture is one batch in the Node host: the subscriber's frames
// are all handled before the core's.
// Run: npx tsx --conditions=source examples/bras/make-traffic.ts
import { pkt } from "@clickos/sdk/testing";
import { writeExample, macBytes } from "../lib/captures.ts";

const AC = "02:00:00:00:00:01", SUB = "02:00:00:00:aa:01", BCAST = "ff:ff:ff:ff:ff:ff";
const coreBras = "02:00:00:00:01:01", coreRouter = "02:00:00:00:01:fe";
const SID = 1, PEER_ADDR = [10, 0, 0, 2], LOCAL = [10, 0, 0, 1], DNS = [10, 0, 0, 53];
const OUR_MAGIC = 0x434c4b00 + SID, PEER_MAGIC = 0x12345678;

const u16 = (v: number) => [v >> 8, v & 0xff];
const u32 = (v: number) => [...u16(Math.floor(v / 0x10000) & 0xffff), ...u16(v & 0xffff)];
const bytes = (s: string) => [...new TextEncoder().encode(s)];
const tag = (type: number, value: number[]) => [...u16(type), ...u16(value.length), ...value];

function pppoe(dst: string, src: string, ethertype: number, code: number, sid: number, payload: number[]): Uint8Array {
  return Uint8Array.from([...macBytes(dst), ...macBytes(src), ...u16(ethertype), 0x11, code, ...u16(sid), ...u16(payload.length), ...payload]);
}
const disc = (dst: string, src: string, code: number, sid: number, tags: number[]) => pppoe(dst, src, 0x8863, code, sid, tags);
/** A PPP packet in session SID; `cp` is [code, id, ...data] of a control protocol, or raw bytes for IP. */
const sess = (toSub: boolean, proto: number, body: number[]) =>
  pppoe(toSub ? SUB : AC, toSub ? AC : SUB, 0x8864, 0, SID, [...u16(proto), ...body]);
const cp = (code: number, id: number, data: number[]) => [code, id, ...u16(4 + data.length), ...data];
const LCP = 0xc021, IPCP = 0x8021, IP = 0x0021;
const mru = (v: number) => [1, 4, ...u16(v)], magic = (v: number) => [5, 6, ...u32(v)];
const addr = (type: number, a: number[]) => [type, 6, ...a];

const hostUniq = tag(0x0103, [0xde, 0xad, 0xbe, 0xef]);
const anyService = tag(0x0101, []);
const ipUp = pkt.ipv4({ src: "10.0.0.2", dst: "198.51.100.10", id: 1 }).udp({ sport: 33000, dport: 53 }).payload("example.org A?").build();
const ipDown = pkt.ipv4({ src: "198.51.100.10", dst: "10.0.0.2", id: 2 }).udp({ sport: 53, dport: 33000 }).payload("example.org A 93.184.215.14").build();
const spoofed = pkt.ipv4({ src: "10.0.0.99", dst: "198.51.100.10", id: 4 }).udp({ sport: 1, dport: 2 }).payload("spoofed").build();

// [subscriber frame, the server's replies on netfront0 in order]
const conversation: [Uint8Array, Uint8Array[]][] = [
  [disc(BCAST, SUB, 0x09, 0, [...anyService, ...hostUniq]),                                     // PADI
    [disc(SUB, AC, 0x07, 0, [...anyService, ...tag(0x0102, bytes("clickos-bras")), ...hostUniq])]], // PADO
  [disc(AC, SUB, 0x19, 0, [...anyService, ...hostUniq]),                                       // PADR
    [disc(SUB, AC, 0x65, SID, [...anyService, ...hostUniq]),                                    // PADS
      sess(true, LCP, cp(1, 1, [...mru(1492), ...magic(OUR_MAGIC)]))]],                         // our LCP Configure-Request
  [sess(false, LCP, cp(1, 1, [...mru(1492), ...magic(PEER_MAGIC)])),                           // peer's Configure-Request
    [sess(true, LCP, cp(2, 1, [...mru(1492), ...magic(PEER_MAGIC)]))]],                         // Configure-Ack
  [sess(false, LCP, cp(2, 1, [...mru(1492), ...magic(OUR_MAGIC)])),                            // peer acks ours: LCP open
    [sess(true, IPCP, cp(1, 1, addr(3, LOCAL)))]],                                              // our IPCP Configure-Request
  [sess(false, IPCP, cp(1, 1, [...addr(3, [0, 0, 0, 0]), ...addr(129, [0, 0, 0, 0])])),          // peer asks for an address and DNS
    [sess(true, IPCP, cp(3, 1, [...addr(3, PEER_ADDR), ...addr(129, DNS)]))]],                   // Configure-Nak with them
  [sess(false, IPCP, cp(1, 2, [...addr(3, PEER_ADDR), ...addr(129, DNS)])),
    [sess(true, IPCP, cp(2, 2, [...addr(3, PEER_ADDR), ...addr(129, DNS)]))]],                   // Configure-Ack
  [sess(false, IPCP, cp(2, 1, addr(3, LOCAL))), []],                                            // peer acks ours: IPCP open
  [sess(false, IP, [...ipUp]), []],                                                              // IP up (to the core)
  [sess(false, IP, [...spoofed]), []],                                                           // wrong source: dropped
  [sess(false, LCP, cp(9, 7, [...u32(PEER_MAGIC), ...bytes("alive?")])),                         // Echo-Request
    [sess(true, LCP, cp(10, 7, [...u32(OUR_MAGIC), ...bytes("alive?")]))]],                       // Echo-Reply
  [pppoe(AC, SUB, 0x8864, 0, 7, [...u16(IP), ...ipUp]), []],                                     // unknown session 7
  [pkt.ether({ src: SUB, dst: AC }).ipv4({ src: "10.0.0.2", dst: "198.51.100.10" }).udp().build(), []], // plain IP: not PPPoE
];
const core = [
  pkt.ether({ src: coreRouter, dst: coreBras }).ipv4({ src: "198.51.100.10", dst: "10.0.0.2", id: 2 }).udp({ sport: 53, dport: 33000 }).payload("example.org A 93.184.215.14").build(),
  pkt.ether({ src: coreRouter, dst: coreBras }).ipv4({ src: "198.51.100.10", dst: "10.0.0.77", id: 3 }).udp({ sport: 53, dport: 33000 }).payload("no session").build(),
  pkt.ether({ src: coreRouter, dst: coreBras }).arp({ senderMac: coreRouter, senderIp: "10.255.0.1", targetIp: "10.255.0.2" }).build(),
];

writeExample(new URL(".", import.meta.url), {
  inputs: { "netfront0.pcap": conversation.map((c) => c[0]), "netfront1.pcap": core },
  expected: {
    "netfront0.out.pcap": [...conversation.flatMap((c) => c[1]), sess(true, IP, [...ipDown])],
    "netfront1.out.pcap": [pkt.ether({ src: coreBras, dst: coreRouter }).ipv4({ src: "10.0.0.2", dst: "198.51.100.10", id: 1 }).udp({ sport: 33000, dport: 53 }).payload("example.org A?").build()],
  },
});
