// ACTIVE false (Click's keyword): every packet passes unchanged, even expired or malformed ones.
FromDump($IN) -> Strip(14) -> dt :: DecIPTTL(ACTIVE false) -> ToDump($OUT, ENCAP IP);
dt[1] -> ToDump($EXPIRED, ENCAP IP);
