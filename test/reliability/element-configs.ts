// One valid sample configuration per standard element class, for the packet
// fuzzer. A test checks this table against the class list in the built
// elements.wasm metadata, so a new element without an entry fails the suite.
//   inputs/outputs: ports to connect (fuzzed traffic enters every input);
//   encap: what the element expects on input 0 — Ethernet frames ("ether") or
//   IPv4 packets as after Strip(14) ("ip"); the fuzzer mixes in the other kind
//   and raw garbage anyway;
//   pulls: classes that pull for themselves — "pull" (pull outputs: Queues in
//   front, a pulling sink behind) or "task" (a Queue in front, its task run
//   until it has nothing left).

export interface FuzzTarget { cls: string; conf: string; inputs: number; outputs: number; encap: "ether" | "ip"; pulls?: "pull" | "task" }

export const ELEMENT_CONFIGS: FuzzTarget[] = [
  { cls: "AggregateIPFlows", conf: "", inputs: 1, outputs: 2, encap: "ip" },
  { cls: "ContentIDS", conf: '"Evil", |DE AD be ef| OUTPUT 1, "/etc/passwd", MODE drop, NOCASE true', inputs: 1, outputs: 2, encap: "ip" },
  { cls: "ARPResponder", conf: "10.0.0.0/8 00:00:00:00:00:01, 192.0.2.1 02:00:00:00:01:01", inputs: 1, outputs: 2, encap: "ether" },
  { cls: "EtherEncap", conf: "0x0800, 02:00:00:00:00:01, 02:00:00:00:00:02", inputs: 1, outputs: 1, encap: "ip" },
  { cls: "EtherMirror", conf: "", inputs: 1, outputs: 1, encap: "ether" },
  { cls: "EtherRewrite", conf: "02:00:00:00:00:01, 02:00:00:00:00:02", inputs: 1, outputs: 1, encap: "ether" },
  { cls: "ICMPPingResponder", conf: "", inputs: 1, outputs: 2, encap: "ip" },
  { cls: "CheckIPHeader", conf: "", inputs: 1, outputs: 2, encap: "ip" },
  { cls: "DecIPTTL", conf: "", inputs: 1, outputs: 2, encap: "ip" },
  { cls: "IPClassifier", conf: "tcp dst port www, udp dst port dns, icmp type echo, ip frag, -", inputs: 1, outputs: 5, encap: "ip" },
  { cls: "IPFilter", conf: "allow tcp dst port 80, 1 udp and src host 10.0.0.1, deny icmp, allow ip frag, drop all", inputs: 1, outputs: 2, encap: "ip" },
  { cls: "MarkIPHeader", conf: "14", inputs: 1, outputs: 1, encap: "ether" },
  { cls: "GetIPAddress", conf: "16", inputs: 1, outputs: 1, encap: "ip" },
  { cls: "StaticIPLookup", conf: "10.0.0.0/8 0, 192.168.0.0/16 10.0.0.1 1, 0.0.0.0/0 2", inputs: 1, outputs: 3, encap: "ip" },
  { cls: "PPPoEServer", conf: "ETH 02:00:00:00:00:0a, LOCAL 10.255.0.1, POOL 10.64.0.0/16", inputs: 2, outputs: 2, encap: "ether" },
  { cls: "Classifier", conf: "12/0806 20/0001, 12/0806 20/0002, 12/0800, 12/8863, -", inputs: 1, outputs: 5, encap: "ether" },
  { cls: "HashSwitch", conf: "26, 4", inputs: 1, outputs: 4, encap: "ether" },
  { cls: "Paint", conf: "7", inputs: 1, outputs: 1, encap: "ether" },
  { cls: "PaintSwitch", conf: "", inputs: 1, outputs: 2, encap: "ether" },
  { cls: "RoundRobinSwitch", conf: "", inputs: 1, outputs: 4, encap: "ether" },
  { cls: "RoundRobinSched", conf: "", inputs: 3, outputs: 1, encap: "ether", pulls: "pull" },
  { cls: "PrioSched", conf: "", inputs: 2, outputs: 1, encap: "ether", pulls: "pull" },
  { cls: "Unqueue", conf: "BURST 5", inputs: 1, outputs: 1, encap: "ether", pulls: "task" },
  { cls: "Strip", conf: "14", inputs: 1, outputs: 1, encap: "ether" },
  { cls: "Unstrip", conf: "14", inputs: 1, outputs: 1, encap: "ip" },
  { cls: "CGNAT", conf: "POOL 198.51.100.0/28", inputs: 2, outputs: 2, encap: "ip" },
  { cls: "IPLoadBalancer", conf: "192.0.2.80, 10.0.0.1, 10.0.0.2:8080, VPORT 80", inputs: 2, outputs: 2, encap: "ip" },
  { cls: "IPRewriter", conf: "pattern 198.51.100.1 1024-65535# - - 0 1, drop", inputs: 2, outputs: 2, encap: "ip" },
];
