// Every check, with bad packets on output 1 and per-reason counts.
FromDump($IN) -> Strip(14) -> c :: CheckIPHeader(DETAILS true, VERBOSE true);
c[0] -> ToDump($OUT, ENCAP IP);
c[1] -> ToDump($BAD, ENCAP IP);
