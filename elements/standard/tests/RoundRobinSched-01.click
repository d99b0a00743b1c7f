// Each pull takes the next input in turn; an input that ran dry is skipped.
s :: RoundRobinSched -> ToDump($OUT);
InfiniteSource(DATA \<a0a0a0a0a0a0a0a0a0a0a0a0a0a0>, LIMIT 3) -> [0]s;
InfiniteSource(DATA \<a1a1a1a1a1a1a1a1a1a1a1a1a1a1>, LIMIT 5) -> [1]s;
InfiniteSource(DATA \<a2a2a2a2a2a2a2a2a2a2a2a2a2a2>, LIMIT 2) -> [2]s;
