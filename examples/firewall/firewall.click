// Firewall: a stateless packet filter guarding a server network. Traffic from
// the Internet (netfront0) reaches the servers (netfront1) only if one of ten
// IPFilter rules allows it; the first matching rule decides.
//
//   netfront0 ─► FromNetFront(0) ─► eth :: Classifier ─[0 IPv4]─► Strip(14) ─► CheckIPHeader
//                                         │                      ─► fw :: IPFilter(10 rules)
//                                         │                      ─► passed :: Counter ─► Unstrip(14) ─┐
//                                         └─[1 other]─► other :: Counter ─────────────────────────────┴─► ToNetFront(1) ─► netfront1

eth :: Classifier(12/0800, -);
out :: ToNetFront(1);

FromNetFront(0) -> eth;
eth[0] -> Strip(14)
  -> checked :: CheckIPHeader
  -> fw :: IPFilter(
       deny src net 10.0.0.0/8 or src net 172.16.0.0/12 or src net 192.168.0.0/16,  //  1 spoofed private sources
       deny src net 203.0.113.0/24,                                                //  2 spoofed own addresses
       deny ip frag,                                                               //  3 no fragments
       allow tcp && dst host 203.0.113.10 && dst port www,                         //  4 web server, HTTP
       allow tcp && dst host 203.0.113.10 && dst port https,                       //  5 web server, HTTPS
       allow tcp && dst host 203.0.113.25 && dst port smtp,                        //  6 mail server
       allow udp && dst host 203.0.113.53 && dst port dns,                         //  7 DNS server
       allow tcp && dst port 22 && src net 198.51.100.0/24,                        //  8 SSH from the admin network
       allow icmp type echo or unreachable,                                        //  9 ping, path MTU discovery
       deny all)                                                                   // 10 everything else
  -> passed :: Counter
  -> Unstrip(14)
  -> out;
eth[1] -> other :: Counter -> out;   // ARP and other non-IP frames pass
