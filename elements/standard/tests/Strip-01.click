// Strip(14) removes the Ethernet header; shorter frames become empty packets.
FromDump($IN) -> s :: Strip(14) -> ToDump($OUT, ENCAP IP);
