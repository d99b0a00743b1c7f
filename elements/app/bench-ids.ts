// Benchmark (not a test): ContentIDS cost with 5 rules against 50 rules in the
// Node host. The issue asks for the 50-rule cost within 1.5x of the 5-rule cost;
// the Aho-Corasick DFA makes per-byte work independent of the rule count, so the
// ratio measures what is left: cache footprint of the larger table, and matches.
//
//   npx tsx --conditions=source elements/app/bench-ids.ts [--packets N] [--wasm file.wasm] [--rounds R]
//
// Without --wasm the element package is built first (into a temporary file).
// Each configuration runs R times, alternating, and the fastest run counts. The
// same run without ContentIDS (FromDump -> Discard) gives the host's own cost,
// which is subtracted to get the element's cost per packet.

import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runClick, writePcap, pkt } from "@clickos/sdk/testing";

const argv = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : def;
};
const NPACKETS = Number(opt("--packets", "200000"));
const ROUNDS = Number(opt("--rounds", "3"));
const PAYLOAD = 500;

// 50 Snort-like content strings; the 5-rule set is the first five.
const CONTENTS = [
  "/etc/passwd", "cmd.exe", "|90 90 90 90 90 90 90 90|", "SELECT * FROM", "<script>",
  "/bin/sh", "wget http", "UNION SELECT", "../../", "%252e%252e",
  "Content-Type: application/x-sh", "|4d 5a 90 00|", "root:x:0:0", "passwd=", "admin.php",
  "/cgi-bin/", "xp_cmdshell", "DROP TABLE", "eval(", "base64_decode",
  "/proc/self/environ", "|de ad be ef|", "User-Agent: sqlmap", "nc -e", "chmod 777",
  ".htaccess", "wp-login.php", "phpmyadmin", "/shell?", "Authorization: Basic YWRtaW4",
  "|7f 45 4c 46|", "powershell -enc", "document.cookie", "onerror=", "javascript:",
  "../etc/shadow", "/.git/config", "HNAP1", "|00 00 00 00 00 00 00 01|", "${jndi:",
  "Shellshock () {", "/console/login", "mimikatz", "|ff ff ff ff ff ff|", "sa_password",
  "CONNECT ", "X-Forwarded-For: 127", "/wp-admin/", "tftp -i", "busybox",
];

function ruleArg(c: string): string { return c.startsWith("|") ? c : JSON.stringify(c); }

// Payloads: half random bytes, half HTTP-like text (which walks deeper into the
// automaton, since rule prefixes such as "/", "<", "SE", "wp-" are common there);
// one packet in 100 carries a real rule content.
function payloads(n: number): Uint8Array[] {
  let seed = 12345;
  const rnd = () => { seed = (seed * 1103515245 + 12345) >>> 0; return seed >>> 8; };
  const words = ["GET", "POST", "/index.html", "HTTP/1.1", "Host:", "www.example.com", "User-Agent:",
    "Mozilla/5.0", "Accept:", "text/html", "/wp-content/", "SELECT", "id=", "&name=", "<div>", "../img/",
    "Cookie:", "session=", "/cgi", "admin", "sh", "cmd", "eval", "\r\n"];
  const enc = new TextEncoder();
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    const p = new Uint8Array(PAYLOAD);
    if (i % 2 === 0) for (let k = 0; k < PAYLOAD; k++) p[k] = rnd() & 255;
    else {
      let k = 0;
      while (k < PAYLOAD) {
        const w = enc.encode(words[rnd() % words.length] + " ");
        p.set(w.subarray(0, PAYLOAD - k), k);
        k += w.length;
      }
    }
    if (i % 100 === 7) p.set(enc.encode("cmd.exe /c"), 100);
    out.push(p);
  }
  return out;
}

async function wasmPath(): Promise<string> {
  const given = opt("--wasm", "");
  if (given) return given;
  const { buildPackage } = await import("@clickos/sdk");
  const out = join(mkdtempSync(join(tmpdir(), "bench-ids-")), "elements.wasm");
  const dir = join(dirname(fileURLToPath(import.meta.url)), "..");
  process.stderr.write("building the element package...\n");
  await buildPackage({ dir, out });
  return out;
}

function timeRun(config: string, pcap: Uint8Array, elements: string): { ms: number; hits?: string } {
  const t0 = performance.now();
  const r = runClick(config, { files: { "in.pcap": pcap }, elements });
  const ms = performance.now() - t0;
  if (r.stats.packetsIn !== NPACKETS) throw new Error(`expected ${NPACKETS} packets in, got ${r.stats.packetsIn}`);
  return { ms, hits: config.includes("ids ::") ? r.read("ids.alerts") : undefined };
}

async function main(): Promise<void> {
  const elements = await wasmPath();
  process.stderr.write(`building ${NPACKETS} packets of ${PAYLOAD}-byte UDP payloads...\n`);
  const frames = payloads(NPACKETS).map((p, i) =>
    ({ data: pkt.ipv4({ id: i & 0xffff }).udp({ sport: 40000, dport: 80 }).payload(p).build() }));
  const pcap = writePcap(frames, { linkType: 101 });
  const configs: Record<string, string> = {
    baseline: "FromDump(in.pcap) -> Discard;",
    "5 rules": `FromDump(in.pcap) -> ids :: ContentIDS(${CONTENTS.slice(0, 5).map(ruleArg).join(", ")}) -> Discard; ids[1] -> Discard;`,
    "50 rules": `FromDump(in.pcap) -> ids :: ContentIDS(${CONTENTS.map(ruleArg).join(", ")}) -> Discard; ids[1] -> Discard;`,
  };
  const best: Record<string, number> = {};
  const alerts: Record<string, string> = {};
  timeRun(configs["50 rules"], pcap, elements); // warm up the JIT and the module cache
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, cfg] of Object.entries(configs)) {
      const { ms, hits } = timeRun(cfg, pcap, elements);
      best[name] = Math.min(best[name] ?? Infinity, ms);
      if (hits !== undefined) alerts[name] = hits;
    }
  }
  const ns = (name: string) => (best[name] * 1e6) / NPACKETS;
  const base = ns("baseline");
  console.log(`packets: ${NPACKETS} x ${PAYLOAD}-byte payloads, best of ${ROUNDS}`);
  for (const name of Object.keys(configs)) {
    const extra = name === "baseline" ? "" : `  ContentIDS alone ${(ns(name) - base).toFixed(1)} ns/packet, alerts ${alerts[name]}`;
    console.log(`${name.padEnd(9)} ${ns(name).toFixed(1)} ns/packet (whole run)${extra}`);
  }
  const whole = ns("50 rules") / ns("5 rules");
  const alone = (ns("50 rules") - base) / (ns("5 rules") - base);
  console.log(`ratio 50/5 rules: ${whole.toFixed(3)} (whole run), ${alone.toFixed(3)} (ContentIDS alone, baseline subtracted); budget 1.5`);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
