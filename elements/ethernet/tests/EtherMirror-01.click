FromDump($IN) -> EtherMirror -> ToDump($OUT);
