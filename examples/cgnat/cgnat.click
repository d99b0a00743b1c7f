// CGNAT: a carrier-grade NAT VM between subscribers (netfront0, shared address
// space 100.64.0.0/10) and the Internet (netfront1). Each subscriber gets a block
// of 64 ports on one of two public addresses at its first flow; its flows leave
// from that address with ports from its block, and replies are translated back.
//
//   subscribers ─► FromNetFront(0, BURST 1) ─► Strip(14) ─► CheckIPHeader ─► [0]nat[0] ─► EtherEncap(→ upstream) ─► ToNetFront(1) ─► Internet
//   subscribers ◄─ ToNetFront(0) ◄─ EtherEncap(→ access router) ◄─ [1]nat[1] ◄─ CheckIPHeader ◄─ Strip(14) ◄─ FromNetFront(1, BURST 1) ◄─ Internet
//                                                                  nat[2] ─► unsolicited :: Counter ─► Discard

nat :: CGNAT(198.51.100.1-198.51.100.2, BLOCK_SIZE 64, PORTS 1024-1279, SEED 2024);

FromNetFront(0, BURST 1) -> Strip(14) -> CheckIPHeader -> [0]nat;
FromNetFront(1, BURST 1) -> Strip(14) -> CheckIPHeader -> [1]nat;

nat[0] -> EtherEncap(0x0800, 02:00:00:00:01:01, 02:00:00:00:01:fe) -> ToNetFront(1);
nat[1] -> EtherEncap(0x0800, 02:00:00:00:00:01, 02:00:00:00:00:fe) -> ToNetFront(0);
nat[2] -> unsolicited :: Counter -> Discard;
