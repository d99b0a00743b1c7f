// Fixtures for IPRewriter-01..04. Run: npx tsx --conditions=source <this file>
// Expected frames are built with the rewritten addresses and ports; the packet
// builder computes every checksum from scratch, so they check the element's
// incremental (RFC 1624) updates. Handler texts are written out by hand from
// Click's mapping format.
import { pkt } from "@clickos/sdk/testing";
import { writeCase, at, l4Checksum, type Frame } from "./nat-fixtures.ts";

const dir = import.meta.dirname;
const PAY = "payload!";
const udp = (s: string, sp: number, d: string, dp: number, o: { checksum?: number; options?: number[] } = {}) =>
  pkt.ether().ipv4({ src: s, dst: d, options: o.options }).udp({ sport: sp, dport: dp, checksum: o.checksum }).payload(PAY).build();
type TcpOpts = { flags?: string; payload?: string; ipOptions?: number[]; tcpOptions?: number[]; ipFlags?: string; checksum?: number };
const tcp = (s: string, sp: number, d: string, dp: number, o: TcpOpts = {}) => {
  let b = pkt.ether().ipv4({ src: s, dst: d, options: o.ipOptions, flags: o.ipFlags })
    .tcp({ sport: sp, dport: dp, flags: o.flags ?? "A", seq: 1000, ack: 2000, options: o.tcpOptions, checksum: o.checksum });
  if (o.payload) b = b.payload(o.payload);
  return b.build();
};
const click = (comment: string, config: string) => `
// ${comment}
FromDump($IN) -> Strip(14) -> rw :: IPRewriter(${config});
rw[0] -> Unstrip(14) -> ToDump($OUT);
rw[1] -> Unstrip(14) -> ToDump($OUT1);
`;

// ---- 01: UDP NAPT with a two-port sequential range ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const A = udp("10.0.0.1", 1111, "203.0.113.5", 53), A2 = udp("198.51.100.1", 5000, "203.0.113.5", 53);
  IN.push(at(1, A)); OUT.push(at(1, A2));
  IN.push(at(2, udp("10.0.0.2", 2222, "203.0.113.5", 53))); OUT.push(at(2, udp("198.51.100.1", 5001, "203.0.113.5", 53)));
  IN.push(at(3, udp("203.0.113.5", 53, "198.51.100.1", 5000))); OUT1.push(at(3, udp("203.0.113.5", 53, "10.0.0.1", 1111)));
  IN.push(at(4, A)); OUT.push(at(4, A2));
  IN.push(at(5, udp("10.0.0.3", 3333, "203.0.113.5", 53)));           // both ports taken towards .5: dropped
  IN.push(at(6, udp("10.0.0.3", 3333, "203.0.113.6", 53)));           // another destination: 5000 is free again
  OUT.push(at(6, udp("198.51.100.1", 5000, "203.0.113.6", 53)));
  IN.push(at(7, udp("10.0.0.1", 1111, "203.0.113.5", 53, { checksum: 0 })));  // no UDP checksum stays none
  OUT.push(at(7, udp("198.51.100.1", 5000, "203.0.113.5", 53, { checksum: 0 })));
  IN.push(at(8, pkt.ether().ipv4({ src: "10.0.0.1", dst: "203.0.113.5" }).icmp({ id: 9, seq: 1 }).build())); // not TCP/UDP
  IN.push(at(9, A.slice(0, 24)));                                       // 10 bytes of IP: malformed
  IN.push(at(10, pkt.ether().ipv4({ src: "10.0.0.1", dst: "203.0.113.5", proto: 17, fragOffset: 8 }).payload("fragment").build()));
  IN.push(at(11, A.slice(0, 14 + 20 + 4)));                            // 4 transport bytes: not a flow
  IN.push(at(12, udp("10.0.0.2", 2222, "203.0.113.5", 53, { options: [1, 1, 1, 1] })));
  OUT.push(at(12, udp("198.51.100.1", 5001, "203.0.113.5", 53, { options: [1, 1, 1, 1] })));
  writeCase({
    dir, name: "IPRewriter-01", files: { IN, OUT, OUT1 },
    click: click("UDP NAPT: sequential ports 5000-5001, replies, a full range, no-checksum, non-flows and malformed packets.",
      "pattern 198.51.100.1 5000-5001# - - 0 1, UDP_TIMEOUT 60"),
    handlers: {
      "rw.table_size": "3",
      "rw.mapping_failures": "1",
      "rw.malformed": "1",
      "rw.patterns": "198.51.100.1 5000-5001 - - [3]",
      "rw.tcp_table": "",
      "rw.udp_table": [
        "(10.0.0.1, 1111, 203.0.113.5, 53) => (198.51.100.1, 5000, 203.0.113.5, 53) [*0 1] i0 exp55",
        "(203.0.113.5, 53, 198.51.100.1, 5000) => (203.0.113.5, 53, 10.0.0.1, 1111) [0 *1] i0 exp55",
        "(10.0.0.2, 2222, 203.0.113.5, 53) => (198.51.100.1, 5001, 203.0.113.5, 53) [*0 1] i0 exp60",
        "(203.0.113.5, 53, 198.51.100.1, 5001) => (203.0.113.5, 53, 10.0.0.2, 2222) [0 *1] i0 exp60",
        "(10.0.0.3, 3333, 203.0.113.6, 53) => (198.51.100.1, 5000, 203.0.113.6, 53) [*0 1] i0 exp54",
        "(203.0.113.6, 53, 198.51.100.1, 5000) => (203.0.113.6, 53, 10.0.0.3, 3333) [0 *1] i0 exp54",
      ].join("\n"),
    },
  });
}

