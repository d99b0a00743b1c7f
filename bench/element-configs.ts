// One sample configuration per standard element, with generated traffic that
// exercises its main (fast) path, and the name of the plain C reference
// implementation (bench/c-reference/) that does the same job, if any.
//
// Both hosts and the C references read this one table, so "DecIPTTL" means the
// same configuration and the same packets everywhere. Traffic is a small set of
// distinct frames (cycled by the benchmark loops) built with the SDK's packet
// builder; flows repeat, so stateful elements are measured on table hits after
// the warm-up pass, which is their fast path.

import { pkt } from "../sdk/src/testing/packet-builder.ts";

export interface ElementBench {
  /** Row name in the report (the class name, or Class-variant). */
  id: string;
  cls: string;
  /** Raw Click configuration string (inside the parentheses). */
  conf: string;
  /** Input ports to connect (traffic goes to input 0) and outputs to connect. */
  inputs: number;
  outputs: number;
  /** Frames: Ethernet ("ether") or bare IPv4 packets as after Strip(14) ("ip"). */
  encap: "ether" | "ip";
  traffic: () => Uint8Array[];
  /** C reference (bench/c-reference) name and its arguments, if there is one. */
  cref?: string;
  cargs?: string;
  /** Take the C reference's arguments from this read handler of the configured
   *  element instead (its lines joined with ';'): what the element compiled. */
  crefArgsFrom?: string;
  /** Stateful elements compared across AssemblyScript runtimes. */
  stateful?: boolean;
  /** Why some packets legitimately do not come out (for the sanity check). */
  note?: string;
  /** Why the element and its C reference may legitimately give different bytes. */
  checkNote?: string;
}

const MAC_A = "02:00:00:00:00:01", MAC_B = "02:00:00:00:00:02";
const N = 1024;

const udp = (i: number, o: { src?: string; dst?: string; sport?: number; dport?: number; ttl?: number; payload?: number } = {}) =>
  pkt.ipv4({ src: o.src ?? `10.1.${(i >> 8) & 255}.${i & 255}`, dst: o.dst ?? "192.0.2.1", ttl: o.ttl ?? 64 })
    .udp({ sport: o.sport ?? 1024 + i, dport: o.dport ?? 53 }).payload(new Uint8Array(o.payload ?? 22));
const tcp = (i: number, o: { src?: string; dst?: string; sport?: number; dport?: number; flags?: string; payload?: Uint8Array } = {}) =>
  pkt.ipv4({ src: o.src ?? `10.1.${(i >> 8) & 255}.${i & 255}`, dst: o.dst ?? "192.0.2.1" })
    .tcp({ sport: o.sport ?? 1024 + i, dport: o.dport ?? 80, flags: o.flags ?? "A" }).payload(o.payload ?? new Uint8Array(10));
/** Wraps a bare IPv4 packet in an Ethernet header (type 0x0800). */
function ether(ip: Uint8Array, src = MAC_A, dst = MAC_B): Uint8Array {
  const f = new Uint8Array(14 + ip.length);
  f.set(macBytes(dst), 0); f.set(macBytes(src), 6); f[12] = 0x08; f[13] = 0x00;
  f.set(ip, 14);
  return f;
}
function macBytes(m: string): number[] { return m.split(":").map((h) => parseInt(h, 16)); }
const hex = (n: number) => n.toString(16).padStart(2, "0");

const ipFrames = () => Array.from({ length: N }, (_, i) => udp(i).build());          // 50-byte IPv4/UDP
const etherFrames = () => ipFrames().map((p) => ether(p));                            // 64-byte frames

/** A mix for the firewall: mostly allowed web traffic, some DNS, return traffic, pings, denied. */
function firewallTraffic(): Uint8Array[] {
  return Array.from({ length: N }, (_, i) => {
    const k = i % 8;
    const src = `203.0.113.${(i % 200) + 1}`;
    if (k < 4) return tcp(i, { src, dst: "192.168.1.10", dport: 80, flags: "PA" }).build();
    if (k === 4) return udp(i, { src, dst: "192.168.1.53", dport: 53 }).build();
    if (k === 5) return tcp(i, { src, dst: "192.168.1.77", sport: 443, dport: 40000 + i, flags: "A" }).build();
    if (k === 6) return pkt.ipv4({ src, dst: "192.168.1.1" }).icmp({ type: 8, id: i, seq: 1 }).payload(new Uint8Array(22)).build();
    return tcp(i, { src, dst: "192.168.1.99", dport: 23, flags: "S" }).build();   // denied
  });
}

