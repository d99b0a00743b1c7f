// CAPACITY 2: a third flow is counted as a failure until idle flows are removed.
FromDump($IN) -> Strip(14) -> af :: AggregateIPFlows(CAPACITY 2, UDP_TIMEOUT 10, REAP 5);
af[0] -> Unstrip(14) -> ToDump($OUT);
af[1] -> Unstrip(14) -> ToDump($OUT1);
