// Forwarder: ClickOS's baseline middlebox. Frames arriving on one netfront
// device leave, untouched, on the other; a Counter on each direction.
//
//   netfront0 ──► FromNetFront(0) ──► in2out :: Counter ──► ToNetFront(1) ──► netfront1
//   netfront0 ◄── ToNetFront(0) ◄── out2in :: Counter ◄── FromNetFront(1) ◄── netfront1

FromNetFront(0) -> in2out :: Counter -> ToNetFront(1);
FromNetFront(1) -> out2in :: Counter -> ToNetFront(0);
