// Paint 255 duplicates each packet onto every output.
FromDump($IN) -> Paint(255) -> ps :: PaintSwitch;
ps[0] -> ToDump($OUT0);
ps[1] -> ToDump($OUT1);
ps[2] -> ToDump($OUT2);
