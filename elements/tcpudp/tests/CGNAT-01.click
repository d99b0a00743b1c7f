// Four blocks of 4 ports over 198.51.100.0/31; a fifth subscriber and a full block fail.
FromDump($IN) -> Strip(14) -> [0]nat :: CGNAT(POOL 198.51.100.0/31, BLOCK_SIZE 4, PORTS 1024-1031, SEED 7, UDP_TIMEOUT 30);
FromDump($IN2) -> Strip(14) -> [1]nat;
nat[0] -> Unstrip(14) -> ToDump($OUT);
nat[1] -> Unstrip(14) -> ToDump($OUT1);
