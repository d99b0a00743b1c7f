// Class synonyms, nested defines and ${VAR-default}.
define($A 1, $B $A$A, $NAME "quoted name")
elementclass Sink Discard;
elementclass Pipe { input -> Null -> output }
elementclass P2 Pipe;
Idle -> Print("b=$B", ${MISSING-none}, '$literal') -> P2 -> Sink;
Idle -> Print($NAME) -> Sink;
