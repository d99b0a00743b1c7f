// Re-encapsulation with keyword arguments.
FromDump($IN) -> Strip(14) -> e :: EtherEncap(ETHERTYPE 0x86DD, SRC 1:2:3:4:5:6, DST 0-0-0-0-0-ff) -> ToDump($OUT);
