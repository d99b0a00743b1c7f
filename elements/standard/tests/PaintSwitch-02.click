// Odd packets are painted 7, which has no output, and are dropped.
FromDump($IN) -> rr :: RoundRobinSwitch;
rr[0] -> Paint(1) -> ps :: PaintSwitch;
rr[1] -> Paint(7) -> ps;
ps[0] -> ToDump($OUT0);
ps[1] -> ToDump($OUT1);
