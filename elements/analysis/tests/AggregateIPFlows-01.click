// Bidirectional TCP/UDP flows; a SYN after FIN both ways and a timed-out UDP flow get new numbers.
FromDump($IN) -> Strip(14) -> af :: AggregateIPFlows(TCP_DONE_TIMEOUT 5, UDP_TIMEOUT 10);
af[0] -> Unstrip(14) -> ToDump($OUT);
af[1] -> Unstrip(14) -> ToDump($OUT1);
