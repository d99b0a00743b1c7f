// The publishing round trip against a real registry (Verdaccio on 127.0.0.1):
//   1. publish @clickos/runtime, @clickos/sdk, @clickos/elements and
//      create-clickos-element, packed from the workspace as they are;
//   2. `npm create clickos-element` from the registry scaffolds @e2e/ttl-setter
//      (simple template); its dependencies install from the registry; it builds,
//      passes its own tests, passes `clickos pack` and is published;
//   3. a fresh project installs @e2e/ttl-setter and @clickos/sdk from the registry
//      and runs a Click configuration that requires the package with the installed
//      `clickos run`; the output capture and the handlers are checked.
//   4. the README's five-minute tutorial, every command line as written, from
//      `npm create clickos-element` to `npm publish` (readmeTutorial below).
// Only third-party dependencies leave loopback (Verdaccio proxies them to the npm
// registry this machine uses). The registry's storage is new each run, so the
// packages are published under their own versions and nothing in the repo changes.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffPackets, pkt, readCapture, writePcap } from "@clickos/sdk/testing";
import { prepare, ROOT } from "../scaffold/pipeline.mjs";
import { childEnv, Shell } from "./commands.ts";
import { startRegistry, type Registry } from "./registry.ts";

const SCOPE = "@e2e";
const ELEMENT_PKG = `${SCOPE}/ttl-setter`;
const WORKSPACE_PKGS = ["runtime", "sdk", "elements", "create-clickos-element"];
const LINKTYPE_RAW = 101;
/** The package the README's tutorial scaffolds and publishes. */
const TUTORIAL_PKG = "my-ttl";

function newest(dir: string): number {
  let t = 0;
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const s = statSync(p);
    t = Math.max(t, s.isDirectory() ? newest(p) : s.mtimeMs);
  }
  return t;
}

function version(dir: string): string {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).version;
}

let tmp: string;
let registry: Registry;
let sh: Shell;
let failed = false;

/** Runs `body`, remembering a failure so afterAll keeps the temp dir to look at. */
async function step(body: () => void | Promise<void>): Promise<void> {
  try { await body(); } catch (e) { failed = true; throw e; }
}

beforeAll(async () => {
  // What gets published must be built: the scaffolder and the SDK's dist through the
  // scaffold tests' own helper (atomic, rebuilt only when stale), the runtime's dist
  // here, the standard elements' .wasm by vitest's global setup.
  prepare();
  const runtime = join(ROOT, "runtime");
  const dist = join(runtime, "dist/index.js");
  if (!existsSync(dist) || statSync(dist).mtimeMs < newest(join(runtime, "src"))) {
    new Shell(childEnv()).run("npm", ["run", "build"], runtime);
  }
  expect(existsSync(join(ROOT, "elements/build/elements.wasm")), "elements/build/elements.wasm is not built").toBe(true);

  tmp = mkdtempSync(join(tmpdir(), "clickos-registry-"));
  registry = await startRegistry({
    dir: join(tmp, "registry"),
    localOnly: ["@clickos/*", `${SCOPE}/*`, "create-clickos-element", TUTORIAL_PKG],
    lifetimeSeconds: 600,
  });
  sh = new Shell(childEnv({ npm_config_userconfig: registry.npmrc }));
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (sh) console.log(`registry round trip, per command:\n${sh.timings()}`);
  if (tmp && !failed) rmSync(tmp, { recursive: true, force: true });
  else if (tmp) console.log(`registry round trip: left ${tmp} for inspection`);
});

