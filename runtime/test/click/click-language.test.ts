import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import splitCases from "../../../test/shared/config-split-cases.json" with { type: "json" };
const SPLIT_CASES = splitCases.cases as [string, string[]][];
import {
  ClickSyntaxError, parseClick, parseClickResult, parseRouter, splitConfig, unparseFlat, unquote, quote,
  type FlatGraph,
} from "../../src/click/index.js";
import { PORT_LIST_CASES } from "./port-list-cases.js";

const corpus = join(dirname(fileURLToPath(import.meta.url)), "corpus");
const files = readdirSync(corpus).filter((f) => f.endsWith(".click")).sort();

/** The graph without locations, for comparisons across re-parsing. */
function shape(g: FlatGraph) {
  return {
    elements: g.elements.map(({ name, className, config }) => ({ name, className, config })),
    connections: g.connections.map(({ from, fromPort, to, toPort }) => ({ from, fromPort, to, toPort })),
    requires: g.requires,
  };
}

describe("corpus", () => {
  it("has at least 10 configurations", () => expect(files.length).toBeGreaterThanOrEqual(10));
  for (const f of files) {
    const text = readFileSync(join(corpus, f), "utf8");
    it(`${f} flattens to its expected graph`, () => {
      const g = parseClick(text, f);
      expect(unparseFlat(g)).toBe(readFileSync(join(corpus, f.replace(/\.click$/, ".expected")), "utf8"));
    });
    it(`${f} round-trips through unparseFlat`, () => {
      const g = parseClick(text, f);
      const again = parseClick(unparseFlat(g), "flat.click");
      expect(shape(again)).toEqual(shape(g));
    });
  }
});

describe("flattening details", () => {
  it("keeps file and line of declarations, including inside compounds", () => {
    const g = parseClick(readFileSync(join(corpus, "iprouter.click"), "utf8"), "iprouter.click");
    const q = g.elements.find((e) => e.name === "arp0/q")!;
    expect(q).toMatchObject({ className: "ARPQuerier", file: "iprouter.click", line: 8 });
    const cp = g.elements.find((e) => e.name === "cp0")!;
    expect(cp.line).toBe(36);
    const c = g.connections.find((c) => c.from === "DecIPTTL@25")!;
    expect(c).toMatchObject({ to: "arp0/q", toPort: 0, line: 36 });
    expect(g.requires).toEqual([{ kind: "package", value: "clickos-elements" }]);
  });

  it("names anonymous elements Class@N by position", () => {
    const g = parseClick("FromDevice(eth0) -> c :: Counter -> Strip(14) -> Discard;");
    expect(g.elements.map((e) => e.name)).toEqual(["FromDevice@1", "c", "Strip@3", "Discard@4"]);
  });

  it("renumbers an anonymous name that clashes with a declared one", () => {
    const g = parseClick("Idle@3 :: Counter; Idle -> Idle -> Discard;");
    expect(g.elements.map((e) => e.name)).toEqual(["Idle@3", "Idle@2", "Idle@4", "Discard@4"]);
  });

  it("accepts `::` and arrows split across lines, and [n]name port spelling", () => {
    const g = parseClick("a\n::\nTee(2)\n;\na [1]\n->\n[0]b :: Discard; a[0]->[0]c::Discard");
    expect(shape(g).connections).toEqual([
      { from: "a", fromPort: 1, to: "b", toPort: 0 },
      { from: "a", fromPort: 0, to: "c", toPort: 0 },
    ]);
  });

  it("connects a declaration made inline in a chain", () => {
    const g = parseClick("x :: Idle; x -> y :: Counter -> z :: Discard;");
    expect(shape(g).connections).toEqual([
      { from: "x", fromPort: 0, to: "y", toPort: 0 },
      { from: "y", fromPort: 0, to: "z", toPort: 0 },
    ]);
  });

  it("splices pass-through compounds (input straight to output)", () => {
    const g = parseClick("elementclass W { input -> output } Idle -> W -> W -> Discard;");
    expect(shape(g).connections).toEqual([{ from: "Idle@1", fromPort: 0, to: "Discard@4", toPort: 0 }]);
    expect(g.elements.map((e) => e.name)).toEqual(["Idle@1", "Discard@4"]);
  });

  it("substitutes formals into configurations, quoting inside double quotes", () => {
    const g = parseClick('elementclass P { $m | input -> Print("x $m", $m) -> output } Idle -> P(\'a"b\') -> Discard;');
    expect(g.elements[1]).toMatchObject({ name: "P@2/Print@1", config: '"x \'a\\"b\'", \'a"b\'' });
  });

  it("lets a compound see global defines but shadows them with formals", () => {
    const g = parseClick("define($X 1, $Y 2) elementclass C { $X | input -> Paint($X $Y) -> output } Idle -> C(9) -> Discard;");
    expect(g.elements[1].config).toBe("9 2");
  });

  it("keeps comments out of configuration strings", () => {
    const g = parseClick("a :: Foo(1, /* two */ 2 // three\n, 3);");
    expect(g.elements[0].config).toBe("1, 2\n, 3");
  });

  it("uses an isClass option when given", () => {
    const r = parseClickResult("x -> y;", "o.click", { isClass: (n) => n === "x" || n === "y" });
    expect(r.errors).toEqual([]);
    expect(r.graph.elements.map((e) => e.className)).toEqual(["x", "y"]);
  });

  it("exposes the AST before flattening", () => {
    const { ast, errors } = parseRouter("elementclass C { input -> output } c :: C;", "a.click");
    expect(errors.count).toBe(0);
    const c = ast.scope.elements[0];
    expect(c.classRef.kind).toBe("compound");
    if (c.classRef.kind === "compound") expect(c.classRef.def.bodies[0]).toMatchObject({ ninputs: 1, noutputs: 1 });
  });
});

