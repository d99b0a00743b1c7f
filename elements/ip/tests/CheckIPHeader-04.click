// Positional OFFSET; BADSRC and GOODDST given explicitly (0.0.0.0 is not banned here).
FromDump($IN) -> c :: CheckIPHeader(14, BADSRC 1.2.3.4 5.6.7.8, GOODDST 9.9.9.9);
c[0] -> ToDump($OUT);
c[1] -> ToDump($BAD);
