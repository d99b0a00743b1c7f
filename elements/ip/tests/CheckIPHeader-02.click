// OFFSET past the Ethernet header, checksum not checked, bad packets dropped.
FromDump($IN) -> c :: CheckIPHeader(OFFSET 14, CHECKSUM false) -> ToDump($OUT);