/** Port lists and '=>', checked against Click's Lexer::yconnection_connect_all. */
describe("port lists and '=>'", () => {
  const conns = (text: string): string[] => {
    const r = parseRouter(text, "p.click");
    expect(r.errors.count, JSON.stringify(r.errors)).toBe(0);
    return r.ast.scope.connections.map((c) => `${c.from}[${c.fromPort}] -> [${c.toPort}]${c.to}`);
  };
  for (const [what, text, expected] of PORT_LIST_CASES) it(what, () => expect(conns(text)).toEqual(expected));

  it("flattens '=>' inside compounds, implicit ports included", () => {
    const r = parseClickResult("elementclass P { input [0,1] => [0,1] output }\nt :: Tee(2) -> p :: P; t[1] -> [1]p; d0, d1 :: Discard; p[0,1] => d0, d1;", "p.click");
    expect(r.errors).toEqual([]);
    expect(r.graph.connections.map((c) => `${c.from}[${c.fromPort}]->${c.to}[${c.toPort}]`).sort())
      .toEqual(["t[0]->d0[0]", "t[1]->d1[0]"]);
  });
});

describe("variables", () => {
  it("leaves an undefined $x in the configuration, as Click does for Script", () => {
    const r = parseClickResult("define($A 1)\na :: Paint($A, $B) -> Discard;\nelementclass C { $a | input -> Paint($b) -> output }\nIdle -> C(1) -> a;", "v.click");
    expect(r.errors).toEqual([]);
    expect(r.graph.elements.map((e) => e.config)).toContain("1, $B");
    expect(r.graph.elements.map((e) => e.config)).toContain("$b");
  });
});