const IDS_RULES = ["/etc/passwd", "cmd.exe", "|90 90 90 90 90 90 90 90|", "SELECT * FROM", "<script>",
  "/bin/sh", "wget http", "UNION SELECT", "../../", "%252e%252e", "root:x:0:0", "passwd=", "admin.php",
  "/cgi-bin/", "xp_cmdshell", "DROP TABLE", "eval(", "base64_decode", "/proc/self/environ", "|de ad be ef|",
  "User-Agent: sqlmap", "nc -e", "chmod 777", ".htaccess", "wp-login.php", "phpmyadmin", "/shell?",
  "|7f 45 4c 46|", "powershell -enc", "document.cookie", "onerror=", "javascript:", "../etc/shadow",
  "/.git/config", "HNAP1", "${jndi:", "/console/login", "mimikatz", "|ff ff ff ff ff ff|", "sa_password",
  "CONNECT ", "/wp-admin/", "tftp -i", "busybox", "Shellshock", "X-Forwarded-For: 127", "xmlrpc.php",
  "/etc/hosts", "nmap", "|4d 5a 90 00|"];
const idsConf = (n: number) => IDS_RULES.slice(0, n).map((r) => (r.startsWith("|") ? r : JSON.stringify(r))).join(", ");

/** The rules' bytes hex-encoded, space-separated: the C reference's arguments. */
function idsHex(n: number): string {
  const enc = new TextEncoder();
  return IDS_RULES.slice(0, n).map((r) => {
    const bytes = r.startsWith("|") ? r.slice(1, -1).trim().split(/\s+/).map((h) => parseInt(h, 16)) : [...enc.encode(r)];
    return bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
  }).join(" ");
}

/** 300-byte HTTP-like payloads; one packet in 64 carries a rule's content. */
function idsTraffic(): Uint8Array[] {
  const enc = new TextEncoder();
  const words = ["GET", "/index.html", "HTTP/1.1", "Host:", "www.example.com", "User-Agent:", "Mozilla/5.0", "Accept:",
    "text/html", "/img/", "id=", "&name=", "<div>", "Cookie:", "session=", "\r\n"];
  let seed = 7;
  const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 8; };
  return Array.from({ length: N }, (_, i) => {
    let text = "";
    while (text.length < 300) text += words[rnd() % words.length] + " ";
    if (i % 64 === 0) text = "GET /cgi-bin/" + text;
    return tcp(i, { dst: "192.168.1.10", payload: enc.encode(text.slice(0, 300)) }).build();
  });
}

/** PPPoE discovery: PADI broadcasts with an empty Service-Name tag (RFC 2516). */
function padiFrames(): Uint8Array[] {
  return Array.from({ length: N }, (_, i) => {
    const f = new Uint8Array(14 + 6 + 4 + 12);
    f.fill(0xff, 0, 6);
    f.set([0x02, 0x10, 0, 0, (i >> 8) & 255, i & 255], 6);
    f[12] = 0x88; f[13] = 0x63;
    f.set([0x11, 0x09, 0, 0, 0, 16], 14);                      // ver/type, PADI, session 0, length
    f.set([0x01, 0x01, 0, 0], 20);                            // Service-Name, empty
    f.set([0x01, 0x03, 0, 8, 0, 0, 0, 0, 0, 0, (i >> 8) & 255, i & 255], 24); // Host-Uniq
    return f;
  });
}

