// TCP SNAT+DNAT with the packet's own source port kept; options, truncation, first fragment, RST.
FromDump($IN) -> Strip(14) -> rw :: IPRewriter(pattern 198.51.100.1 6000-6010 203.0.113.80 8080 0 1);
rw[0] -> Unstrip(14) -> ToDump($OUT);
rw[1] -> Unstrip(14) -> ToDump($OUT1);
