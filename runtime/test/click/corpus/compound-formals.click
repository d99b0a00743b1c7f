// Keyword formals and __REST__.
elementclass Shaped { $cap, RATE $rate, __REST__ $rest |
  input -> Queue($cap) -> Shaper($rate) -> Print("shaped $rate", $rest) -> output
}
elementclass Labelled { $a, LABEL $label |
  input -> Print($label, $a) -> output
}
InfiniteSource(LIMIT 5) -> s :: Shaped(64, RATE 1000, MAXLENGTH 40, ACTIVE true)
  -> l :: Labelled(x, LABEL "hi there") -> Discard;
