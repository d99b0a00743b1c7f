// Runs a golden case of the simple shape these elements' tests use
//   FromDump($IN) -> Strip(14) -> e :: Element(CONFIG);   [FromDump($IN2) -> Strip(14) -> [1]e;]
//   e[k] -> Unstrip(14) -> ToDump($OUTk)                   (OUT for k = 0)
// directly through elements.wasm with ElementDriver, comparing outputs with the
// expected pcaps and handlers with <name>.handlers.json. This checks the fixtures
// independently of the Node host's golden runner (which also runs them).
import { readFileSync, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { readCapture } from "@clickos/runtime";
import { diffPackets } from "@clickos/sdk/testing";
import { ElementDriver, type Pkt } from "./wasm-driver.ts";

export function driverCases(dir: string): string[] {
  return readdirSync(dir).filter((n) => n.endsWith(".click")).map((n) => n.slice(0, -6)).sort();
}

function balanced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")" && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error("unbalanced parentheses");
}

export function runDriverCase(dir: string, name: string, wasm: string): string[] {
  const click = readFileSync(join(dir, `${name}.click`), "utf8");
  const m = /(\w+)\s*::\s*(\w+)\(/.exec(click.replace(/\/\/.*$/gm, ""));
  if (!m) return [`${name}: no element declaration`];
  const body = click.replace(/\/\/.*$/gm, "");
  const [, ename, cls] = m;
  const config = balanced(body, body.indexOf("(", m.index + m[0].length - 1));
  const outVars = new Map<number, string>();
  for (const o of body.matchAll(new RegExp(`${ename}\\[(\\d+)\\][^;]*ToDump\\(\\$(\\w+)`, "g"))) outVars.set(Number(o[1]), o[2]);
  const inputs = /FromDump\(\$IN2\)/.test(body) ? ["IN", "IN2"] : ["IN"];
  const d = new ElementDriver(wasm);
  const errs = d.create(cls, config, inputs.length, Math.max(...outVars.keys()) + 1);
  if (errs.length) return [`${name}: configure: ${errs.join("; ")}`];
  const got = new Map<number, Uint8Array[]>();
  inputs.forEach((v, port) => {
    const cap = readCapture(new Uint8Array(readFileSync(join(dir, `${name}.${v}.pcap`))), v);
    const pkts: Pkt[] = cap.records.map((r) => ({ data: r.data.slice(14), timestampNs: r.timestampNs }));
    const heads = cap.records.map((r) => r.data.slice(0, 14));
    // one packet per crossing, as a push path of single packets would
    pkts.forEach((p, i) => {
      const [o] = d.push(port, [p]);
      if (o.port < 0) return;
      const frame = new Uint8Array(14 + o.data.length);
      frame.set(heads[i]); frame.set(o.data, 14);
      if (!got.has(o.port)) got.set(o.port, []);
      got.get(o.port)!.push(frame);
    });
  });
  const failures: string[] = [];
  for (const [port, v] of outVars) {
    const exp = readCapture(new Uint8Array(readFileSync(join(dir, `${name}.${v}.pcap`))), v);
    const diff = diffPackets(exp.records.map((r) => r.data), got.get(port) ?? [], { linkType: exp.linkType });
    if (diff) failures.push(`${name}: $${v}: ${diff}`);
  }
  const hfile = join(dir, `${name}.handlers.json`);
  if (existsSync(hfile)) {
    for (const [path, want] of Object.entries(JSON.parse(readFileSync(hfile, "utf8")) as Record<string, string>)) {
      const h = path.slice(path.indexOf(".") + 1);
      const v = d.read(h);
      if (v.trim() !== want.trim()) failures.push(`${name}: handler ${path}: expected ${JSON.stringify(want.trim())}, got ${JSON.stringify(v.trim())}`);
    }
  }
  return failures;
}
