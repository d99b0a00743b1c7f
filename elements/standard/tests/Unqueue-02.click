// BURST -1 pulls until the Queue is empty, across the host's batches.
FromDump($IN) -> q :: Queue(1000) -> u :: Unqueue(-1) -> ToDump($OUT);
