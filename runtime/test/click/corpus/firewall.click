/* Stateless firewall: IPFilter rules carry quotes, commas and parentheses. */
src :: FromDump("in.pcap", STOP true) -> Strip(14) -> CheckIPHeader
    -> fw :: IPFilter(allow src host 10.0.0.5 && (tcp dst port 22 or tcp dst port 443),
                      deny src net 192.168.0.0/16, // private space
                      1 dst port 53 and (udp or tcp),
                      drop all)
    -> Unstrip(14) -> ToDump("out,\"allowed\".pcap");
fw [1] -> Print('denied: (x, y)') -> Discard;
