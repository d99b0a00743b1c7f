// MULTICAST false leaves multicast alone; expired unicast is dropped (no output 1).
FromDump($IN) -> Strip(14) -> dt :: DecIPTTL(MULTICAST false) -> ToDump($OUT, ENCAP IP);
