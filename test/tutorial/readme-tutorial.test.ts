// The README's five-minute tutorial must keep working: its element source is
// taken from README.md, built with clickos build, run on a capture, and checked
// the way the tutorial's own test does.
import { it, expect, beforeAll } from "vitest";
import { mkdtempSync, writeFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { buildPackage } from "../../sdk/src/build/build.ts";
import { runClick, pkt, pcapOf, framesOf, diffPackets } from "@clickos/sdk/testing";
import { chainConfig } from "../../sdk/src/commands/run.ts";

const root = new URL("../..", import.meta.url).pathname;
let wasm = "";

beforeAll(async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const source = /```ts\n(\/\*\n=c\nSetTTL[\s\S]*?)```/.exec(readme)?.[1];
  if (!source) throw new Error("README.md no longer contains the SetTTL tutorial element");
  const dir = mkdtempSync(join(root, "node_modules", ".tmp-tutorial-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "my-ttl", version: "0.1.0", clickos: { abi: 1, wasm: "build/my-ttl.wasm" } }));
  writeFileSync(join(dir, "setttl.ts"), source);
  wasm = (await buildPackage({ dir })).wasm;
}, 120_000);

it("the tutorial element builds and sets the TTL (the tutorial's test)", () => {
  const input = [pkt.ether().ipv4({ ttl: 64 }).udp().payload("x").build()];
  const expected = [pkt.ether().ipv4({ ttl: 5 }).udp().payload("x").build()];
  const r = runClick("FromDump(in.pcap) -> Strip(14) -> s :: SetTTL(5) -> Unstrip(14) -> ToDump(out.pcap)",
    { files: { "in.pcap": pcapOf(input) }, modules: [wasm] });
  expect(diffPackets(expected, framesOf(r.files["out.pcap"]))).toBeNull();
  expect(r.read("s.count")).toBe("1");
});

it("the tutorial's chain command line runs: non-IP to output 1 (unconnected, so dropped), TTL > 255 refused", () => {
  const frames = [pkt.ether().ipv4({ ttl: 9 }).udp().build(), pkt.ether().arp({ op: "request", senderIp: "10.0.0.1", targetIp: "10.0.0.2" }).build()];
  const r = runClick(chainConfig("Strip(14) -> s :: SetTTL(5) -> Unstrip(14)", "in.pcap", "out.pcap"),
    { files: { "in.pcap": pcapOf(frames) }, modules: [wasm] });
  expect(framesOf(r.files["out.pcap"]).length).toBe(1);
  expect(r.read("s.count")).toBe("1");
  expect(() => runClick("FromDump(in.pcap) -> SetTTL(300) -> Discard", { files: { "in.pcap": pcapOf(frames) }, modules: [wasm], configFile: "t.click" }))
    .toThrow(/t\.click:1: While configuring 'SetTTL@2 :: SetTTL':\n  TTL must be at most 255/);
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
