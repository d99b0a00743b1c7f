// Network header annotation from MarkIPHeader; fragments, IP options, a truncated TCP
// header, and packets without an IPv4 header (ARP, IHL 4), which match nothing here.
FromDump($IN) -> MarkIPHeader(14)
  -> c :: IPClassifier(src net 10.0.0.0/8 and tcp opt syn, ip frag, tcp);
c[0] -> ToDump($OUT0);
c[1] -> ToDump($OUT1);
c[2] -> ToDump($OUT2);
