// Full exchange without authentication: discovery, LCP (acks, naks, rejects both
// ways), IPCP (reject, nak, ack), echo, IP both ways, Protocol- and Code-Reject,
// termination, malformed and foreign frames, unknown sessions.
sub :: FromDump($IN);
core :: FromDump($IN2);
bras :: PPPoEServer(ETH 02:00:00:00:00:01, LOCAL 10.0.0.1, POOL 10.0.0.0/29,
  AC_NAME "bras-1", SERVICE internet, MAGIC 0x10000000, DNS1 10.0.0.53);
sub -> [0]bras;
core -> [1]bras;
bras[0] -> ToDump($OUT);
bras[1] -> ToDump($CORE, ENCAP IP);
