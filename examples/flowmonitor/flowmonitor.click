// Flow monitor: a bump in the wire that numbers every TCP/UDP flow (both
// directions of a connection get the same number) and counts its packets and
// bytes per direction, NetFlow style, while forwarding everything unchanged.
//
//   netfront0 ─► FromNetFront(0, BURST 1) ─► eth :: Classifier ─[0 IPv4]─► Strip(14) ─► CheckIPHeader
//                                              │    ─► flows :: AggregateIPFlows ─[0 TCP/UDP]─► Unstrip(14) ─┐
//                                              │                                ─[1 other IP]─► Unstrip(14) ─┤
//                                              └─[1 non-IP]─────────────────────────────────────────────────┴─► ToNetFront(1) ─► netfront1

eth :: Classifier(12/0800, -);
out :: ToNetFront(1);

FromNetFront(0, BURST 1) -> eth;
eth[0] -> Strip(14) -> CheckIPHeader -> flows :: AggregateIPFlows(TCP_DONE_TIMEOUT 30, UDP_TIMEOUT 60);
flows[0] -> Unstrip(14) -> tracked :: Counter -> out;
flows[1] -> Unstrip(14) -> untracked :: Counter -> out;
eth[1] -> out;
