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

/** Click's AnnoArg(size): an annotation named in a configuration, as a byte
 *  offset. A name stands for its offset when the annotation has `size` bytes
 *  (the names below: PAINT, ICMP_PARAMPROB, FIX_IP_SRC, SEND_ERR and
 *  GRID_ROUTE_CB are one byte; DST_IP and AGGREGATE four); otherwise up to three
 *  decimal digits are the offset itself. -1 when the text is neither; the caller
 *  checks the offset's range, whose limits depend on how it uses it. */
export function annoArg(text: string, size: u32): i32 {
  if (size == 1) {
    if (text == "PAINT") return <i32>Anno.PAINT;
    if (text == "ICMP_PARAMPROB") return <i32>Anno.ICMP_PARAMPROB;
    if (text == "FIX_IP_SRC") return <i32>Anno.FIX_IP_SRC;
    if (text == "SEND_ERR") return <i32>Anno.SEND_ERR;
    if (text == "GRID_ROUTE_CB") return <i32>Anno.GRID_ROUTE_CB;
  } else if (size == 4) {
    if (text == "DST_IP") return <i32>Anno.DST_IP;
    if (text == "AGGREGATE") return <i32>Anno.AGGREGATE;
  }
  if (text.length == 0 || text.length > 3) return -1;
  let v: i32 = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
