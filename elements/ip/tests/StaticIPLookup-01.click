// Longest-prefix match over overlapping routes (/32, /24, /16, /8, default) given
// in no particular order; a gateway replaces the destination annotation, which a
// second table (keyed on the gateway 10.9.9.9) makes visible: packets routed
// through the gateway reach OUT2; OUT3, which they would reach with their own
// destination still in the annotation, stays empty.
FromDump($IN) -> Strip(14) -> CheckIPHeader
  -> rt :: StaticIPLookup(0.0.0.0/0 10.9.9.9 2, 10.0.0.0/8 1, 10.1.0.0/16 0, 10.1.2.0/24 1, 10.1.2.3 0);
rt[0] -> ToDump($OUT0, ENCAP IP);
rt[1] -> ToDump($OUT1, ENCAP IP);
rt[2] -> gw :: StaticIPLookup(10.9.9.9/32 0, 0.0.0.0/0 1);
gw[0] -> ToDump($OUT2, ENCAP IP);
gw[1] -> ToDump($OUT3, ENCAP IP);
