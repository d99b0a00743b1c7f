// IDS: an inline intrusion detection VM. Every IPv4 payload is scanned for five
// content signatures (one Aho-Corasick pass however many rules); clean traffic
// continues to netfront1, packets that match a rule are diverted to an alert
// capture instead.
//
//   netfront0 ─► FromNetFront(0, BURST 1) ─► eth :: Classifier ─[0 IPv4]─► Strip(14) ─► CheckIPHeader ─► ids :: ContentIDS
//                                                │                     ids[0] clean ─► Unstrip(14) ─┬─► ToNetFront(1) ─► netfront1
//                                                └─[1 other]───────────────────────────────────────┘
//                                                                      ids[1] alert ─► Unstrip(14) ─► alerts :: Counter ─► ToDump(out/alerts.pcap)

eth :: Classifier(12/0800, -);
out :: ToNetFront(1);

FromNetFront(0, BURST 1) -> eth;
eth[0] -> Strip(14) -> CheckIPHeader
// Rules: 1 path traversal to a password file (web only); 2 an x86 NOP sled, any
// protocol; 3 a Windows shell named in a TCP stream; 4 SQL injection, in any case
// (NOCASE); 5 a DNS query for a blocked domain (labels in wire format).
  -> ids :: ContentIDS("/etc/passwd" PROTO tcp DPORT 80,
                       "|90 90 90 90 90 90 90 90|",
                       "cmd.exe" PROTO tcp,
                       "union select",
                       "|07|malware|07|example" PROTO udp DPORT 53, NOCASE true);
ids[0] -> Unstrip(14) -> out;
ids[1] -> Unstrip(14) -> alerts :: Counter -> ToDump(out/alerts.pcap);
eth[1] -> out;
