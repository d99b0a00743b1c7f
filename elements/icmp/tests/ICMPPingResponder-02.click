// One output: non-echo packets are dropped. The IP header is found at the data start.
FromDump($IN) -> Strip(14) -> ICMPPingResponder -> Unstrip(14) -> ToDump($OUT);
