// Output-number actions, a value carried forward inside parentheses, a ternary, and
// packets no rule matches (dropped).
FromDump($IN) -> Strip(14)
  -> f :: IPFilter(2 udp and (src host 10.0.0.1 or 10.0.0.2), 1 tcp ? syn : icmp, deny tcp, allow udp);
f[0] -> ToDump($OUT, ENCAP IP);
f[1] -> ToDump($OUT1, ENCAP IP);
f[2] -> ToDump($OUT2, ENCAP IP);
