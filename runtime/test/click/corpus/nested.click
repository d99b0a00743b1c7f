// Compounds inside compounds; a compound used twice; local element classes.
elementclass Inner { $n |
  input -> c :: Counter -> Paint($n) -> output
}
elementclass Outer { $base |
  elementclass Local { input -> Null -> output }
  input -> first :: Inner($base) -> Local -> second :: Inner(${base}0) -> output;
}
Idle -> o1 :: Outer(1) -> Discard;
Idle -> o2 :: Outer(2) -> Discard;
