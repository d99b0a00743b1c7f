// Replies for the host's address and a proxied subnet; everything else on output 1.
FromDump($IN) -> ar :: ARPResponder(10.0.0.1 00:00:c0:ae:67:ef, 10.0.1.0/24 00:00:00:00:00:02);
ar[0] -> ToDump($OUT);
ar[1] -> ToDump($OTHER);
