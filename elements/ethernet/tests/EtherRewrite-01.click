// Addresses replaced, type and payload untouched; an 11-byte runt is dropped.
FromDump($IN) -> r :: EtherRewrite(00:00:00:00:00:aa, 00:00:00:00:00:bb) -> ToDump($OUT);
