// TTL 1 and 0 leave on output 1; the rest are decremented with a correct checksum.
FromDump($IN) -> Strip(14) -> CheckIPHeader -> dt :: DecIPTTL;
dt[0] -> ToDump($OUT, ENCAP IP);
dt[1] -> ToDump($EXPIRED, ENCAP IP);
