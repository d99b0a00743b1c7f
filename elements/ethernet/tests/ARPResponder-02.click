// Overlapping prefixes (given least specific first); without output 1, misses are dropped.
FromDump($IN) -> ar :: ARPResponder(10.0.0.0/8 00:00:00:00:00:01, 10.1.0.0/255.255.0.0 00-00-00-00-00-02, 10.1.2.3 0:0:0:0:0:3) -> ToDump($OUT);
