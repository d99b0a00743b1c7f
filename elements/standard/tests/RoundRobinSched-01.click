// Each pull takes the next input in turn; an input that ran dry is skipped.
rr :: RoundRobinSched -> ToDump($OUT);
InfiniteSource(DATA \<a0a0a0a0a0a0a0a0a0a0a0a0a0a0>, LIMIT 3) -> [0]rr;
InfiniteSource(DATA \<a1a1a1a1a1a1a1a1a1a1a1a1a1a1>, LIMIT 5) -> [1]rr;
InfiniteSource(DATA \<a2a2a2a2a2a2a2a2a2a2a2a2a2a2>, LIMIT 2) -> [2]rr;
