// keep: unchanged flows; replies on output 1 until the mapping times out (packet time).
FromDump($IN) -> Strip(14) -> rw :: IPRewriter(keep 0 1, TCP_DONE_TIMEOUT 2, TCP_NODATA_TIMEOUT 10);
rw[0] -> Unstrip(14) -> ToDump($OUT);
rw[1] -> Unstrip(14) -> ToDump($OUT1);
