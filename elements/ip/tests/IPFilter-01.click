// A 10-rule firewall and a default deny (ClickOS's "firewall with 10 rules"), in front
// of the server network 192.168.1.0/24; pings for the router leave on output 1.
FromDump($IN) -> Strip(14) -> fw :: IPFilter(
    deny src net 192.168.0.0/16,                                            // spoofed inside source
    deny ip ttl < 2,
    allow tcp && dst host 192.168.1.10 && (dst port www or https),
    allow tcp && dst host 192.168.1.53 && dst port domain,
    allow udp && dst host 192.168.1.53 && dst port dns,
    allow tcp && src net 203.0.113.0/24 && src port > 1023 && dst port ssh,
    allow tcp && dst host 192.168.1.25 && dst port smtp,
    allow tcp && ack && dst port >= 1024,                                   // return traffic
    allow icmp type echo-reply or unreachable or timeexceeded,
    1 icmp type echo && dst host 192.168.1.1,
    deny all);
fw[0] -> ToDump($OUT, ENCAP IP);
fw[1] -> ToDump($OUT1, ENCAP IP);
