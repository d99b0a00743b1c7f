// Load balancer: spreads the TCP/UDP flows that clients open to a virtual IP
// (192.0.2.80, port 80) over three backends, round robin, keeping every flow on
// its backend; the backends' replies get the virtual IP back as their source.
// BURST 1: one packet per device per round, Click's packet-at-a-time order (a
// batch would leave IPClassifier output by output, grouping packets by backend).
//
//   clients ─► FromNetFront(0) ─► Strip(14) ─► CheckIPHeader ─► [0]lb[0] ─► IPClassifier ─► EtherEncap(to backend N) ─► ToNetFront(1) ─► backends
//   clients ◄─ ToNetFront(0) ◄─ EtherEncap(to gateway) ◄─ [1]lb[1] ◄─ CheckIPHeader ◄─ Strip(14) ◄─ FromNetFront(1) ◄─ backends

lb :: IPLoadBalancer(192.0.2.80, 10.0.0.1, 10.0.0.2, 10.0.0.3:8080, VPORT 80);
to_backends :: ToNetFront(1);

FromNetFront(0, BURST 1) -> Strip(14) -> CheckIPHeader -> [0]lb;
FromNetFront(1, BURST 1) -> Strip(14) -> CheckIPHeader -> [1]lb;

// Each backend's Ethernet address (static neighbours: there is no ARPQuerier yet).
lb[0] -> backend :: IPClassifier(dst host 10.0.0.1, dst host 10.0.0.2, dst host 10.0.0.3);
backend[0] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:11) -> to_backends;
backend[1] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:12) -> to_backends;
backend[2] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:13) -> to_backends;

// Replies go back to the clients through the upstream gateway.
lb[1] -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:fe) -> ToNetFront(0);
