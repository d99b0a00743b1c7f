// Echo requests become replies in place; everything else goes to output 1.
FromDump($IN) -> Strip(14) -> CheckIPHeader -> p :: ICMPPingResponder;
p[0] -> ToDump($OUT, ENCAP IP);
p[1] -> ToDump($OTHER, ENCAP IP);