const IPCLASSIFIER: ElementBench = {
  id: "IPClassifier", cls: "IPClassifier", conf: "tcp dst port www, udp dst port dns, icmp type echo, -", inputs: 1, outputs: 4,
  encap: "ip", traffic: firewallTraffic, cref: "ipclassifier",
};
const FIREWALL: ElementBench = {
  id: "IPFilter-firewall", cls: "IPFilter", inputs: 1, outputs: 2, encap: "ip", traffic: firewallTraffic, cref: "ipfilter_firewall",
  note: "the firewall denies 1 packet in 8 (telnet)",
  conf: "deny src net 192.168.0.0/16, deny ip ttl < 2, allow tcp && dst host 192.168.1.10 && (dst port www or https), " +
    "allow tcp && dst host 192.168.1.53 && dst port domain, allow udp && dst host 192.168.1.53 && dst port dns, " +
    "allow tcp && src net 203.0.113.0/24 && src port > 1023 && dst port ssh, allow tcp && dst host 192.168.1.25 && dst port smtp, " +
    "allow tcp && ack && dst port >= 1024, allow icmp type echo-reply or unreachable or timeexceeded, " +
    "1 icmp type echo && dst host 192.168.1.1, deny all",
};

export const ELEMENT_BENCHES: ElementBench[] = [
  { id: "Strip", cls: "Strip", conf: "14", inputs: 1, outputs: 1, encap: "ether", traffic: etherFrames, cref: "strip", cargs: "14" },
  { id: "Unstrip", cls: "Unstrip", conf: "14", inputs: 1, outputs: 1, encap: "ip", traffic: ipFrames, cref: "unstrip", cargs: "14" },
  { id: "EtherMirror", cls: "EtherMirror", conf: "", inputs: 1, outputs: 1, encap: "ether", traffic: etherFrames, cref: "ethermirror" },
  { id: "EtherRewrite", cls: "EtherRewrite", conf: "02:00:00:00:00:0a, 02:00:00:00:00:0b", inputs: 1, outputs: 1, encap: "ether", traffic: etherFrames, cref: "etherrewrite", cargs: "02:00:00:00:00:0b 02:00:00:00:00:0a" },
  { id: "EtherEncap", cls: "EtherEncap", conf: "0x0800, 02:00:00:00:00:0a, 02:00:00:00:00:0b", inputs: 1, outputs: 1, encap: "ip", traffic: ipFrames, cref: "etherencap", cargs: "02:00:00:00:00:0b 02:00:00:00:00:0a 0x0800" },
  { id: "MarkIPHeader", cls: "MarkIPHeader", conf: "14", inputs: 1, outputs: 1, encap: "ether", traffic: etherFrames, cref: "markipheader", cargs: "14" },
  { id: "CheckIPHeader", cls: "CheckIPHeader", conf: "", inputs: 1, outputs: 1, encap: "ip", traffic: ipFrames, cref: "checkipheader" },
  { id: "DecIPTTL", cls: "DecIPTTL", conf: "", inputs: 1, outputs: 1, encap: "ip", traffic: ipFrames, cref: "decipttl" },
  { id: "Paint", cls: "Paint", conf: "7", inputs: 1, outputs: 1, encap: "ether", traffic: etherFrames, cref: "paint", cargs: "7" },
  { id: "PaintSwitch", cls: "PaintSwitch", conf: "", inputs: 1, outputs: 2, encap: "ether", traffic: etherFrames },
  { id: "RoundRobinSwitch", cls: "RoundRobinSwitch", conf: "", inputs: 1, outputs: 4, encap: "ether", traffic: etherFrames, cref: "roundrobinswitch", cargs: "4" },
  { id: "HashSwitch", cls: "HashSwitch", conf: "26, 4", inputs: 1, outputs: 4, encap: "ether", traffic: etherFrames, cref: "hashswitch", cargs: "26 4 4" },
  { id: "Classifier", cls: "Classifier", conf: "12/0806 20/0001, 12/0806 20/0002, 12/0800, -", inputs: 1, outputs: 4, encap: "ether", traffic: etherFrames, cref: "classifier", cargs: "12/0806 20/0001, 12/0806 20/0002, 12/0800, -" },
  IPCLASSIFIER,
  FIREWALL,
  // The same two, against C running the very program the element compiled (Click's
  // IPFilter is an interpreter too): the cost of WebAssembly on the same algorithm.
  { ...FIREWALL, id: "IPFilter-firewall/program", cref: "ipfilter_program", crefArgsFrom: "program" },
  { ...IPCLASSIFIER, id: "IPClassifier/program", cref: "ipfilter_program", crefArgsFrom: "program" },
  {
    id: "ARPResponder", cls: "ARPResponder", conf: "10.0.0.1 02:00:00:00:00:0a", inputs: 1, outputs: 1, encap: "ether", cref: "arpresponder", cargs: "10.0.0.1/32 02:00:00:00:00:0a",
    traffic: () => Array.from({ length: N }, (_, i) => pkt.ether({ src: `02:00:00:00:${hex(i >> 8)}:${hex(i & 255)}`, dst: "ff:ff:ff:ff:ff:ff" })
      .arp({ op: "request", senderMac: "02:00:00:00:01:02", senderIp: `10.0.${(i >> 8) & 255}.${(i & 255) || 2}`, targetIp: "10.0.0.1" }).build()),
  },
  {
    id: "ICMPPingResponder", cls: "ICMPPingResponder", conf: "", inputs: 1, outputs: 1, encap: "ip", cref: "icmppingresponder",
    traffic: () => Array.from({ length: N }, (_, i) => pkt.ipv4({ src: `10.1.${(i >> 8) & 255}.${i & 255}`, dst: "192.0.2.1" }).icmp({ type: 8, id: i, seq: 1 }).payload(new Uint8Array(22)).build()),
  },
  { id: "AggregateIPFlows", cls: "AggregateIPFlows", conf: "", inputs: 1, outputs: 1, encap: "ip", traffic: ipFrames, cref: "aggregateipflows", stateful: true },
  { id: "IPRewriter", cls: "IPRewriter", conf: "pattern 198.51.100.1 1024-65535# - - 0 1", inputs: 1, outputs: 2, encap: "ip", traffic: ipFrames, cref: "nat_rewrite", cargs: "src", stateful: true },
  { id: "CGNAT", cls: "CGNAT", conf: "POOL 198.51.100.0/28", inputs: 2, outputs: 2, encap: "ip", traffic: ipFrames, cref: "nat_rewrite", cargs: "src", stateful: true,
    checkNote: "by design: CGNAT picks seeded random addresses and ports, the C reference sequential ones" },
  {
    id: "IPLoadBalancer", cls: "IPLoadBalancer", conf: "192.0.2.80, 10.0.0.1, 10.0.0.2, 10.0.0.3, VPORT 80", inputs: 2, outputs: 2, encap: "ip", cref: "nat_rewrite", cargs: "dst", stateful: true,
    traffic: () => Array.from({ length: N }, (_, i) => tcp(i, { src: `203.0.${(i >> 8) & 255}.${i & 255}`, dst: "192.0.2.80", dport: 80 }).build()),
  },
  { id: "ContentIDS-5", cls: "ContentIDS", conf: idsConf(5), inputs: 1, outputs: 2, encap: "ip", traffic: idsTraffic, cref: "ids", cargs: idsHex(5), stateful: true },
  { id: "ContentIDS-50", cls: "ContentIDS", conf: idsConf(50), inputs: 1, outputs: 2, encap: "ip", traffic: idsTraffic, cref: "ids", cargs: idsHex(50), stateful: true },
  { id: "PPPoEServer", cls: "PPPoEServer", conf: "ETH 02:00:00:00:00:0a, LOCAL 10.255.0.1, POOL 10.64.0.0/16", inputs: 2, outputs: 2, encap: "ether", traffic: padiFrames, note: "discovery path: each PADI is answered with a PADO" },
];

/** The rule strings ContentIDS-N uses, for the C reference (same order, same bytes). */
export function idsRules(n: number): string[] { return IDS_RULES.slice(0, n); }

/** Every entry whose id or class matches a --only pattern (a substring or /regex/). */
export function selectBenches(pattern?: string): ElementBench[] {
  if (!pattern) return ELEMENT_BENCHES;
  const re = pattern.startsWith("/") && pattern.endsWith("/") ? new RegExp(pattern.slice(1, -1), "i") : null;
  return ELEMENT_BENCHES.filter((b) => (re ? re.test(b.id) : b.id.toLowerCase().includes(pattern.toLowerCase())));
}
