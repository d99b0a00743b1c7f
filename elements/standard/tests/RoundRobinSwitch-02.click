// Alternation continues across the host's batches.
FromDump($IN) -> rr :: RoundRobinSwitch;
rr[0] -> ToDump($OUT0);
rr[1] -> ToDump($OUT1);
