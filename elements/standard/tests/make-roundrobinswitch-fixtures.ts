// Fixtures for RoundRobinSwitch-01..02. Run: npx tsx --conditions=source <this file>
import { writeGolden, LINK_ETHER } from "./golden-fixtures.ts";
import { numbered, range } from "./frames.ts";

const dir = import.meta.dirname;
writeGolden({
  dir, name: "RoundRobinSwitch-01", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER, OUT2: LINK_ETHER },
  cases: range(7).map((i) => ({ in: numbered(i), out: { [`OUT${i % 3}`]: numbered(i) } })),
});
// 600 packets: more than one host batch (256), so the position carries across batches.
writeGolden({
  dir, name: "RoundRobinSwitch-02", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER },
  cases: range(600).map((i) => ({ in: numbered(i), out: { [`OUT${i % 2}`]: numbered(i) } })),
});
