/*
=c
GetIPAddress(OFFSET [, ANNO, keyword IP])

=s ip
sets destination IP address annotation from packet data

=d
Copies 4 bytes from the packet, starting at OFFSET, to the destination IP
address annotation. OFFSET is usually 16, to fetch the destination address
from an IP packet.

Set ANNO to set another 4-byte annotation: DST_IP (offset 0, the default),
AGGREGATE (20), or a byte offset from 16 to 44 into the annotation area.

You may also give an IP keyword argument instead of an OFFSET. IP must equal
'src' or 'dst'. The packet must hold an IP header (its network header
annotation set, as by CheckIPHeader or MarkIPHeader, or the header at the start
of the data); the annotation is set to its source or destination address.

Unlike Click, which reads past the end of a packet shorter than OFFSET + 4, a
short packet (or one without an IP header, with IP) passes on with the
annotation unchanged, counted by the 'short' handler.

=h short read-only
Packets that were too short for OFFSET + 4 bytes, or held no IP header (IP).

=e
  ... -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> StaticIPLookup(...) -> ...

=a StaticIPLookup, CheckIPHeader, MarkIPHeader
*/

import { Element, Packet, Args, annoArg } from "@clickos/sdk";

const FROM_OFFSET: i32 = 0, FROM_SRC: i32 = 1, FROM_DST: i32 = 2;

@element("GetIPAddress", { ports: "1/1", processing: "a" })
export class GetIPAddress extends Element {
  @handler("short") short: u64 = 0;
  offset: u32 = 16;
  from: i32 = FROM_OFFSET;
  /** Click annotation offset (0: DST_IP; 16..44: user annotation area). */
  anno: u32 = 0;

  configure(args: Args): void {
    const off = args.readP("OFFSET").int(-1);
    const anno = args.readP("ANNO").word("DST_IP");
    const ipWord = args.read("IP").word("");
    if ((off >= 0 && ipWord.length > 0) || (off < 0 && ipWord.length == 0)) args.error("set one of OFFSET, IP");
    else if (ipWord == "src") this.from = FROM_SRC;
    else if (ipWord == "dst") this.from = FROM_DST;
    else if (ipWord.length > 0) args.error("bad IP");
    else this.offset = <u32>off;
    const n = annoArg(anno, 4);
    if (!(n == 0 || (n >= 16 && n <= 44))) {
      args.error("ANNO type mismatch: expected a 4-byte annotation (DST_IP, AGGREGATE, or an offset 0 or 16 to 44)");
    } else this.anno = <u32>n;
  }

  simpleAction(p: Packet): i32 {
    let raw: u32 = 0;
    if (this.from == FROM_OFFSET) {
      if (p.length < this.offset + 4) { this.short++; return 0; }
      raw = bswap<u32>(p.u32(this.offset)); // the bytes as they are (network order)
    } else {
      const ip = p.ip();
      if (ip === null) { this.short++; return 0; }
      raw = this.from == FROM_SRC ? ip.src : ip.dst;
    }
    p.setAnno32(this.anno, raw);
    return 0;
  }
}
