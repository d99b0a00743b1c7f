// Long values at unaligned offsets and wildcards inside values.
FromDump($IN) -> c :: Classifier(6/000000000001 30/0A000001, 26/0a00????, -);
c[0] -> ToDump($OUT0);
c[1] -> ToDump($OUT1);
c[2] -> ToDump($OUT2);
