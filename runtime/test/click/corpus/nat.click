// Source NAT with an IPRewriter and separate inbound/outbound paths.
define($PUBLIC 198.51.100.7, $LOW 1024, $HIGH 65535);

rw :: IPRewriter(pattern $PUBLIC $LOW-$HIGH - - 0 1, drop);

FromDevice(inside) -> Strip(14) -> CheckIPHeader -> [0] rw;
FromDevice(outside) -> Strip(14) -> CheckIPHeader -> [1] rw;
rw [0] -> EtherEncap(0x0800, 1:1:1:1:1:1, 2:2:2:2:2:2) -> Queue(1000) -> ToDevice(outside);
rw [1] -> EtherEncap(0x0800, 2:2:2:2:2:2, 1:1:1:1:1:1) -> Queue(1000) -> ToDevice(inside);
