// The keyword form; a 14-byte frame is shorter than LENGTH.
FromDump($IN) -> s :: Strip(LENGTH 34) -> ToDump($OUT, ENCAP IP);
