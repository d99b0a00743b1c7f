// The README's five-minute tutorial, the fast check (the registry round trip,
// test/registry, runs it verbatim from `npm create` to `npm publish`): the
// element it shows is exactly what the scaffolder writes for --class SetTTL,
// that package builds, and the tutorial's command lines and test give what the
// README says, with the package's own build found the way `clickos run` and
// @clickos/sdk/testing find it (currentPackage).
import { it, expect, beforeAll } from "vitest";
import { mkdtempSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPackage } from "@clickos/sdk";
import { runClick, pkt, pcapOf, framesOf, diffPackets } from "@clickos/sdk/testing";
import { chainConfig } from "../../sdk/src/commands/run.ts";
import { scaffold } from "../scaffold/helpers.ts";

const root = new URL("../..", import.meta.url).pathname;
const readme = readFileSync(join(root, "README.md"), "utf8");
let dir = "";

beforeAll(async () => {
  // Inside node_modules so the package resolves @clickos/sdk from the workspace.
  const cwd = mkdtempSync(join(root, "node_modules", ".tmp-tutorial-"));
  const made = scaffold(["my-ttl", "--template", "simple", "--class", "SetTTL", "--yes", "--no-install"], cwd);
  expect(made.status, made.stderr).toBe(0);
  dir = join(cwd, "my-ttl");
  await buildPackage({ dir });
}, 600_000);

it("the README's element is the scaffolded src/setttl.ts, byte for byte", () => {
  const shown = /```ts\n(\/\*\n=c\nSetTTL[\s\S]*?)```/.exec(readme)?.[1];
  expect(shown, "README.md no longer shows the SetTTL element").toBeDefined();
  expect(shown).toBe(readFileSync(join(dir, "src/setttl.ts"), "utf8"));
});

it("step 4's chain on mixed.pcap sets 7 packets and counts 1 malformed, with the package found from its directory", () => {
  expect(readme).toContain("npx clickos run --in test/fixtures/mixed.pcap 's :: SetTTL(5)' -h s.count -h s.malformed");
  const r = runClick(chainConfig("s :: SetTTL(5)", join(dir, "test/fixtures/mixed.pcap")), { currentPackage: dir });
  expect(r.read("s.count")).toBe("7");
  expect(r.read("s.malformed")).toBe("1");
});

it("step 5's test passes: TTL 5 through Strip/Unstrip", () => {
  expect(readme).toContain('runClick("FromDump(in.pcap) -> Strip(14) -> s :: SetTTL(5) -> Unstrip(14) -> ToDump(out.pcap)"');
  const input = [pkt.ether().ipv4({ ttl: 64 }).udp().payload("x").build()];
  const expected = [pkt.ether().ipv4({ ttl: 5 }).udp().payload("x").build()];
  const r = runClick("FromDump(in.pcap) -> Strip(14) -> s :: SetTTL(5) -> Unstrip(14) -> ToDump(out.pcap)",
    { files: { "in.pcap": pcapOf(input) }, currentPackage: dir });
  expect(diffPackets(expected, framesOf(r.files["out.pcap"]))).toBeNull();
  expect(r.read("s.count")).toBe("1");
});

it("a package that is not built yet says which command builds it", () => {
  const cwd = mkdtempSync(join(root, "node_modules", ".tmp-tutorial-"));
  scaffold(["unbuilt", "--template", "simple", "--yes", "--no-install"], cwd);
  expect(() => runClick("InfiniteSource(LIMIT 1) -> Discard", { currentPackage: join(cwd, "unbuilt") }))
    .toThrow(/build\/elements\.wasm is not built yet \(run npx clickos build\)/);
});

it("a diff names the packet and the field", () => {
  const a = [pkt.ether().ipv4({ ttl: 5 }).udp().build()];
  const b = [pkt.ether().ipv4({ ttl: 64 }).udp().build()];
  expect(diffPackets(a, b)).toMatch(/packet 1 of 1: .*ip\.ttl expected 5, got 64/);
});

it("toMatchPackets passes on equal captures and names the packet and field otherwise", () => {
  const a = [pkt.ether().ipv4({ ttl: 5 }).udp().build(), pkt.ether().ipv4({ ttl: 6 }).udp().build()];
  const b = [a[0], pkt.ether().ipv4({ ttl: 7 }).udp().build()];
  expect(pcapOf(a)).toMatchPackets(a);
  expect(() => expect(b).toMatchPackets(pcapOf(a))).toThrow(/packet 2 of 2: .*ip\.ttl expected 6, got 7/);
});
