FromDump($IN) -> rr :: RoundRobinSwitch;
rr[0] -> ToDump($OUT0);
rr[1] -> ToDump($OUT1);
rr[2] -> ToDump($OUT2);
