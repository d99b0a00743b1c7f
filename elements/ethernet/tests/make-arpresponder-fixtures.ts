// Fixtures for ARPResponder-01..02. Run: npx tsx --conditions=source <this file>
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, pad, patch } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const HOST = "00:50:56:00:00:07";
const request = (targetIp: string, senderIp = "10.0.0.50", senderMac = HOST) =>
  pkt.ether({ src: senderMac }).arp({ op: "request", senderMac, senderIp, targetIp }).build();
// What Click's make_response builds: 42 bytes, addressed to the asker.
const reply = (ena: string, targetIp: string, senderIp = "10.0.0.50", senderMac = HOST) =>
  pkt.ether({ dst: senderMac, src: ena }).arp({ op: "reply", senderMac: ena, senderIp: targetIp, targetMac: senderMac, targetIp: senderIp }).build();

const ME = "00:00:c0:ae:67:ef", PROXY = "00:00:00:00:00:02";
const ipFrame = pkt.ether().ipv4({ dst: "10.0.0.1" }).udp().build();
writeGolden({
  dir, name: "ARPResponder-01", outputs: { OUT: LINK_ETHER, OTHER: LINK_ETHER },
  cases: [
    { in: request("10.0.0.1"), out: { OUT: reply(ME, "10.0.0.1") } },
    { in: request("10.0.1.77", "10.0.1.5", "00:50:56:00:00:08"), out: { OUT: reply(PROXY, "10.0.1.77", "10.0.1.5", "00:50:56:00:00:08") } },
    { in: request("10.0.2.1"), out: { OTHER: request("10.0.2.1") } },                       // unknown address
    { in: pad(request("10.0.0.1"), 60), out: { OUT: reply(ME, "10.0.0.1") } },             // padding cut off
    { in: reply(ME, "10.0.0.1"), out: { OTHER: reply(ME, "10.0.0.1") } },                  // not a request
    { in: ipFrame, out: { OTHER: ipFrame } },                                              // not ARP
    { in: request("10.0.0.1").slice(0, 41), out: { OTHER: request("10.0.0.1").slice(0, 41) } }, // truncated
    { in: patch(request("10.0.0.1"), { 15: 6 }), out: { OTHER: patch(request("10.0.0.1"), { 15: 6 }) } }, // hrd 6
    { in: patch(request("10.0.0.1"), { 16: 0x86, 17: 0xdd }), out: { OTHER: patch(request("10.0.0.1"), { 16: 0x86, 17: 0xdd }) } }, // pro IPv6
  ],
  handlers: { "ar.table": "10.0.0.1/32 00-00-C0-AE-67-EF\n10.0.1.0/24 00-00-00-00-00-02\n" },
});

// Overlapping prefixes: the most specific answers. One output: misses are dropped.
const E1 = "00:00:00:00:00:01", E2 = "00:00:00:00:00:02", E3 = "00:00:00:00:00:03";
writeGolden({
  dir, name: "ARPResponder-02", outputs: { OUT: LINK_ETHER },
  cases: [
    { in: request("10.1.2.3"), out: { OUT: reply(E3, "10.1.2.3") } },
    { in: request("10.1.9.9"), out: { OUT: reply(E2, "10.1.9.9") } },
    { in: request("10.200.0.1"), out: { OUT: reply(E1, "10.200.0.1") } },
    { in: request("11.0.0.1") },
    { in: request("10.1.2.4"), out: { OUT: reply(E2, "10.1.2.4") } },
  ],
  handlers: { "ar.table": "10.1.2.3/32 00-00-00-00-00-03\n10.1.0.0/16 00-00-00-00-00-02\n10.0.0.0/8 00-00-00-00-00-01\n" },
});
