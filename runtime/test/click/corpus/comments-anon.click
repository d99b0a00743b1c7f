/* comments
   everywhere */ a /* here */ :: // and here
   InfiniteSource(DATA "\<00 11 22>" /* inline */, LIMIT 3) // tail
   -> /* before */ Strip ( 14 )
   ->
   [0]
   b
   ::
   Counter
   ;
b -> Discard; Idle -> Discard
Idle
  -> Discard;
x, y :: Null;
x -> y -> Discard;
