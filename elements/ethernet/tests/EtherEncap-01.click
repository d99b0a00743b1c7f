// Raw IP packets get an Ethernet header.
FromDump($IN) -> e :: EtherEncap(0x0800, 00:11:22:33:44:55, 66:77:88:99:aa:bb) -> ToDump($OUT);