describe("element packages through a real registry (Verdaccio on 127.0.0.1)", () => {
  it("publishes the workspace packages as packed from the repo", () => step(() => {
    const tarballs = join(tmp, "tarballs");
    mkdirSync(tarballs);
    for (const p of WORKSPACE_PKGS) {
      const dir = join(ROOT, p);
      const packed = sh.run("npm", ["pack", "--json", "--pack-destination", tarballs], dir);
      const file: string = JSON.parse(packed.stdout)[0].filename;
      // An absolute path: npm would read "dir/x.tgz" as a GitHub shorthand.
      sh.run("npm", ["publish", join(tarballs, file)], tmp);
    }
    const view = (spec: string) => JSON.parse(sh.run("npm", ["view", spec, "--json"], tmp).stdout);
    const sdk = view("@clickos/sdk");
    expect(sdk.version).toBe(version(join(ROOT, "sdk")));
    expect(sdk.bin).toEqual({ clickos: "bin/clickos.js" });
    expect(Object.keys(sdk.dependencies)).toEqual(expect.arrayContaining(["@clickos/runtime", "@clickos/elements"]));
    expect(view("@clickos/elements").clickos.wasm).toBe("build/elements.wasm");
    expect(view("create-clickos-element").bin).toEqual({ "create-clickos-element": "bin/create-clickos-element.js" });

    // The local-only scopes are not proxied: a name missing here is a 404, never a
    // package of the same name from elsewhere.
    const missing = sh.attempt("npm", ["view", "@clickos/no-such-package", "version"], tmp);
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/E404/);
  }), 120_000);

  let elementDir: string;

  it("scaffolds an element package with `npm create clickos-element` from the registry", () => step(() => {
    const work = join(tmp, "author");
    mkdirSync(work);
    const v = version(join(ROOT, "create-clickos-element"));
    // A private npm cache for this call only: npm exec keeps what it installed in
    // the cache's _npx folder, and a previous run's scaffolder of the same version
    // would be used instead of the one just published.
    const created = sh.run("npm", ["create", "--yes", `clickos-element@${v}`, "ttl-setter", "--",
      "--name", ELEMENT_PKG, "--template", "simple", "--yes", "--no-install"], work,
      { npm_config_cache: join(tmp, "npx-cache") });
    expect(created.stdout).toContain(`Created ${ELEMENT_PKG} (simple template, element TtlSetter)`);
    elementDir = join(work, "ttl-setter");
    const pkg = JSON.parse(readFileSync(join(elementDir, "package.json"), "utf8"));
    expect(pkg.name).toBe(ELEMENT_PKG);
    expect(pkg.clickos.elements).toEqual(["TtlSetter"]);
    expect(existsSync(join(elementDir, ".gitignore"))).toBe(true);
  }), 120_000);

  it("installs its dependencies from the registry, builds, tests, checks and publishes it", () => step(() => {
    expect(elementDir, "nothing was scaffolded (see the previous test)").toBeDefined();
    sh.run("npm", ["install"], elementDir);
    expectResolvedFromRegistry(elementDir, ["@clickos/sdk", "@clickos/runtime"]);

    // The element sources type-check as AssemblyScript for editors (src/tsconfig.json:
    // AssemblyScript's std library, the SDK's assembly API, the decorators).
    const asTypes = sh.attempt(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "src"], elementDir);
    expect(asTypes.status, asTypes.stdout + asTypes.stderr).toBe(0);

    const built = sh.run("npx", ["clickos", "build"], elementDir);
    expect(built.stdout + built.stderr).toMatch(/built build\/elements\.wasm .*TtlSetter/);
    const tests = sh.run("npx", ["vitest", "run"], elementDir);
    expect(tests.stdout).toMatch(/Tests\s+4 passed \(4\)/);

    // clickos pack checks the package, then leaves npm pack's tarball beside it:
    // that tarball is what gets published.
    const packed = sh.run("npx", ["clickos", "pack"], elementDir);
    expect(packed.stdout).toContain(`${ELEMENT_PKG}@0.1.0: package checks passed (TtlSetter)`);
    const tgz = join(elementDir, "e2e-ttl-setter-0.1.0.tgz");
    expect(existsSync(tgz), `clickos pack left no ${tgz}`).toBe(true);
    sh.run("npm", ["publish", tgz], elementDir);

    const keywords = JSON.parse(sh.run("npm", ["view", ELEMENT_PKG, "keywords", "--json"], elementDir).stdout);
    expect(keywords).toContain("clickos-element");
  }), 300_000);

  it("a fresh project installs it with the SDK from the registry and runs it with `clickos run`", () => step(() => {
    const app = join(tmp, "router");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "router", private: true, version: "0.0.0" }, null, 2) + "\n");
    sh.run("npm", ["install", ELEMENT_PKG, "@clickos/sdk"], app);
    expectResolvedFromRegistry(app, [ELEMENT_PKG, "@clickos/sdk", "@clickos/runtime", "@clickos/elements"]);
    expect(existsSync(join(app, "node_modules", ELEMENT_PKG, "build/elements.wasm"))).toBe(true);

    // Three IPv4 packets (TTL 64) and one IPv6 packet, raw IP. TtlSetter (from the
    // package) sets TTL 9; DecIPTTL (from the standard elements, also installed from
    // the registry) takes it to 8; the IPv6 packet is dropped and counted.
    const a = "10.0.0.1", b = "10.0.0.2";
    const input = (ttl: number) => [
      pkt.ipv4({ src: a, dst: b, ttl, id: 1 }).udp({ sport: 5000, dport: 53 }).payload("query").build(),
      pkt.ipv4({ src: b, dst: a, ttl, id: 2 }).tcp({ sport: 80, dport: 4321, flags: "SA" }).build(),
      pkt.ipv4({ src: a, dst: b, ttl, id: 3 }).icmp({ type: 8, code: 0, id: 1, seq: 1 }).payload("ping").build(),
    ];
    const v6 = pkt.ipv6({ src: "2001:db8::1", dst: "2001:db8::2" }).udp({ sport: 1, dport: 2 }).build();
    writeFileSync(join(app, "in.pcap"), writePcap([...input(64), v6].map((data) => ({ data })), { linkType: LINKTYPE_RAW }));
    writeFileSync(join(app, "config.click"), [
      `require(package "${ELEMENT_PKG}");`,
      "FromDump(in.pcap) -> t :: TtlSetter(TTL 9) -> CheckIPHeader -> DecIPTTL -> ToDump(out.pcap, ENCAP IP);",
      "",
    ].join("\n"));

    const ran = sh.run("npx", ["clickos", "run", "config.click", "-h", "t.count", "-h", "t.malformed"], app);
    expect(ran.stdout).toMatch(/^t\.count: 3$/m);
    expect(ran.stdout).toMatch(/^t\.malformed: 1$/m);
    const out = readCapture(new Uint8Array(readFileSync(join(app, "out.pcap"))));
    expect(out.linkType).toBe(LINKTYPE_RAW);
    const diff = diffPackets(input(8), out.records.map((r) => r.data), { linkType: LINKTYPE_RAW });
    expect(diff, diff ?? "").toBeNull();

    // The installed packages carry their types: a strict TypeScript check of a
    // test using @clickos/sdk/testing and @clickos/runtime finds every name
    // (no TS7016 "could not find a declaration file").
    writeFileSync(join(app, "check.ts"), [
      'import { runClick, pkt, diffPackets, type RunResult } from "@clickos/sdk/testing";',
      'import { parseClick } from "@clickos/runtime";',
      'const r: RunResult = runClick("InfiniteSource(LIMIT 1) -> c :: Counter -> Discard;", { files: {} });',
      'const n: string = r.read("c.count");',
      'const d: string | null = diffPackets([pkt.ether().ipv4({ ttl: 5 }).udp().build()], []);',
      'const g = parseClick("a :: Idle;", "x.click");',
      'export { n, d, g };',
      "",
    ].join("\n"));
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    writeFileSync(join(app, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, module: "nodenext", moduleResolution: "nodenext", target: "es2022", types: [] },
      files: ["check.ts"],
    }));
    const typed = sh.attempt(process.execPath, [tsc, "-p", "."], app);
    expect(typed.status, typed.stdout + typed.stderr).toBe(0);
  }), 180_000);
});

