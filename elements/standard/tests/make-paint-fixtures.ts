// Fixtures for Paint-01..02. Run: npx tsx --conditions=source <this file>
// Paint is observed through PaintSwitch, whose routing by annotation is Click's.
import { writeGolden, LINK_ETHER } from "./golden-fixtures.ts";
import { numbered, range } from "./frames.ts";

const dir = import.meta.dirname;
// Packet i goes round-robin to Paint(2), Paint(0), Paint(COLOR 1, ANNO PAINT).
const colorOf = [2, 0, 1];
writeGolden({
  dir, name: "Paint-01", outputs: { OUT0: LINK_ETHER, OUT1: LINK_ETHER, OUT2: LINK_ETHER },
  cases: range(12).map((i) => ({ in: numbered(i), out: { [`OUT${colorOf[i % 3]}`]: numbered(i) } })),
  handlers: { "p2.color": "2", "p1.color": "1" },
});

// Paint(3, 20) paints user annotation byte 20, leaving PAINT (set to 1 before) alone.
writeGolden({
  dir, name: "Paint-02", outputs: { OUT: LINK_ETHER, WRONG: LINK_ETHER },
  cases: range(6).map((i) => ({ in: numbered(i), out: { OUT: numbered(i) } })),
  handlers: { "a.color": "3" },
});

// Paint(2, ICMP_PARAMPROB) then PaintSwitch(ICMP_PARAMPROB): Click's annotation
// names as bare positional words (a word without a value is not a keyword).
writeGolden({
  dir, name: "Paint-03", outputs: { OUT: LINK_ETHER, WRONG: LINK_ETHER },
  cases: range(4).map((i) => ({ in: numbered(i), out: { OUT: numbered(i) } })),
  handlers: {},
});
