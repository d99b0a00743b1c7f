// EtherMirror: ClickOS's simplest middlebox. Every frame goes back where it came
// from, with its Ethernet addresses swapped. Here the "wire" is a capture.
//
//   traffic.pcap ──► FromDump ──► EtherMirror ──► ToDump ──► out/mirrored.pcap

FromDump(traffic.pcap, STOP true)
  -> mirror :: EtherMirror
  -> ToDump(out/mirrored.pcap);
