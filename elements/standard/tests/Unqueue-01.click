// LIMIT 7: seven packets leave, in their order; the rest stay queued.
FromDump($IN) -> q :: Queue(100) -> u :: Unqueue(BURST 3, LIMIT 7) -> ToDump($OUT);
