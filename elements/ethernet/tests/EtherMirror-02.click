// Runts shorter than an Ethernet header are dropped.
FromDump($IN) -> m :: EtherMirror -> ToDump($OUT);