// ---- 02: TCP source and destination NAT, options, truncation, fragments, TCP state ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const C = "10.0.0.1", S = "192.0.2.10", P = "198.51.100.1", B = "203.0.113.80";
  const mss = [2, 4, 5, 0xb4];
  IN.push(at(1, tcp(C, 6005, S, 80, { flags: "S", tcpOptions: mss })));
  OUT.push(at(1, tcp(P, 6005, B, 8080, { flags: "S", tcpOptions: mss })));
  IN.push(at(2, tcp(B, 8080, P, 6005, { flags: "SA", tcpOptions: mss })));
  OUT1.push(at(2, tcp(S, 80, C, 6005, { flags: "SA", tcpOptions: mss })));
  IN.push(at(3, tcp(C, 6005, S, 80, { flags: "PA", payload: "GET / HTTP/1.0\r\n\r\n" })));
  OUT.push(at(3, tcp(P, 6005, B, 8080, { flags: "PA", payload: "GET / HTTP/1.0\r\n\r\n" })));
  IN.push(at(4, tcp("10.0.0.2", 6006, S, 80, { flags: "S" })));
  OUT.push(at(4, tcp(P, 6006, B, 8080, { flags: "S" })));
  const opt = [0x94, 4, 0, 0]; // router alert: a 24-byte IP header
  IN.push(at(5, tcp(C, 6005, S, 80, { payload: "more", ipOptions: opt })));
  OUT.push(at(5, tcp(P, 6005, B, 8080, { payload: "more", ipOptions: opt })));
  // 12 transport bytes: addresses (and the IP checksum) change; ports and the TCP
  // checksum need 18 bytes, so they stay (Click's rule)
  const full = tcp(C, 6005, S, 80, { payload: "cut" });
  IN.push(at(6, full.slice(0, 14 + 20 + 12)));
  OUT.push(at(6, tcp(P, 6005, B, 8080, { payload: "cut", checksum: l4Checksum(full, "tcp") }).slice(0, 14 + 20 + 12)));
  // ports restored for the comparison above: the frame keeps 6005 -> 80
  {
    const f = OUT[OUT.length - 1].data;
    f[34] = 6005 >> 8; f[35] = 6005 & 0xff; f[36] = 0; f[37] = 80;
  }
  IN.push(at(7, tcp(C, 6005, S, 80, { payload: "frag", ipFlags: "MF" })));  // a first fragment is rewritten
  OUT.push(at(7, tcp(P, 6005, B, 8080, { payload: "frag", ipFlags: "MF" })));
  IN.push(at(8, udp(C, 6005, S, 80)));                                      // UDP has its own table
  OUT.push(at(8, udp(P, 6005, B, 8080)));
  IN.push(at(9, tcp(B, 8080, P, 6006, { flags: "R" })));
  OUT1.push(at(9, tcp(S, 80, "10.0.0.2", 6006, { flags: "R" })));
  writeCase({
    dir, name: "IPRewriter-02", files: { IN, OUT, OUT1 },
    click: click("TCP SNAT+DNAT with the packet's own source port kept; options, truncation, first fragment, RST.",
      "pattern 198.51.100.1 6000-6010 203.0.113.80 8080 0 1"),
    handlers: {
      "rw.table_size": "3",
      "rw.mapping_failures": "0",
      "rw.tcp_table": [
        "(10.0.0.1, 6005, 192.0.2.10, 80) => (198.51.100.1, 6005, 203.0.113.80, 8080) [*0 1] i0 exp298",
        "(203.0.113.80, 8080, 198.51.100.1, 6005) => (192.0.2.10, 80, 10.0.0.1, 6005) [0 *1] i0 exp298",
        "(10.0.0.2, 6006, 192.0.2.10, 80) => (198.51.100.1, 6006, 203.0.113.80, 8080) [*0 1] i0 exp240",
        "(203.0.113.80, 8080, 198.51.100.1, 6006) => (192.0.2.10, 80, 10.0.0.2, 6006) [0 *1] i0 exp240",
      ].join("\n"),
      "rw.udp_table": [
        "(10.0.0.1, 6005, 192.0.2.10, 80) => (198.51.100.1, 6005, 203.0.113.80, 8080) [*0 1] i0 exp299",
        "(203.0.113.80, 8080, 198.51.100.1, 6005) => (192.0.2.10, 80, 10.0.0.1, 6005) [0 *1] i0 exp299",
      ].join("\n"),
      "rw.mappings": [
        "tcp (10.0.0.1, 6005, 192.0.2.10, 80) => (198.51.100.1, 6005, 203.0.113.80, 8080) [*0 1] i0 exp298",
        "tcp (10.0.0.2, 6006, 192.0.2.10, 80) => (198.51.100.1, 6006, 203.0.113.80, 8080) [*0 1] i0 exp240",
        "udp (10.0.0.1, 6005, 192.0.2.10, 80) => (198.51.100.1, 6005, 203.0.113.80, 8080) [*0 1] i0 exp299",
      ].join("\n"),
    },
  });
}

