// Round robin over three backends (one with a port), sticky flows, replies from the VIP.
FromDump($IN) -> Strip(14) -> [0]lb :: IPLoadBalancer(192.0.2.80, 10.0.0.1, 10.0.0.2:8080, 10.0.0.3, VPORT 80);
FromDump($IN2) -> Strip(14) -> [1]lb;
lb[0] -> Unstrip(14) -> ToDump($OUT);
lb[1] -> Unstrip(14) -> ToDump($OUT1);
