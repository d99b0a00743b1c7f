// The scaffolder, run as users run it: the built bin, non-interactively, into
// temporary directories. File lists, the name rewrite, the package.json it writes,
// name validation and the refusal to write into a non-empty directory.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildScaffolder, listFiles, removeTempDirs, scaffold, tempDir, SCAFFOLDER, ROOT, BIN as SCAFFOLDER_BIN } from "./helpers.ts";
import { mixedPcap, TEMPLATES } from "./template-fixtures.ts";
import { SDK_RANGE, ABI_VERSION } from "../../create-clickos-element/src/versions.ts";
import { SDK_VERSION } from "@clickos/sdk";
import { ABI_VERSION as RUNTIME_ABI } from "@clickos/runtime";
import { sdkRangeProblem } from "../../sdk/src/package/sdk-range.ts";

const FILES = (base: string) => [
  ".clickos/scaffold.json", ".gitignore", "README.md", "asconfig.json", "package.json",
  `src/${base}.ts`, "src/tsconfig.json", "test/fixtures/mixed.pcap", `test/${base}.bench.ts`, `test/${base}.test.ts`, "vitest.config.ts",
].sort();
const PLACEHOLDERS = /clickos-element-template|TemplateElement|templateelement/;
const TEXT = /\.(ts|json|md)$|^\.gitignore$/;

beforeAll(() => buildScaffolder());
afterAll(() => removeTempDirs());

