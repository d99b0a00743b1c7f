// Input 0 first, always: lower inputs only when the higher ones have nothing.
p :: PrioSched -> ToDump($OUT);
InfiniteSource(DATA \<b0b0b0b0b0b0b0b0b0b0b0b0b0b0>, LIMIT 2) -> [0]p;
InfiniteSource(DATA \<b1b1b1b1b1b1b1b1b1b1b1b1b1b1>, LIMIT 4) -> [1]p;
InfiniteSource(DATA \<b2b2b2b2b2b2b2b2b2b2b2b2b2b2>, LIMIT 3) -> [2]p;
