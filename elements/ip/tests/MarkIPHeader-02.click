// Keyword form; the ICMP header follows IP options.
FromDump($IN) -> m :: MarkIPHeader(OFFSET 14) -> ICMPPingResponder -> ToDump($OUT);
