// Overloaded compounds chosen by argument and port counts, plus extension.
elementclass MyQueue {
  input -> Queue -> output;
||
  $cap | input -> Queue($cap) -> output;
||
  input -> Queue -> [0] output;
  input [1] -> Queue -> [1] output;
}
elementclass Queue {
  $cap, $rate | input -> Queue($cap) -> Shaper($rate) -> output
|| ...
}
Idle -> a :: MyQueue -> Discard;
Idle -> b :: MyQueue(10) -> Discard;
Idle -> c :: MyQueue -> Discard;  Idle -> [1] c [1] -> Discard;
Idle -> d :: Queue(5, 100) -> Discard;
Idle -> e :: Queue(7) -> Discard;
