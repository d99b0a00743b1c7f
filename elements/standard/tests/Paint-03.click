// Click's annotation names as bare positional arguments: Paint(2, ICMP_PARAMPROB)
// paints user annotation byte 1 (offset 17), PaintSwitch(ICMP_PARAMPROB) switches on
// it; the PAINT byte stays 0.
FromDump($IN) -> Paint(2, ICMP_PARAMPROB) -> ps :: PaintSwitch(ICMP_PARAMPROB);
ps[0], ps[1] -> w :: Discard;
ps[2] -> bypaint :: PaintSwitch;
bypaint[0] -> ToDump($OUT);
bypaint[1] -> ToDump($WRONG);
