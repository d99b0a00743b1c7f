// Click's annotation names, as byte offsets into the 48-byte annotation area
// (Click's include/click/packet_anno.hh), for Packet.anno8/anno16/anno32 and
// their setters: `p.setAnno8(Anno.ICMP_PARAMPROB, 3)` is Click's
// SET_ICMP_PARAMPROB_ANNO(p, 3). Offsets 0..15 hold the destination address
// (DST_IP, or all 16 bytes for DST_IP6); the user area starts at 16. Names
// sharing an offset share the bytes, as in Click.
export namespace Anno {
  export const DST_IP: u32 = 0;
  export const DST_IP6: u32 = 0;
  export const PAINT: u32 = 16;
  export const ICMP_PARAMPROB: u32 = 17;
  export const FIX_IP_SRC: u32 = 19;
  export const VLAN_TCI: u32 = 20;
  export const AGGREGATE: u32 = 20;
  export const MISC_IP: u32 = 20;
  export const EXTRA_PACKETS: u32 = 24;
  export const SEND_ERR: u32 = 26;
  export const GRID_ROUTE_CB: u32 = 27;
  export const EXTRA_LENGTH: u32 = 28;
  export const FIRST_TIMESTAMP: u32 = 32;
  export const PACKET_NUMBER: u32 = 32;
  export const SEQUENCE_NUMBER: u32 = 36;
}
