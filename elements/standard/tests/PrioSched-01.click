// Input 0 first, always: lower inputs only when the higher ones have nothing.
s :: PrioSched -> ToDump($OUT);
InfiniteSource(DATA \<b0b0b0b0b0b0b0b0b0b0b0b0b0b0>, LIMIT 2) -> [0]s;
InfiniteSource(DATA \<b1b1b1b1b1b1b1b1b1b1b1b1b1b1>, LIMIT 4) -> [1]s;
InfiniteSource(DATA \<b2b2b2b2b2b2b2b2b2b2b2b2b2b2>, LIMIT 3) -> [2]s;
