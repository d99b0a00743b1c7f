/*
=c
Unqueue([I<keywords> ACTIVE, LIMIT, BURST])

=s shaping
pull-to-push converter

=d
Pulls packets whenever they are available, then pushes them out its single
output. Pulls a maximum of BURST packets every time it is scheduled. Default
BURST is 1. If BURST is less than 0, pull until nothing comes back.

=item BURST

Integer. Most packets pulled each time the task runs. Default 1.

=item ACTIVE

Boolean. If false, does nothing (doesn't pull packets). Default true.

=item LIMIT

Integer. If positive, then at most LIMIT packets are pulled. The default is
-1, which means there is no limit.

=h count read-only
Returns the count of packets that have passed through Unqueue.

=h reset write-only
Resets the count to 0, so a LIMIT allows that many packets again.

=h active read/write
Same as the ACTIVE keyword.

=h limit read/write
Same as the LIMIT keyword.

=h burst read/write
Same as the BURST argument.

=e
  FromDevice(eth0) -> Queue -> Unqueue(BURST 8) -> Counter -> Discard;

=a Queue, RoundRobinSched, PrioSched
*/

import { Element, Packet, Args } from "@clickos/sdk";

@element("Unqueue", { ports: "1/1", processing: "l/h" })
export class Unqueue extends Element {
  @handler("burst", "rw") burst: i32 = 1;
  @handler("active", "rw") active: bool = true;
  @handler("limit", "rw") limit: i32 = -1;
  @handler("count") count: u64 = 0;

  configure(args: Args): void {
    this.burst = args.readP("BURST").int(1);
    this.active = args.read("ACTIVE").bool(true);
    this.limit = args.read("LIMIT").int(-1);
    if (this.burst == 0) this.warning("BURST size 0, no packets will be pulled");
  }

  @handler("reset", "w") reset(v: string): void { this.count = 0; }

  runTask(): bool {
    if (!this.active) return false;
    let most: u64 = this.burst < 0 ? <u64>i32.MAX_VALUE : <u64>this.burst;
    if (this.limit >= 0) {
      if (this.count >= <u64>this.limit) return false;
      const left = <u64>this.limit - this.count;
      if (left < most) most = left;
    }
    let worked: u64 = 0;
    while (worked < most && this.active) {
      const p: Packet | null = this.pullInput(0);
      if (p === null) break;
      worked++;
      this.count++;
      this.emit(0, p);
    }
    return worked > 0;
  }
}
