// A small varied set of frames for the switch and paint tests: numbered so each
// output's expected order is easy to read, plus a runt and a padded frame.
import { pkt } from "@clickos/sdk/testing";
import { pad } from "./golden-fixtures.ts";

/** Frame i: UDP from 10.0.0.1 to 10.0.<i>.<i*7>, sport 1000+i; every fifth is a runt or odd. */
export function numbered(i: number): Uint8Array {
  if (i % 5 === 3) return pkt.ether().build().slice(0, 6 + (i % 7));        // runt
  if (i % 5 === 4) return pad(pkt.ether().arp({ targetIp: `10.0.0.${i % 250}` }).build(), 60);
  return pkt.ether().ipv4({ src: "10.0.0.1", dst: `10.0.${i % 256}.${(i * 7) % 256}` })
    .udp({ sport: 1000 + i, dport: 9 }).payload(`packet ${i}`).build();
}

export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
