// DecIPTTL finds the IP header through MarkIPHeader's annotation.
FromDump($IN) -> m :: MarkIPHeader(14) -> dt :: DecIPTTL -> ToDump($OUT);
