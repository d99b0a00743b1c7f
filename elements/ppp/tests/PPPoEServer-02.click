// PAP: accepted and refused credentials, a peer rejecting PAP, session id reuse,
// a full table (MAX_SESSIONS), an unknown service, PADT. Nothing from the core.
FromDump($IN)
  -> bras :: PPPoEServer(ETH 02:00:00:00:00:01, LOCAL 10.1.0.1, POOL 10.1.0.0/24,
  SERVICE internet, AUTH pap, USERS "alice:secret bob:pw", MAX_SESSIONS 2)
  -> ToDump($OUT);
bras[1] -> Discard;
