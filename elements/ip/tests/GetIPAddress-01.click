// GetIPAddress(16) copies the IP destination into the destination annotation;
// a packet too short for it keeps annotation 0 and is counted.
FromDump($IN) -> Strip(14) -> g :: GetIPAddress(16) -> rt :: StaticIPLookup(10.0.0.0/8 0, 0.0.0.0/0 1);
rt[0] -> ToDump($OUT0, ENCAP IP);
rt[1] -> ToDump($OUT1, ENCAP IP);
