// Truncated and malformed IP headers are dropped and counted.
FromDump($IN) -> Strip(14) -> dt :: DecIPTTL -> ToDump($OUT, ENCAP IP);
