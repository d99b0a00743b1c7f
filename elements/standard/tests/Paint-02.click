// ANNO selects another annotation byte; PAINT keeps its own value.
FromDump($IN) -> Paint(1) -> a :: Paint(3, 20) -> byanno :: PaintSwitch(ANNO 20);
byanno[0], byanno[1], byanno[2] -> w :: Discard;
byanno[3] -> bypaint :: PaintSwitch;
bypaint[0] -> ToDump($WRONG);
bypaint[1] -> ToDump($OUT);
