/*
=c
Paint(COLOR [, ANNO])

=s paint
sets packet paint annotations

=d
Sets each packet's paint annotation to COLOR, an integer 0..255.

Paint sets the packet's PAINT annotation by default, but the ANNO argument can
specify any one-byte annotation: a byte offset into the annotation area, or one
of Click's one-byte annotation names PAINT (16), ICMP_PARAMPROB (17),
FIX_IP_SRC (19), SEND_ERR (26) and GRID_ROUTE_CB (27). Offsets 16 to 47 are
accepted; offsets 0 to 15 (the destination address annotation) are refused
because the SDK gives elements no byte access to them.

=item COLOR

Integer 0..255. The color to paint.

=item ANNO

Annotation name or offset. Default is PAINT.

=h color read/write
Get/set the color to paint.

=e
  ... -> Paint(2) -> ... -> PaintSwitch -> ...

=a PaintSwitch, PaintTee
*/

import { Element, Packet, Args, annoArg } from "@clickos/sdk";

/** Parses Click's AnnoArg(1) text into a user-annotation byte index (offset - 16),
 *  or -1 after reporting an error on `args`. Shared with PaintSwitch. */
export function parseAnnoByte(text: string, args: Args, keyword: string): i32 {
  const off = annoArg(text, 1);
  if (off < 0) {
    args.error(keyword + " type mismatch: expected annotation name or offset");
    return -1;
  }
  if (off < 16 || off > 47) {
    args.error(keyword + " annotation offset " + off.toString() + " out of range (16 to 47 for one byte)");
    return -1;
  }
  return off - 16;
}

@element("Paint", { ports: "1/1", processing: "a" })
export class Paint extends Element {
  @handler("color", "rw") color: u8 = 0;
  anno: u32 = 0;

  configure(args: Args): void {
    const color = args.readMP("COLOR").unsigned(0);
    if (color > 255) args.error("COLOR must be between 0 and 255");
    this.color = <u8>color;
    const anno = parseAnnoByte(args.readP("ANNO").word("PAINT"), args, "ANNO");
    this.anno = anno < 0 ? 0 : <u32>anno;
  }

  simpleAction(p: Packet): i32 {
    p.setUserAnnoU8(this.anno, this.color);
    return 0;
  }
}
