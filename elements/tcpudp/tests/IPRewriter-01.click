// UDP NAPT: sequential ports 5000-5001, replies, a full range, no-checksum, non-flows and malformed packets.
FromDump($IN) -> Strip(14) -> rw :: IPRewriter(pattern 198.51.100.1 5000-5001# - - 0 1, UDP_TIMEOUT 60);
rw[0] -> Unstrip(14) -> ToDump($OUT);
rw[1] -> Unstrip(14) -> ToDump($OUT1);
