// The demo's traffic line: packets an element answered or filtered are not
// reported as losses, and packets elements created are counted apart.
import { describe, it, expect } from "vitest";
import { trafficSummary } from "../../src/commands/demo.ts";

describe("demo traffic summary", () => {
  it("says what happened to the packets that did not leave", () => {
    expect(trafficSummary({ packetsIn: 15, packetsOut: 10, dropped: 12, trapDrops: 0 }))
      .toBe("15 packets in, 10 out; 7 created by elements (replies, copies); 12 ended inside (answered, filtered or dropped: see the handlers)");
    expect(trafficSummary({ packetsIn: 4, packetsOut: 4, dropped: 0, trapDrops: 0 })).toBe("4 packets in, 4 out");
    expect(trafficSummary({ packetsIn: 5, packetsOut: 3, dropped: 1, trapDrops: 1 })).toBe("5 packets in, 3 out; 1 ended inside (answered, filtered or dropped: see the handlers); 1 lost to traps");
  });
});
