// Hash of the IPv4 destination address (Ethernet frames): 4 outputs use the folded
// hash; runts shorter than 34 bytes go to output 0.
FromDump($IN) -> h :: HashSwitch(30, 4);
h[0] -> ToDump($OUT0);
h[1] -> ToDump($OUT1);
h[2] -> ToDump($OUT2);
h[3] -> ToDump($OUT3);
