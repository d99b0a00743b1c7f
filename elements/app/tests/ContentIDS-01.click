// Alert mode: rules with PROTO/PORT/DPORT constraints, an OUTPUT, hex and escapes;
// IP and TCP options, ICMP, fragments, truncated and padded packets, non-IPv4.
FromDump($IN)
  -> ids :: ContentIDS("/etc/passwd" PROTO tcp DPORT 80, "|90 90 90 90|", "cmd.exe" OUTPUT 2,
                       "hers", "she" PORT 53, "a|7c|b\"c");
ids[0] -> ToDump($OUT, ENCAP IP);
ids[1] -> ToDump($ALERT, ENCAP IP);
ids[2] -> ToDump($OUT2, ENCAP IP);