describe.each(TEMPLATES)("template %s", (template) => {
  it("writes the template's files with the names rewritten", () => {
    const cwd = tempDir();
    const r = scaffold(["my-filter", "--template", template, "--yes", "--no-install"], cwd);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Created my-filter (${template} template, element MyFilter)`);
    const dir = join(cwd, "my-filter");
    expect(listFiles(dir)).toEqual(FILES("myfilter"));
    for (const f of listFiles(dir).filter((f) => TEXT.test(f.split("/").pop()!))) {
      expect(readFileSync(join(dir, f), "utf8"), `${f} still holds a placeholder name`).not.toMatch(PLACEHOLDERS);
    }
    const src = readFileSync(join(dir, "src/myfilter.ts"), "utf8");
    expect(src).toMatch(/@element\("MyFilter"/);
    expect(src).toContain("export class MyFilter extends Element");
    expect(src).toMatch(/^=c\nMyFilter\(/m);
    expect(readFileSync(join(dir, "test/myfilter.test.ts"), "utf8")).toContain("MyFilter-01");
    expect(readFileSync(join(dir, "README.md"), "utf8")).toMatch(/^# my-filter\n/);
    // The fixture is copied byte for byte.
    expect(new Uint8Array(readFileSync(join(dir, "test/fixtures/mixed.pcap")))).toEqual(mixedPcap());
  });

  it("records the README it wrote, and clickos pack warns while it is unchanged", () => {
    const cwd = tempDir();
    expect(scaffold(["readme-pkg", "--template", template, "--yes", "--no-install"], cwd).status).toBe(0);
    const dir = join(cwd, "readme-pkg");
    expect(JSON.parse(readFileSync(join(dir, ".clickos/scaffold.json"), "utf8"))).toMatchObject({ template, readme: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const pack = () => spawnSync(process.execPath, [join(ROOT, "sdk/bin/clickos.js"), "pack", "--check", "--no-test", dir], { encoding: "utf8" });
    expect(pack().stderr).toMatch(/^warning: README\.md: still the text npm create clickos-element wrote/m);
    writeFileSync(join(dir, "README.md"), readFileSync(join(dir, "README.md"), "utf8") + "\nWhat it really does.\n");
    expect(pack().stderr).not.toMatch(/warning: README/);
  });

  it("writes a complete element package.json", () => {
    const cwd = tempDir();
    expect(scaffold(["pkg", "--template", template, "--yes", "--no-install", "--description", "Does things"], cwd).status).toBe(0);
    const pkg = JSON.parse(readFileSync(join(cwd, "pkg/package.json"), "utf8"));
    expect(pkg.name).toBe("pkg");
    expect(pkg.description).toBe("Does things");
    expect(pkg.keywords).toContain("clickos-element");
    expect(pkg.clickos).toEqual({ abi: ABI_VERSION, wasm: "build/elements.wasm", sources: ["src"], elements: ["Pkg"] });
    expect(pkg.scripts).toMatchObject({ build: "clickos build", test: "clickos build && vitest run" });
    expect(pkg.scripts.bench).toMatch(/^clickos build && vitest bench/);
    expect(pkg.files).toEqual(["build/elements.wasm", "src", "README.md"]);
    expect(pkg.peerDependencies).toEqual({ "@clickos/sdk": SDK_RANGE });
    expect(pkg.devDependencies).toMatchObject({
      "@clickos/sdk": SDK_RANGE, "@clickos/runtime": SDK_RANGE, vitest: "4.1.12", assemblyscript: "0.28.20",
    });
  });
});

describe("names", () => {
  it("derives the class from a scoped name and keeps the scope in package.json", () => {
    const cwd = tempDir();
    const r = scaffold(["dir", "--name", "@acme/ttl-setter", "--yes", "--no-install"], cwd);
    expect(r.status).toBe(0);
    expect(listFiles(join(cwd, "dir"))).toEqual(FILES("ttlsetter"));
    expect(JSON.parse(readFileSync(join(cwd, "dir/package.json"), "utf8")).name).toBe("@acme/ttl-setter");
    expect(readFileSync(join(cwd, "dir/src/ttlsetter.ts"), "utf8")).toContain("export class TtlSetter extends Element");
  });

  it("takes --class, and avoids names the SDK or the host already use", () => {
    const cwd = tempDir();
    expect(scaffold(["a", "--class", "SetTTL", "--yes", "--no-install"], cwd).status).toBe(0);
    expect(existsSync(join(cwd, "a/src/setttl.ts"))).toBe(true);
    expect(scaffold(["counter", "--yes", "--no-install"], cwd).status).toBe(0);
    expect(readFileSync(join(cwd, "counter/src/counterelement.ts"), "utf8")).toContain("class CounterElement");
  });

  it.each([
    ["My-Filter", "contains uppercase letters"],
    ["my filter", "contains spaces"],
    ["@acme/a/b", "exactly one slash"],
    [".hidden", "starts with '.'"],
    ["caf\u00e9", "not URL-safe"],
    ["fs", "reserved"],
    ["x".repeat(215), "215 characters long"],
  ])("refuses the package name %j", (name, why) => {
    const cwd = tempDir();
    const r = scaffold(["dir", "--name", name, "--yes", "--no-install"], cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`create-clickos-element: error: '${name}' is not a valid npm package name: `);
    expect(r.stderr).toContain(why);
    expect(existsSync(join(cwd, "dir"))).toBe(false);
  });

  it("refuses a directory name that is not a package name, pointing at --name", () => {
    const cwd = tempDir();
    const r = scaffold(["MyFilter", "--yes", "--no-install"], cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/'MyFilter' is not a valid npm package name: .*uppercase.*\(pass --name\)/);
  });

  it("refuses an invalid --class, an unknown template and unknown options", () => {
    const cwd = tempDir();
    const bad = scaffold(["x", "--class", "9lives", "--yes", "--no-install"], cwd);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("--class: '9lives' is not a valid class name");
    const tpl = scaffold(["x", "--template", "router", "--yes"], cwd);
    expect(tpl.status).toBe(2);
    expect(tpl.stderr).toContain("unknown template 'router' (expected simple, classifier, stateful, scheduler)");
    const opt = scaffold(["x", "--colour"], cwd);
    expect(opt.status).toBe(2);
    expect(opt.stderr).toContain("unknown option --colour");
    expect(existsSync(join(cwd, "x"))).toBe(false);
  });
});

describe("target directory", () => {
  it("refuses a non-empty directory without --force, and leaves it alone", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken/README.md"), "mine\n");
    const r = scaffold(["taken", "--yes", "--no-install"], cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe("create-clickos-element: error: taken is not empty; choose another directory or pass --force to overwrite its files\n");
    expect(listFiles(join(cwd, "taken"))).toEqual(["README.md"]);
    expect(readFileSync(join(cwd, "taken/README.md"), "utf8")).toBe("mine\n");
  });

  it("overwrites with --force and keeps files the template does not have", () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken/README.md"), "mine\n");
    writeFileSync(join(cwd, "taken/NOTES.txt"), "keep\n");
    expect(scaffold(["taken", "--force", "--yes", "--no-install"], cwd).status).toBe(0);
    expect(readFileSync(join(cwd, "taken/README.md"), "utf8")).toMatch(/^# taken\n/);
    expect(readFileSync(join(cwd, "taken/NOTES.txt"), "utf8")).toBe("keep\n");
  });

  it("scaffolds into the current directory with '.', named after it", () => {
    const cwd = join(tempDir(), "here-pkg");
    mkdirSync(cwd);
    expect(scaffold([".", "--yes", "--no-install"], cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "package.json"), "utf8")).name).toBe("here-pkg");
  });
});

describe("flags", () => {
  it("without a directory, uses --name's bare part for it", () => {
    const cwd = tempDir();
    expect(scaffold(["--name", "@acme/nat-lite", "--yes", "--no-install"], cwd).status).toBe(0);
    expect(JSON.parse(readFileSync(join(cwd, "nat-lite/package.json"), "utf8")).name).toBe("@acme/nat-lite");
  });

  it("without a terminal and without --yes, takes the defaults instead of prompting", () => {
    const cwd = tempDir();
    const r = scaffold(["quiet", "--no-install"], cwd);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("(simple template, element Quiet)");
  });

  it("writes --sdk and --runtime paths as file: specs relative to the package", () => {
    const cwd = tempDir();
    expect(scaffold(["p", "--yes", "--no-install", "--sdk", join(ROOT, "sdk"), "--runtime", `file:${join(ROOT, "runtime")}`], cwd).status).toBe(0);
    const dev = JSON.parse(readFileSync(join(cwd, "p/package.json"), "utf8")).devDependencies;
    expect(dev["@clickos/sdk"]).toMatch(/^file:\.\.\//);
    expect(resolve(cwd, "p", dev["@clickos/sdk"].slice(5))).toBe(join(ROOT, "sdk"));
    expect(resolve(cwd, "p", dev["@clickos/runtime"].slice(5))).toBe(join(ROOT, "runtime"));
    const missing = scaffold(["q", "--yes", "--no-install", "--sdk", "./nowhere"], cwd);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("./nowhere: no package.json there");
  });

  it("a failed install says how to scaffold against a clone instead (the flags that work without the registry)", () => {
    const cwd = tempDir();
    // Offline with an empty cache: npm cannot install @clickos/sdk, and says so at once.
    const r = spawnSync(process.execPath, [SCAFFOLDER_BIN, "nope", "--yes", "--sdk", "^99.0.0"], {
      cwd, encoding: "utf8", input: "", timeout: 120_000,
      env: { ...process.env, npm_config_user_agent: "", npm_config_offline: "true", npm_config_cache: join(cwd, "empty-cache") },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("npm install failed in nope (the files are in place).");
    expect(r.stderr).toContain("--force --sdk CLONE/sdk --runtime CLONE/runtime");
    expect(existsSync(join(cwd, "nope/package.json"))).toBe(true);
  });

  it("--help prints the usage", () => {
    const r = scaffold(["--help"], tempDir());
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--template NAME");
    expect(r.stdout).toContain("--no-install");
  });
});

describe("consistency with the SDK", () => {
  it("targets the SDK's ABI and version line", () => {
    expect(ABI_VERSION).toBe(RUNTIME_ABI);
    expect(sdkRangeProblem(SDK_RANGE, SDK_VERSION)).toBeNull();
  });

  it("ships the fixture the generator makes", () => {
    for (const t of TEMPLATES) {
      const committed = new Uint8Array(readFileSync(join(SCAFFOLDER, `template-${t}/test/fixtures/mixed.pcap`)));
      expect(committed, `template-${t}: regenerate with template-fixtures.ts --write`).toEqual(mixedPcap());
    }
  });

  it("publishes the bin, dist and every template file (as npm pack lists them)", () => {
    const pkg = JSON.parse(readFileSync(join(SCAFFOLDER, "package.json"), "utf8"));
    expect(pkg.bin).toEqual({ "create-clickos-element": "bin/create-clickos-element.js" });
    expect(Object.keys(pkg.dependencies)).toEqual(["@clack/prompts"]);
    const r = spawnSync("npm", ["pack", "--dry-run", "--json"], { cwd: SCAFFOLDER, encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const shipped: string[] = JSON.parse(r.stdout)[0].files.map((f: { path: string }) => f.path);
    for (const t of TEMPLATES) {
      const dir = join(SCAFFOLDER, `template-${t}`);
      for (const f of listFiles(dir)) expect(shipped, `template-${t}/${f}`).toContain(`template-${t}/${f}`);
    }
    expect(shipped).toContain("bin/create-clickos-element.js");
    expect(shipped).toContain("dist/index.js");
  });
});