describe("configuration strings", () => {
  // The case list both splitters share (the module side runs it in sdk/test/args).
  it.each(SPLIT_CASES)("splits %j like cp_argvec", (conf, want) => expect(splitConfig(conf)).toEqual(want));
  it("unquotes like cp_unquote", () => {
    expect(unquote('"a\\tb" c')).toBe("a\tb c");
    expect(unquote("'no \\n escapes'")).toBe("no \\n escapes");
    expect(unquote('"\\x41\\101\\$"')).toBe("AA$");
    expect(unquote("\\<48 65 6c6c /* x */ 6f>")).toBe("Hello");
    expect(unquote('x"y"z')).toBe("xyz");
  });
  it("quote is the inverse of unquote", () => {
    for (const s of ["", 'a"b', "back\\slash", "tab\there", "$var", "line\nbreak"]) expect(unquote(quote(s))).toBe(s);
  });
});

/** Malformed configurations: each with the exact messages Click-style. */
const bad: Array<[string, string, string[]]> = [
  ["syntax", "a :: Idle;\na -> ;\n", ["bad.click:2: syntax error near ';'"]],
  ["undeclared", "x :: Idle;\n\nx -> y;\n", ["bad.click:3: undeclared element 'y'"]],
  ["redeclaration", "x :: Idle;\nx :: Discard;\n", [
    "bad.click:2: redeclaration of element 'x'", "bad.click:1: element 'x' previously declared here"]],
  ["unterminated comment", "a :: Idle;\n/* never\nends", ["bad.click:2: unterminated comment"]],
  ["unterminated double quote", 'a :: Print("abc);\nb :: Idle;', ["bad.click:1: unterminated quote"]],
  ["unterminated single quote", "\na :: Print('abc);", ["bad.click:2: unterminated quote"]],
  ["unterminated parenthesis", "a :: Print(abc (x)\n\n", ["bad.click:1: unterminated configuration string"]],
  ["many-to-many with '->'", "a, b :: Idle;\nc, d :: Discard;\na, b -> c, d;", [
    "bad.click:3: syntax error: many-to-many connections require '=>'"]],
  ["port lists of different lengths", "t :: Tee(3);\nt [0,1,2] => [0,1] u :: Idle;", [
    "bad.click:2: connection mismatch: 3 outputs connected to 2 inputs"]],
  ["two expandable port lists", "t :: Tee(3);\nt [1,] => [0,] u :: Idle;", [
    "bad.click:2: at most one expandable port allowed per connection"]],
  ["port list that is not a number", "t :: Tee(2);\nt [0,x] -> Discard;", [
    "bad.click:2: syntax error: port number should be integer"]],
  ["port list without a comma", "t :: Tee(2);\nt [0 1] -> Discard;", ["bad.click:2: syntax error: expected ','"]],
  ["port list too long", "t :: Idle;\nt [0-99999999] -> Discard;", ["bad.click:2: port list longer than 65536"]],
  ["too many compound arguments", "elementclass C { $a | input -> Paint($a) -> output }\nIdle -> C(1, 2) -> Discard;", [
    "bad.click:2: no match for 'C[2 arguments, 1 input, 1 output]'", "bad.click:1: candidate: 'C(<arg>)[1 input, 1 output]'"]],
  ["missing keyword argument", "elementclass C { COUNT $c | input -> Paint($c) -> output }\nIdle -> C(5) -> Discard;", [
    "bad.click:2: no match for 'C[1 argument, 1 input, 1 output]'", "bad.click:1: candidate: 'C(COUNT)[1 input, 1 output]'"]],
  ["no overload matches", "elementclass C { input -> output || $x | input -> Paint($x) -> output }\nIdle -> C(1, 2) -> Discard;", [
    "bad.click:2: no match for 'C[2 arguments, 1 input, 1 output]'",
    "bad.click:1: candidate: 'C[1 input, 1 output]'", "bad.click:1: candidate: 'C(<arg>)[1 input, 1 output]'"]],
  ["compound input gap", "elementclass C {\n input [1] -> output }", ["bad.click:1: 'C' input 0 missing"]],
  ["compound output used as output", "elementclass C { output -> input }", [
    "bad.click:1: 'C' pseudoelement 'input' may only be used as output",
    "bad.click:1: 'C' pseudoelement 'output' may only be used as input"]],
  ["compound input unused outside", "elementclass C { input -> output }\nc :: C -> Discard;", ["bad.click:2: 'c' input 0 unused"]],
  ["compound has no such output", "elementclass C { input -> output }\nIdle -> c :: C;\nc [1] -> Discard;", [
    "bad.click:2: 'c' has no output 1", "bad.click:2: 'c' output 0 unused"]],
  ["many to many", "a, b :: Idle;\nc, d :: Discard;\na, b -> c, d;", ["bad.click:3: syntax error: many-to-many connections require '=>'"]],
  ["port not integer", "a :: Tee;\na [x] -> Discard;", ["bad.click:2: syntax error: port number should be integer"]],
  ["missing class", "a :: ;", ["bad.click:1: missing element type in declaration"]],
  ["stray brace", "a :: Idle;\n}\n", ["bad.click:2: syntax error near '}'"]],
  ["unclosed compound", "elementclass C { input -> output\n", ["bad.click:2: expected '}'"]],
  ["bad define", "define(X 1);", ["bad.click:1: bad 'define' declaration: not a variable"]],
  ["duplicate define", "define($X 1)\ndefine($X 2)", ["bad.click:2: parameter '$X' multiply defined"]],
  ["duplicate formal", "elementclass C { $a, $a | input -> output }", ["bad.click:1: parameter '$a' multiply defined"]],
  ["formals out of order", "elementclass C { K $k, $a | input -> output }", [
    "bad.click:1: compound element parameters out of order (the correct order is '[positional], [keywords], [__REST__]')"]],
  ["bad requirement", "require(package a b);", ["bad.click:1: syntax error at requirement"]],
  ["config on reference", "a :: Idle;\na(5) -> Discard;", ["bad.click:2: configuration string ignored on element reference"]],
  ["class used as element name", "elementclass C Idle;\nC :: Idle;", ["bad.click:2: class 'C' used as element name"]],
  ["all-digit name", "a/12 :: Idle;", ["bad.click:1: element name 'a/12' has all-digit component"]],
  ["ports at start of chain", "a :: Idle;\n[1] a -> Discard;", ["bad.click:2: input ports ignored at start of chain"]],
  ["ports at end of chain", "a :: Tee;\nIdle -> a [1];", ["bad.click:2: output ports ignored at end of chain"]],
  ["arrow at end of file", "a :: Idle;\na ->", ["bad.click:2: syntax error at end of file"]],
  ["flattened name clash", "elementclass C { input -> x :: Null -> output }\nc/x :: Idle;\nIdle -> c :: C -> Discard;", [
    "bad.click:1: redeclaration of element 'c/x'", "bad.click:2: element 'c/x' previously declared here"]],
  ["input at top level", "input -> Discard;", ["bad.click:1: undeclared element 'input'"]],
];

describe("malformed configurations", () => {
  it("has at least 25 cases", () => expect(bad.length).toBeGreaterThanOrEqual(25));
  for (const [title, text, messages] of bad)
    it(title, () => {
      let thrown: unknown;
      try {
        parseClick(text, "bad.click");
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ClickSyntaxError);
      const err = thrown as ClickSyntaxError;
      expect(err.message.split("\n")).toEqual(messages);
      expect(err.errors.map((e) => `${e.file}:${e.line}: ${e.message}`)).toEqual(messages);
    });

  it("collects every error in one run", () => {
    const text = "a :: Idle;\na :: Idle;\nb -> c;\nd :: Print(\"x\n";
    const { errors } = parseClickResult(text, "many.click");
    expect(errors.map((e) => `${e.line}: ${e.message}`)).toEqual([
      "2: redeclaration of element 'a'",
      "1: element 'a' previously declared here",
      "3: undeclared element 'b'",
      "3: undeclared element 'c'",
      "4: unterminated quote",
    ]);
  });
});
