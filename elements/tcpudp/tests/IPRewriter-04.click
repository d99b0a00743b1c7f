// CAPACITY 2: new flows are dropped and counted while the table is full.
FromDump($IN) -> Strip(14) -> rw :: IPRewriter(pattern 198.51.100.1 7000-7999# - - 0 1, CAPACITY 2, UDP_TIMEOUT 5);
rw[0] -> Unstrip(14) -> ToDump($OUT);
rw[1] -> Unstrip(14) -> ToDump($OUT1);
