// Fixtures for IPClassifier-01..02 and IPFilter-01..02.
// Run: npx tsx --conditions=source elements/ip/tests/make-ipfilter-fixtures.ts
// Each case states the frame and where it must go; the expected captures are the
// input frames (stripped where the config strips), decided by reading the patterns,
// never by running the elements.
import { pkt } from "@clickos/sdk/testing";
import { writeGolden, LINK_ETHER, LINK_RAW, patch, type Case } from "../../standard/tests/golden-fixtures.ts";

const dir = import.meta.dirname;
const eth = () => pkt.ether({ src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" });
const tcp = (src: string, dst: string, sport: number, dport: number, flags: string, ip: object = {}) =>
  eth().ipv4({ src, dst, ttl: 64, id: 1, ...ip }).tcp({ sport, dport, flags, window: 1000 });
const udp = (src: string, dst: string, sport: number, dport: number, ip: object = {}) =>
  eth().ipv4({ src, dst, ttl: 64, id: 1, ...ip }).udp({ sport, dport }).payload("abcd");
const icmp = (src: string, dst: string, type: number, code = 0) =>
  eth().ipv4({ src, dst, ttl: 64, id: 1 }).icmp({ type, code, id: 9, seq: 1 });
const strip = (f: Uint8Array) => f.slice(Math.min(14, f.length));
const tcpBytes = (sport: number, dport: number, flags: string) =>
  pkt.ipv4({ src: "1.1.1.1", dst: "2.2.2.2" }).tcp({ sport, dport, flags }).build().slice(20);
const arp = eth().arp({ senderIp: "10.0.0.1", targetIp: "10.0.0.2" }).build();
const runt = eth().build().slice(0, 10);

/** Sends frame `f` to output variable `v` (stripped of Ethernet when `raw`), or nowhere. */
const to = (f: Uint8Array, v: string | null, raw = true): Case => ({ in: f, out: v ? { [v]: raw ? strip(f) : f } : {} });

// IPClassifier-01: Strip(14) -> IPClassifier(web, dns, ping, everything else).
{
  const c: Case[] = [
    to(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").build(), "OUT0"),
    to(tcp("192.168.1.10", "10.0.0.1", 80, 40000, "SA").build(), "OUT3"),       // src port 80, not dst
    to(udp("10.0.0.2", "8.8.8.8", 5353, 53).build(), "OUT1"),
    to(tcp("10.0.0.2", "8.8.8.8", 5353, 53, "S").build(), "OUT3"),             // dns pattern says udp
    to(icmp("10.0.0.1", "10.0.0.254", 8).build(), "OUT2"),
    to(icmp("10.0.0.254", "10.0.0.1", 0).build(), "OUT3"),
    to(udp("10.0.0.2", "8.8.8.8", 53, 5353).build(), "OUT3"),
    to(arp, "OUT3"),                                                             // no IPv4 header: only "-"
    to(runt, "OUT3"),                                                            // empty after Strip
    to(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").truncate(14 + 20 + 3).build(), "OUT3"), // dst port cut off
  ];
  writeGolden({ dir, name: "IPClassifier-01", outputs: { OUT0: LINK_RAW, OUT1: LINK_RAW, OUT2: LINK_RAW, OUT3: LINK_RAW }, cases: c });
}

// IPClassifier-02: MarkIPHeader(14), Ethernet kept: SYNs from 10/8, fragments, other TCP; rest dropped.
{
  const E = (f: Uint8Array, v: string | null) => to(f, v, false);
  const later = eth().ipv4({ src: "10.0.0.1", dst: "192.168.1.10", proto: 6, ttl: 64, id: 5, fragOffset: 1480 })
    .payload(tcpBytes(40000, 80, "S")).build();
  const badIhl = patch(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").build(), { 14: 0x44 });
  const c: Case[] = [
    E(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").build(), "OUT0"),
    E(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S", { flags: "MF", id: 5 }).build(), "OUT0"), // first fragment: flags count
    E(later, "OUT1"),                                                                            // later fragment: syn is false
    E(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "A", { flags: "DF" }).build(), "OUT2"),
    E(tcp("172.16.0.1", "192.168.1.10", 40000, 80, "S").build(), "OUT2"),                       // not from 10/8
    E(tcp("10.9.9.9", "192.168.1.10", 1, 2, "S", { options: [1, 1, 1, 0] }).build(), "OUT0"),    // IP options (ihl 6)
    E(tcp("10.0.0.1", "192.168.1.10", 40000, 80, "S").truncate(14 + 20 + 10).build(), "OUT2"),   // flags cut off
    E(udp("10.0.0.1", "192.168.1.10", 1, 2, { flags: "MF" }).build(), "OUT1"),
    E(udp("10.0.0.1", "192.168.1.10", 1, 2).build(), null),
    E(arp, null),
    E(badIhl, null),
  ];
  writeGolden({ dir, name: "IPClassifier-02", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER, OUT2: LINK_ETHER }, cases: c });
}

// IPFilter-01: a 10-rule firewall (ClickOS's "firewall with 10 rules" middlebox) for a
// server network 192.168.1.0/24; router pings go to output 1.
{
  const out = "198.51.100.7", admin = "203.0.113.5";
  const later = eth().ipv4({ src: out, dst: "192.168.1.10", proto: 6, ttl: 64, id: 8, fragOffset: 1480 })
    .payload(tcpBytes(40000, 80, "S")).build();
  const gre = eth().ipv4({ src: out, dst: "192.168.1.10", proto: 47, ttl: 64 }).payload(new Uint8Array(8)).build();
  const c: Case[] = [
    to(tcp(out, "192.168.1.10", 40000, 80, "S").build(), "OUT"),                    // rule 3, www
    to(tcp(out, "192.168.1.10", 40000, 443, "S").build(), "OUT"),                   // rule 3, https
    to(tcp(out, "192.168.1.11", 40000, 443, "S").build(), null),                    // https to another host
    to(tcp(out, "192.168.1.10", 40000, 22, "S").build(), null),                     // ssh, not from admin net
    to(tcp(admin, "192.168.1.10", 50000, 22, "S").build(), "OUT"),                  // rule 6
    to(tcp(admin, "192.168.1.10", 999, 22, "S").build(), null),                     // rule 6 wants src port > 1023
    to(tcp("192.168.1.99", "192.168.1.10", 40000, 80, "S").build(), null),          // rule 1, spoofed source
    to(tcp(out, "192.168.1.10", 40000, 80, "S", { ttl: 1 }).build(), null),         // rule 2
    to(udp(out, "192.168.1.53", 40000, 53).build(), "OUT"),                         // rule 5
    to(udp(out, "192.168.1.10", 40000, 53).build(), null),
    to(tcp(out, "192.168.1.53", 40000, 53, "S").build(), "OUT"),                    // rule 4
    to(tcp(out, "192.168.1.25", 40000, 25, "S").build(), "OUT"),                    // rule 7, smtp
    to(tcp("8.8.8.8", "192.168.1.77", 443, 51000, "A").build(), "OUT"),             // rule 8, return traffic
    to(tcp("8.8.8.8", "192.168.1.77", 443, 80, "A").build(), null),                 // ack, but to a low port
    to(icmp(out, "192.168.1.10", 0).build(), "OUT"),                                // rule 9
    to(icmp(out, "192.168.1.10", 3, 3).build(), "OUT"),                             // rule 9, carried-forward type
    to(icmp(out, "192.168.1.1", 8).build(), "OUT1"),                                // rule 10
    to(icmp(out, "192.168.1.10", 8).build(), null),                                 // deny all
    to(tcp(out, "192.168.1.10", 40000, 80, "S", { flags: "MF", id: 8 }).build(), "OUT"), // first fragment
    to(later, null),                                                                 // later fragment: no port
    to(tcp(out, "192.168.1.10", 40000, 80, "S").truncate(14 + 20 + 4).build(), "OUT"), // ports present
    to(tcp(out, "192.168.1.10", 40000, 80, "S").truncate(14 + 20 + 3).build(), null),  // dst port cut off
    to(gre, null),
    to(arp, null),
    to(runt, null),
  ];
  writeGolden({ dir, name: "IPFilter-01", outputs: { OUT: LINK_RAW, OUT1: LINK_RAW }, cases: c });
}

// IPFilter-02: port actions, carried-forward hosts, ternary; no match drops.
{
  const c: Case[] = [
    to(udp("10.0.0.1", "10.0.0.9", 1, 2).build(), "OUT2"),            // rule 0: port 2
    to(udp("10.0.0.2", "10.0.0.9", 1, 2).build(), "OUT2"),            // rule 0 via the carried-forward host
    to(tcp("10.0.0.3", "10.0.0.9", 1, 2, "S").build(), "OUT1"),       // rule 1: tcp ? syn : ...
    to(tcp("10.0.0.3", "10.0.0.9", 1, 2, "A").build(), null),         // rule 1 false, rule 2 denies tcp
    to(icmp("10.0.0.3", "10.0.0.9", 8).build(), "OUT1"),              // rule 1: ... : icmp
    to(udp("10.0.0.3", "10.0.0.9", 1, 2).build(), "OUT"),             // rule 3: allow udp
    to(eth().ipv4({ src: "10.0.0.3", dst: "10.0.0.9", proto: 47 }).build(), null), // no rule
  ];
  writeGolden({ dir, name: "IPFilter-02", outputs: { OUT: LINK_RAW, OUT1: LINK_RAW, OUT2: LINK_RAW }, cases: c });
}
