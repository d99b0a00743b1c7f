// Fixtures for StaticIPLookup-01..02. Run: npx tsx --conditions=source <this file>
// The route each packet takes is stated per case from the longest matching prefix.
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_RAW } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const ip = (dst: string) => pkt.ipv4({ src: "192.0.2.1", dst, id: 5 }).udp({ sport: 1, dport: 2 }).payload(dst).build();
const frame = (dst: string) => pkt.ether().ipv4({ src: "192.0.2.1", dst, id: 5 }).udp({ sport: 1, dport: 2 }).payload(dst).build();
const to = (out: string, dst: string) => ({ in: frame(dst), out: { [out]: ip(dst) } });

writeGolden({
  dir, name: "StaticIPLookup-01", outputs: { OUT0: LINK_RAW, OUT1: LINK_RAW, OUT2: LINK_RAW, OUT3: LINK_RAW },
  cases: [
    to("OUT0", "10.1.2.3"),      // /32
    to("OUT1", "10.1.2.4"),      // /24
    to("OUT0", "10.1.3.1"),      // /16
    to("OUT1", "10.200.0.1"),    // /8
    to("OUT2", "8.8.8.8"),       // default, via 10.9.9.9: the annotation is now the gateway
    to("OUT1", "10.1.2.255"),    // /24
    to("OUT0", "10.1.255.255"),  // /16
    to("OUT2", "11.0.0.1"),      // default
  ],
  handlers: {
    "rt.no_route": "0",
    "rt.table": "0.0.0.0/0\t\t10.9.9.9\t2\n10.0.0.0/8\t\t-\t\t1\n10.1.0.0/16\t\t-\t\t0\n10.1.2.0/24\t\t-\t\t1\n10.1.2.3/32\t\t-\t\t0",
    "gw.no_route": "0",
  },
});

writeGolden({
  dir, name: "StaticIPLookup-02", outputs: { OUT0: LINK_RAW, OUT1: LINK_RAW },
  cases: [
    to("OUT0", "192.168.1.1"),
    { in: frame("8.8.8.8") },    // no route
    to("OUT1", "172.31.255.1"),
    to("OUT1", "192.168.7.7"),   // /24 beats /16
    { in: frame("172.32.0.1") }, // just outside 172.16.0.0/12
  ],
  handlers: { "rt.no_route": "2", "rt.table": "192.168.0.0/16\t\t-\t\t0\n172.16.0.0/12\t\t-\t\t1\n192.168.7.0/24\t\t-\t\t1" },
});
