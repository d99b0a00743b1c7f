// SELECT hash with CAPACITY 2 and a 10 s UDP timeout.
FromDump($IN) -> Strip(14) -> [0]lb :: IPLoadBalancer(192.0.2.80, 10.1.0.1, 10.1.0.2, 10.1.0.3, SELECT hash, CAPACITY 2, UDP_TIMEOUT 10);
FromDump($IN2) -> Strip(14) -> [1]lb;
lb[0] -> Unstrip(14) -> ToDump($OUT);
lb[1] -> Unstrip(14) -> ToDump($OUT1);