// ---- 03: keep, with TCP done and no-data timeouts driven by packet timestamps ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const A = "10.0.0.1", B = "10.0.0.9", C = "10.0.0.3";
  const fwd = (t: number, f: Uint8Array) => { IN.push(at(t, f)); OUT.push(at(t, f)); };
  const rev = (t: number, f: Uint8Array) => { IN.push(at(t, f)); OUT1.push(at(t, f)); };
  fwd(1, tcp(A, 1000, B, 80, { flags: "S" }));
  rev(2, tcp(B, 80, A, 1000, { flags: "SA" }));
  fwd(3, tcp(A, 1000, B, 80, { flags: "FA" }));
  rev(4, tcp(B, 80, A, 1000, { flags: "FA" }));   // FIN both ways: TCP_DONE_TIMEOUT (2 s) from now
  fwd(5, tcp(A, 1000, B, 80, { flags: "A" }));    // still mapped; expires at 7
  fwd(7.5, tcp(B, 80, A, 1000, { flags: "A" }));  // mapping gone: a new flow, so output 0
  fwd(8, tcp(C, 3000, B, 80, { flags: "S" }));    // no data: TCP_NODATA_TIMEOUT (10 s)
  fwd(19, tcp(B, 80, C, 3000, { flags: "SA" }));  // 11 s later: gone, a new flow
  fwd(19.5, tcp(B, 80, C, 3000, { flags: "A" }));
  writeCase({
    dir, name: "IPRewriter-03", files: { IN, OUT, OUT1 },
    click: click("keep: unchanged flows; replies on output 1 until the mapping times out (packet time).",
      "keep 0 1, TCP_DONE_TIMEOUT 2, TCP_NODATA_TIMEOUT 10"),
    handlers: {
      "rw.table_size": "1",
      "rw.patterns": "<keep> [1]",
      "rw.tcp_table": [
        "(10.0.0.9, 80, 10.0.0.3, 3000) => (10.0.0.9, 80, 10.0.0.3, 3000) [*0 1] i0 exp10",
        "(10.0.0.3, 3000, 10.0.0.9, 80) => (10.0.0.3, 3000, 10.0.0.9, 80) [0 *1] i0 exp10",
      ].join("\n"),
    },
  });
}

// ---- 04: a full table drops new flows until mappings expire ----
{
  const IN: Frame[] = [], OUT: Frame[] = [];
  const D = "203.0.113.5", P = "198.51.100.1";
  IN.push(at(1, udp("10.0.0.1", 1, D, 53))); OUT.push(at(1, udp(P, 7000, D, 53)));
  IN.push(at(2, udp("10.0.0.2", 2, D, 53))); OUT.push(at(2, udp(P, 7001, D, 53)));
  IN.push(at(3, udp("10.0.0.3", 3, D, 53)));          // full: dropped
  IN.push(at(4, udp("10.0.0.3", 3, D, 53)));          // still full
  IN.push(at(6.5, udp("10.0.0.3", 3, D, 53))); OUT.push(at(6.5, udp(P, 7002, D, 53))); // the first expired at 6
  IN.push(at(6.6, udp(D, 53, P, 7000)));              // reply to the expired flow: a new flow, table full
  IN.push(at(6.7, udp("10.0.0.2", 2, D, 53))); OUT.push(at(6.7, udp(P, 7001, D, 53)));
  writeCase({
    dir, name: "IPRewriter-04", files: { IN, OUT, OUT1: [] },
    click: click("CAPACITY 2: new flows are dropped and counted while the table is full.",
      "pattern 198.51.100.1 7000-7999# - - 0 1, CAPACITY 2, UDP_TIMEOUT 5"),
    handlers: {
      "rw.table_size": "2",
      "rw.capacity": "2",
      "rw.mapping_failures": "3",
      "rw.udp_table": [
        "(10.0.0.3, 3, 203.0.113.5, 53) => (198.51.100.1, 7002, 203.0.113.5, 53) [*0 1] i0 exp5",
        "(203.0.113.5, 53, 198.51.100.1, 7002) => (203.0.113.5, 53, 10.0.0.3, 3) [0 *1] i0 exp5",
        "(10.0.0.2, 2, 203.0.113.5, 53) => (198.51.100.1, 7001, 203.0.113.5, 53) [*0 1] i0 exp5",
        "(203.0.113.5, 53, 198.51.100.1, 7001) => (203.0.113.5, 53, 10.0.0.2, 2) [0 *1] i0 exp5",
      ].join("\n"),
    },
  });
}
