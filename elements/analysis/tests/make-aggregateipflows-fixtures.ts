// Fixtures for AggregateIPFlows-01..02. Run: npx tsx --conditions=source <this file>
// Packets leave unchanged (flow packets on output 0, the rest on output 1); the
// flow numbering shows in the 'flows' handler (numbers, directions and counters),
// and the annotations themselves are checked by aggregateipflows.test.ts.
import { pkt } from "@clickos/sdk/testing";
import { writeCase, at, type Frame } from "../../tcpudp/tests/nat-fixtures.ts";

const dir = import.meta.dirname;
const tcp = (s: string, sp: number, d: string, dp: number, flags: string, payload?: string) => {
  let b = pkt.ether().ipv4({ src: s, dst: d }).tcp({ sport: sp, dport: dp, flags });
  if (payload) b = b.payload(payload);
  return b.build();
};
const udp = (s: string, sp: number, d: string, dp: number, payload = "data") =>
  pkt.ether().ipv4({ src: s, dst: d }).udp({ sport: sp, dport: dp }).payload(payload).build();
const ipLen = (f: Uint8Array) => f.length - 14;
const click = (comment: string, config: string) => `
// ${comment}
FromDump($IN) -> Strip(14) -> af :: AggregateIPFlows(${config});
af[0] -> Unstrip(14) -> ToDump($OUT);
af[1] -> Unstrip(14) -> ToDump($OUT1);
`;

// ---- 01: numbering, directions, TCP completion, timeouts, non-flow packets ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const flow = (t: number, f: Uint8Array) => { IN.push(at(t, f)); OUT.push(at(t, f)); return f; };
  const other = (t: number, f: Uint8Array) => { IN.push(at(t, f)); OUT1.push(at(t, f)); };
  const A = "10.0.0.1", B = "10.0.0.2", C = "10.0.0.3", D = "10.0.0.4";
  flow(1, tcp(A, 1000, B, 80, "S"));                 // flow 1, paint 0
  flow(2, tcp(B, 80, A, 1000, "SA"));                // flow 1, paint 1
  flow(3, udp(C, 53, D, 5353));                      // flow 2
  flow(4, tcp(A, 1000, B, 80, "PA", "hello"));
  flow(5, tcp(A, 1000, B, 80, "FA"));
  flow(6, tcp(B, 80, A, 1000, "FA"));                // completed both ways
  const syn = flow(7, tcp(A, 1000, B, 80, "S"));     // a SYN after completion: flow 3
  other(8, pkt.ether().ipv4({ src: A, dst: B }).icmp({ id: 1, seq: 1 }).build());
  other(9, pkt.ether().ipv4({ src: A, dst: B, proto: 17, fragOffset: 16 }).payload("later fragment").build());
  other(10, udp(C, 53, D, 5353).slice(0, 14 + 20 + 2)); // no room for the ports
  other(11, udp(C, 53, D, 5353).slice(0, 14 + 8));       // no IPv4 header
  other(12, udp("0.0.0.0", 68, "0.0.0.0", 67));          // both addresses 0
  const u1 = flow(25, udp(C, 53, D, 5353, "again"));     // 22 s idle > UDP_TIMEOUT: flow 4
  const u2 = flow(26, udp(D, 5353, C, 53, "reply!"));    // its reply
  writeCase({
    dir, name: "AggregateIPFlows-01", files: { IN, OUT, OUT1 },
    click: click("Bidirectional TCP/UDP flows; a SYN after FIN both ways and a timed-out UDP flow get new numbers.",
      "TCP_DONE_TIMEOUT 5, UDP_TIMEOUT 10"),
    handlers: {
      "af.count": "4",
      "af.nflows": "2",
      "af.failures": "0",
      "af.flows": [
        `3 tcp 10.0.0.1:1000 > 10.0.0.2:80 packets 1 0 bytes ${ipLen(syn)} 0`,
        `4 udp 10.0.0.3:53 > 10.0.0.4:5353 packets 1 1 bytes ${ipLen(u1)} ${ipLen(u2)}`,
      ].join("\n"),
    },
  });
}

// ---- 02: a full table, and REAP freeing room ----
{
  const IN: Frame[] = [], OUT: Frame[] = [], OUT1: Frame[] = [];
  const f1 = udp("10.0.1.1", 1, "10.0.2.1", 9), f2 = udp("10.0.1.2", 2, "10.0.2.1", 9), f3 = udp("10.0.1.3", 3, "10.0.2.1", 9);
  IN.push(at(1, f1)); OUT.push(at(1, f1));   // flow 1
  IN.push(at(2, f2)); OUT.push(at(2, f2));   // flow 2
  IN.push(at(3, f3)); OUT1.push(at(3, f3));  // CAPACITY 2: not tracked
  IN.push(at(4, f1)); OUT.push(at(4, f1));
  IN.push(at(20, f3)); OUT.push(at(20, f3)); // flows 1 and 2 idle past UDP_TIMEOUT: removed, flow 3
  const r2 = udp("10.0.2.1", 9, "10.0.1.2", 2);
  IN.push(at(21, r2)); OUT.push(at(21, r2)); // flow 4, first seen from the reply side
  writeCase({
    dir, name: "AggregateIPFlows-02", files: { IN, OUT, OUT1 },
    click: click("CAPACITY 2: a third flow is counted as a failure until idle flows are removed.",
      "CAPACITY 2, UDP_TIMEOUT 10, REAP 5"),
    handlers: {
      "af.count": "4",
      "af.nflows": "2",
      "af.failures": "1",
      "af.flows": [
        `3 udp 10.0.1.3:3 > 10.0.2.1:9 packets 1 0 bytes ${ipLen(f3)} 0`,
        `4 udp 10.0.2.1:9 > 10.0.1.2:2 packets 1 0 bytes ${ipLen(r2)} 0`,
      ].join("\n"),
    },
  });
}
