// Click's input(port).pull() for elements with pull outputs or a task. The host
// pulls upstream and lends the packet (clickos.input_pull); pulling upstream may
// run this module's own elements in a nested crossing, so the emitted list and
// the output numbering of the crossing in progress are put aside around the
// call (emit.ts levels) and garbage collection waits until it is over.

import { host_input_pull } from "../abi.generated";
import { Packet } from "../packet";
import { enterNested, leaveNested, adoptPacket } from "./emit";
import { orderNow, orderRestore } from "./order";

export function pullInput(handle: i32, port: i32): Packet | null {
  const order = orderNow();
  enterNested();
  const d = host_input_pull(handle, port);
  leaveNested();
  orderRestore(order);
  return d == 0 ? null : adoptPacket(<usize>d);
}
