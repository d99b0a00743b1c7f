// Three colors through one PaintSwitch: each output gets exactly one color.
FromDump($IN) -> rr :: RoundRobinSwitch;
rr[0] -> p2 :: Paint(2) -> ps :: PaintSwitch;
rr[1] -> Paint(0) -> ps;
rr[2] -> p1 :: Paint(COLOR 1, ANNO PAINT) -> ps;
ps[0] -> ToDump($OUT0);
ps[1] -> ToDump($OUT1);
ps[2] -> ToDump($OUT2);
