// Masks, wildcard nibbles, negation; packets matching nothing are dropped.
FromDump($IN) -> c :: Classifier(12/0800 23/11, 12/0800 !23/06, 0/02%02, 12/88??, 14/45%f0 !12/0800);
c[0] -> ToDump($OUT0);
c[1] -> ToDump($OUT1);
c[2] -> ToDump($OUT2);
c[3] -> ToDump($OUT3);
c[4] -> ToDump($OUT4);
