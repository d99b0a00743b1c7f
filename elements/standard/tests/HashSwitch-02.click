// Keyword form, 3 outputs: the byte sum modulo 3.
FromDump($IN) -> h :: HashSwitch(OFFSET 26, LENGTH 8);
h[0] -> ToDump($OUT0);
h[1] -> ToDump($OUT1);
h[2] -> ToDump($OUT2);