describe("the README's five-minute tutorial, verbatim, against the registry", () => {
  it("runs every command line of the section as written, and its code where it says", () => step(() => {
    const lines = readmeTutorial(readFileSync(join(ROOT, "README.md"), "utf8"));
    let cwd = join(tmp, "tutorial");
    mkdirSync(cwd);
    // A private npm cache: `npm create` must run the scaffolder just published,
    // not one an earlier run left in the cache's _npx folder.
    const env = { npm_config_cache: join(tmp, "tutorial-cache") };
    const out: Record<string, { stdout: string; all: string }> = {};
    for (const l of lines) {
      if (l.kind === "file") {
        // Step 2 shows the scaffolded element; step 5's test is saved where it says.
        if (l.path === "src/setttl.ts") expect(l.text, "README step 2 differs from the scaffolded src/setttl.ts").toBe(readFileSync(join(cwd, l.path), "utf8"));
        else writeFileSync(join(cwd, l.path), l.text);
        continue;
      }
      const cd = /^cd (\S+)$/.exec(l.command);
      if (cd) { cwd = join(cwd, cd[1]); continue; }
      const r = sh.run("bash", ["-c", l.command], cwd, env);
      out[l.command] = { stdout: r.stdout, all: r.stdout + r.stderr };
    }
    const ran = (prefix: string) => Object.entries(out).find(([c]) => c.startsWith(prefix))?.[1] ?? { stdout: "", all: "" };
    const said = (prefix: string) => ran(prefix).all;
    expect(said("npx clickos build")).toMatch(/built build\/elements\.wasm .*SetTTL/);
    expect(said("npx clickos inspect")).toContain("SetTTL");
    expect(said("npx clickos run --in")).toMatch(/^s\.count: 7$/m);
    expect(said("npx clickos run --in")).toMatch(/^s\.malformed: 1$/m);
    expect(JSON.parse(ran("npx clickos run -e").stdout).handlers["s.count"]).toEqual({ value: "7" });
    expect(readCapture(new Uint8Array(readFileSync(join(cwd, "out/ttl5.pcap")))).records).toHaveLength(7);
    expect(said("npm test")).toMatch(/Tests\s+5 passed \(5\)/); // the scaffold's 4 and step 5's
    expect(said("npx clickos pack")).toContain(`${TUTORIAL_PKG}@0.1.0: package checks passed (SetTTL)`);
    expect(sh.run("npm", ["view", TUTORIAL_PKG, "version"], cwd).stdout.trim()).toBe("0.1.0");
  }), 600_000);
});

