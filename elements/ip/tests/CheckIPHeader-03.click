// RFC 1812 source address checks from the router's interface list.
FromDump($IN) -> c :: CheckIPHeader(OFFSET 14, INTERFACES 10.0.0.1/24);
c[0] -> ToDump($OUT);
c[1] -> ToDump($BAD);
