/*
=c
PaintSwitch([ANNO])

=s paint
sends packet stream to output chosen per-packet

=d
PaintSwitch sends every incoming packet to one of its output ports --
specifically, output port number K, where K is the value of the incoming
packet's paint annotation. If the paint annotation is set to 255, the packet is
duplicated and sent to all outputs. Since there are only 256 different paint
annotations, including the special value of 255, PaintSwitch can have up to 255
outputs. If there is no output port K, the packet is dropped.

PaintSwitch uses the PAINT annotation by default, but the ANNO argument can
specify any one-byte annotation (see Paint).

Ordering follows Click, where a duplicated packet reaches every output before
the next packet is looked at: once a batch holds a packet painted 255, that
packet and every later packet of the batch leave as copies, in order. A host
copies at most 1024 packets per batch (ABI MAX_EMIT); copies past that are
dropped and counted in C<overflows>.

=item ANNO

Annotation name or offset. Default is PAINT.

=h overflows read-only
Number of duplicates dropped because the per-batch copy limit was reached.

=e
  Paint(1) -> ps :: PaintSwitch;
  ps[0] -> ...; ps[1] -> ...;

=a StaticSwitch, PullSwitch, RoundRobinSwitch, StrideSwitch, HashSwitch,
RandomSwitch, Paint, PaintTee
*/

import { Element, Packet, Batch, Args, DROP_PACKET } from "@clickos/sdk";
import { parseAnnoByte } from "./paint";

@element("PaintSwitch", { ports: "1/-", processing: "h" })
export class PaintSwitch extends Element {
  @handler("overflows") overflows: u64 = 0;
  anno: u32 = 0;

  configure(args: Args): void {
    const anno = parseAnnoByte(args.readP("ANNO").word("PAINT"), args, "ANNO");
    this.anno = anno < 0 ? 0 : <u32>anno;
  }

  push(port: i32, batch: Batch): void {
    const n = batch.length;
    let copying = false;
    for (let i = 0; i < n; i++) {
      const p = batch.at(i);
      const k = <i32>p.userAnnoU8(this.anno);
      if (k != 255 && !copying) {
        p.setOutput(k);
        continue;
      }
      // From the first broadcast on, emitted copies keep Click's order across outputs.
      copying = true;
      if (k == 255) {
        for (let o = 0; o < this.noutputs; o++) this.copyTo(o, p);
      } else if (k < this.noutputs) {
        this.copyTo(k, p);
      }
      p.kill();
    }
  }

  private copyTo(port: i32, p: Packet): void {
    const q = p.clone();
    if (q === null) this.overflows++;
    else this.emit(port, q);
  }
}
