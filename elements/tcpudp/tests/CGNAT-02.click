// One address, two blocks of 2 ports; a block is reused once its mappings time out (packet time).
FromDump($IN) -> Strip(14) -> [0]nat :: CGNAT(POOL 198.51.100.1, BLOCK_SIZE 2, PORTS 2000-2003, SEED 99, TCP_DONE_TIMEOUT 1, UDP_TIMEOUT 5);
FromDump($IN2) -> Strip(14) -> [1]nat;
nat[0] -> Unstrip(14) -> ToDump($OUT);
nat[1] -> Unstrip(14) -> ToDump($OUT1);
