// Fixtures for GetIPAddress-01..02. Run: npx tsx --conditions=source <this file>
// StaticIPLookup routes on the destination annotation GetIPAddress set, with no
// CheckIPHeader before it (which would set the annotation itself).
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_RAW } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const ip = (src: string, dst: string) => pkt.ipv4({ src, dst, id: 7 }).udp({ sport: 1, dport: 2 }).payload("x").build();
const frame = (src: string, dst: string) => pkt.ether().ipv4({ src, dst, id: 7 }).udp({ sport: 1, dport: 2 }).payload("x").build();
const short = frame("192.0.2.1", "10.0.0.9").slice(0, 14 + 18); // the destination address cut off

writeGolden({
  dir, name: "GetIPAddress-01", outputs: { OUT0: LINK_RAW, OUT1: LINK_RAW },
  cases: [
    { in: frame("192.0.2.1", "10.1.2.3"), out: { OUT0: ip("192.0.2.1", "10.1.2.3") } },
    { in: frame("10.0.0.1", "8.8.8.8"), out: { OUT1: ip("10.0.0.1", "8.8.8.8") } },
    { in: short, out: { OUT1: short.slice(14) } }, // annotation left 0: the default route
  ],
  handlers: { "g.short": "1" },
});

writeGolden({
  dir, name: "GetIPAddress-02", outputs: { OUT0: LINK_RAW, OUT1: LINK_RAW },
  cases: [
    { in: frame("10.1.2.3", "192.0.2.1"), out: { OUT0: ip("10.1.2.3", "192.0.2.1") } },
    { in: frame("192.0.2.1", "10.1.2.3"), out: { OUT1: ip("192.0.2.1", "10.1.2.3") } },
  ],
  handlers: { "g.short": "0" },
});
