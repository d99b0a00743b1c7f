// Web, DNS and ping traffic apart, everything else (ARP, runts, truncated) to output 3.
FromDump($IN) -> Strip(14) -> c :: IPClassifier(tcp dst port www, udp dst port dns, icmp type echo, -);
c[0] -> ToDump($OUT0, ENCAP IP);
c[1] -> ToDump($OUT1, ENCAP IP);
c[2] -> ToDump($OUT2, ENCAP IP);
c[3] -> ToDump($OUT3, ENCAP IP);
