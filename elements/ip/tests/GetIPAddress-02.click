// GetIPAddress(IP src): the annotation is the IP header's source address.
FromDump($IN) -> Strip(14) -> MarkIPHeader -> g :: GetIPAddress(IP src) -> rt :: StaticIPLookup(10.0.0.0/8 0, 0.0.0.0/0 1);
rt[0] -> ToDump($OUT0, ENCAP IP);
rt[1] -> ToDump($OUT1, ENCAP IP);
