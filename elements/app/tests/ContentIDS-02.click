// Drop mode with case-insensitive matching; a rule with OUTPUT 1 still alerts.
FromDump($IN) -> ids :: ContentIDS("Evil", |DE AD be ef| OUTPUT 1, MODE drop, NOCASE true);
ids[0] -> ToDump($OUT, ENCAP IP);
ids[1] -> ToDump($ALERT, ENCAP IP);
