// Fixtures for PaintSwitch-01..02. Run: npx tsx --conditions=source <this file>
import { writeGolden, LINK_ETHER } from "./golden-fixtures.ts";
import { numbered, range } from "./frames.ts";

const dir = import.meta.dirname;
// Paint 255: every output gets a copy of every packet, in order.
writeGolden({
  dir, name: "PaintSwitch-01", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER, OUT2: LINK_ETHER },
  cases: range(10).map((i) => ({ in: numbered(i), out: { OUT0: numbered(i), OUT1: numbered(i), OUT2: numbered(i) } })),
  handlers: { "ps.overflows": "0" },
});

// A paint with no such output: dropped; paint 1 of 2 outputs goes to output 1.
writeGolden({
  dir, name: "PaintSwitch-02", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER },
  cases: range(8).map((i) => ({ in: numbered(i), out: i % 2 ? {} : { OUT1: numbered(i) } })),
});
