// No default route: unmatched packets are dropped and counted; "-" for no gateway;
// dotted masks; an output may be named by several routes.
FromDump($IN) -> Strip(14) -> CheckIPHeader
  -> rt :: StaticIPLookup(192.168.0.0/255.255.0.0 - 0, 172.16.0.0/12 1, 192.168.7.0/24 1);
rt[0] -> ToDump($OUT0, ENCAP IP);
rt[1] -> ToDump($OUT1, ENCAP IP);
