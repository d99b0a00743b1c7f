// Click's documented example.
FromDump($IN) -> c :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
c[0] -> ToDump($OUT0);
c[1] -> ToDump($OUT1);
c[2] -> ToDump($OUT2);
c[3] -> ToDump($OUT3);
