// BRAS: a broadband remote access server VM. Subscribers (netfront0) reach the
// network over PPPoE: PPPoEServer answers discovery, negotiates LCP and IPCP,
// gives each session an address from the pool, and forwards IP between the
// sessions and the core (netfront1), where packets travel as plain IPv4 over
// Ethernet.
//
//   subscribers ─► FromNetFront(0) ─► [0]bras[0] ─► ToNetFront(0) ─► subscribers    (discovery, PPP control, IP to subscribers)
//                                       bras[1] ─► EtherEncap(→ core router) ─► ToNetFront(1) ─► core
//   core ─► FromNetFront(1) ─► core_in :: Classifier(12/0800, -) ─[0]─► Strip(14) ─► [1]bras
//                                                                 ─[1]─► not_ip :: Counter ─► Discard

bras :: PPPoEServer(ETH 02:00:00:00:00:01, LOCAL 10.0.0.1, POOL 10.0.0.0/24, AC_NAME clickos-bras, DNS1 10.0.0.53);

FromNetFront(0) -> [0]bras;
bras[0] -> ToNetFront(0);
bras[1] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:fe) -> ToNetFront(1);

FromNetFront(1) -> core_in :: Classifier(12/0800, -);
core_in[0] -> Strip(14) -> [1]bras;
core_in[1] -> not_ip :: Counter -> Discard;
