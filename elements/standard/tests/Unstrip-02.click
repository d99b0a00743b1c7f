// More than the headroom: Unstrip copies the packet into a bigger buffer; the
// following Strip proves the data kept its place.
FromDump($IN) -> u :: Unstrip(100) -> Strip(100) -> ToDump($OUT);
