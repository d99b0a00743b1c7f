// Unstrip puts back the bytes Strip removed (Click keeps them in the headroom).
FromDump($IN) -> Strip(14) -> u :: Unstrip(14) -> ToDump($OUT);
