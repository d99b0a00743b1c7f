// The decision program of an IPFilter or IPClassifier, as its `program` handler
// prints it (elements/lib/ipfilter-program.ts, Program.toString):
//
//   entry 8
//   0: transp[0:1] & 0xff == 3  yes [0]  no [drop]  short [drop]
//   6: ip[16:4] & 0xffffffff == 3405803786  yes 5  no [drop]  short [drop]
//
// Each test reads `nbytes` big-endian bytes at `offset` from a header (ip,
// transp or ether); when they are not all in the packet it goes to `short`,
// else it shifts and masks them and goes to `yes` if they equal (==) or exceed
// (>) the value, else to `no`. Targets are test numbers (always lower than the
// test's own: the program is a DAG run downwards), `[k]` (output k) or `[drop]`.

export type Base = "ip" | "transp" | "ether";
/** A jump target: a test index (>= 0), an output port ({ port }), or drop. */
export type Target = number | { port: number } | "drop";

export interface Test {
  base: Base;
  offset: number;
  nbytes: number;
  shift: number;
  mask: number;
  op: "==" | ">";
  value: number;
  yes: Target;
  no: Target;
  short: Target;
}

export interface DecisionProgram { entry: Target; tests: Test[] }

function target(s: string, where: string): Target {
  if (s === "[drop]") return "drop";
  const out = /^\[(\d+)\]$/.exec(s);
  if (out) return { port: Number(out[1]) };
  if (/^\d+$/.test(s)) return Number(s);
  throw new Error(`${where}: bad jump target '${s}'`);
}

const TEST = /^(\d+): (ip|transp|ether)\[(\d+):([1-4])\](?: >> (\d+))? & 0x([0-9a-f]+) (==|>) (\d+)  yes (\S+)  no (\S+)  short (\S+)$/;

/** Parses a `program` listing; every jump must go to a lower test (the program terminates). */
export function parseProgram(text: string, what = "program"): DecisionProgram {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const head = /^entry (\S+)$/.exec(lines[0] ?? "");
  if (!head) throw new Error(`${what}: expected 'entry TARGET' on the first line, not '${lines[0] ?? ""}'`);
  const tests: Test[] = [];
  for (let i = 1; i < lines.length; i++) {
    const where = `${what} line ${i + 1}`;
    const m = TEST.exec(lines[i]);
    if (!m) throw new Error(`${where}: not a test: '${lines[i]}'`);
    if (Number(m[1]) !== tests.length) throw new Error(`${where}: test ${m[1]} out of order (expected ${tests.length})`);
    const t: Test = {
      base: m[2] as Base, offset: Number(m[3]), nbytes: Number(m[4]), shift: Number(m[5] ?? 0),
      mask: parseInt(m[6], 16) >>> 0, op: m[7] as "==" | ">", value: Number(m[8]) >>> 0,
      yes: target(m[9], where), no: target(m[10], where), short: target(m[11], where),
    };
    for (const j of [t.yes, t.no, t.short]) {
      if (typeof j === "number" && j >= tests.length) throw new Error(`${where}: jumps forward to test ${j} (a program only jumps to lower tests)`);
    }
    if (t.offset > 0xffff || t.shift > 31 || t.mask > 0xffffffff || t.value > 0xffffffff) throw new Error(`${where}: field out of range`);
    tests.push(t);
  }
  const entry = target(head[1], `${what} line 1`);
  if (typeof entry === "number" && entry >= tests.length) throw new Error(`${what}: entry ${entry} is not a test`);
  return { entry, tests };
}
