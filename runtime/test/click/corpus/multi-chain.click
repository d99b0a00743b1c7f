// Fan-in and fan-out with comma lists, ports on both sides, implicit input/output.
s1, s2, s3 :: InfiniteSource(LIMIT 1);
sw :: StaticSwitch(1);
s1, s2 -> [0] mux :: RoundRobinSched -> Unqueue -> sw;
s3 -> Queue -> [1] mux;
sw [0] -> d1 :: Discard;
sw [1] -> d1, d2 :: Discard;
elementclass Through { -> Null -> }
elementclass Split { -> Null -> [0]; [1] -> Null -> [1] }
Idle -> Through -> Discard;
Idle -> [0] sp :: Split [1] -> Discard; sp [0] -> Discard;
Idle -> [1] sp;