type TutorialLine = { kind: "command"; command: string } | { kind: "file"; path: string; text: string };

/** The "Five minutes" section of README.md as what a reader does: each shell
 *  line (blocks that begin "# without the registry" are the alternative, not
 *  run; trailing "# ..." comments dropped), and each TypeScript block with the
 *  file it belongs in: the element is src/setttl.ts, a test the `test/....ts`
 *  the paragraph before it names. */
function readmeTutorial(readme: string): TutorialLine[] {
  const start = readme.indexOf("## Five minutes");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  const lines: TutorialLine[] = [];
  let last = 0;
  for (const m of section.matchAll(/```(sh|ts)\n([\s\S]*?)```/g)) {
    const before = section.slice(last, m.index);
    last = m.index! + m[0].length;
    if (m[1] === "ts") {
      const named = [...before.matchAll(/`(test\/[\w.-]+\.test\.ts)`/g)].pop()?.[1];
      lines.push({ kind: "file", path: /^\/\*\n=c\n/.test(m[2]) ? "src/setttl.ts" : named ?? "test/readme.test.ts", text: m[2] });
      continue;
    }
    if (m[2].startsWith("# without the registry")) continue;
    for (const raw of m[2].split("\n")) {
      const command = raw.replace(/\s+#\s.*$/, "").trim();
      if (command && !command.startsWith("#")) lines.push({ kind: "command", command });
    }
  }
  if (!lines.some((l) => l.kind === "command" && l.command.startsWith("npm create"))) throw new Error("README.md's tutorial has no npm create line");
  return lines;
}

/** Every named package in the project's lockfile came from the test registry. */
function expectResolvedFromRegistry(dir: string, names: string[]): void {
  const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"));
  for (const n of names) {
    const entry = lock.packages[`node_modules/${n}`];
    expect(entry, `${n} is not in ${dir}/package-lock.json`).toBeDefined();
    expect(entry.resolved, `${n} was not installed from the test registry`).toMatch(new RegExp(`^${registry.url.replace(/[.]/g, "\\.")}`));
  }
}
