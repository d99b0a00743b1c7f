// Anonymous compound classes, inline in declarations and chains.
x :: { $v | input -> Paint($v) -> output }(7);
Idle -> x -> { input -> Counter -> output } -> Discard;
