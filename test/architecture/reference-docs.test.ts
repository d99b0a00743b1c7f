// The generated reference pages (docs/author-api.md, docs/host-elements.md) match
// the sources they are made from: regenerate with
//   npx tsx --conditions=source scripts/reference-docs.ts
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { referencePages } from "../../scripts/reference-docs.ts";
import { HOST_CLASSES } from "../../runtime/src/host/elements/index.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const pages = referencePages();

describe("reference pages", () => {
  for (const [file, text] of Object.entries(pages)) {
    it(`${file} is up to date`, () => {
      expect(readFileSync(join(ROOT, file), "utf8"), `${file} is stale: run npx tsx --conditions=source scripts/reference-docs.ts`).toBe(text);
    });
  }
  it("documents every host class and the author API's main classes", () => {
    for (const c of HOST_CLASSES) expect(pages["docs/host-elements.md"]).toContain(`[${c.name}](#`);
    for (const c of ["Element", "Packet", "Batch", "Args", "ArgReader", "StringAccum", "IPv4Header", "IPAddress"]) {
      expect(pages["docs/author-api.md"]).toContain(`### class \`${c}\``);
    }
  });
});
