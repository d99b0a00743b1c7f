// Round-robin load balancer over three servers.
elementclass Backend { $addr |
  input -> SetIPDst($addr) -> SetIPChecksum -> output
}

in :: FromNetFront(0) -> Strip(14) -> CheckIPHeader -> rr :: RoundRobinSwitch;
out :: Queue(512) -> ToNetFront(0);

rr [0] -> Backend(10.1.0.1) -> out;
rr [1] -> Backend(10.1.0.2) -> out;
rr [2] -> b3 :: Backend(10.1.0.3)
        -> out;
