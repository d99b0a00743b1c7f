// Click's port counts and processing codes, said in words for the docs:
//   "1/1-2", "a/ah" → "1 input; 1 or 2 outputs" and
//   "input agnostic; output 0 agnostic, outputs 1 and up push".

import { parsePortCount } from "../build/validate.ts";

function countWords([lo, hi]: [number, number], noun: string): string {
  const n = (k: number) => `${k} ${noun}${k === 1 ? "" : "s"}`;
  if (hi === Infinity) return lo === 0 ? `any number of ${noun}s` : `${lo} or more ${noun}s`;
  if (lo === hi) return lo === 0 ? `no ${noun}s` : n(lo);
  if (hi === lo + 1) return `${lo} or ${n(hi)}`;
  return `${lo} to ${n(hi)}`;
}

export function describePorts(ports: string): string {
  const { inputs, outputs } = parsePortCount(ports);
  return `${countWords(inputs, "input")}; ${countWords(outputs, "output")}`;
}

const MODE: Record<string, string> = { a: "agnostic", h: "push", l: "pull" };

// One side of a processing code: a letter per port, the last repeating for the rest.
function sideWords(code: string, noun: string, count: [number, number]): string | null {
  if (count[1] === 0) return null;
  const letters = [...code];
  if (letters.every((l) => l === letters[0])) return `${count[1] === 1 ? noun : noun + "s"} ${MODE[letters[0]]}`;
  const last = letters.length - 1;
  const parts = letters.map((l, i) => i < last || count[1] === i + 1 ? `${noun} ${i} ${MODE[l]}` : `${noun}s ${i} and up ${MODE[l]}`);
  return parts.join(", ");
}

export function describeProcessing(processing: string, ports: string): string {
  const [inCode, outCode = inCode] = processing.split("/");
  const { inputs, outputs } = parsePortCount(ports);
  const sides = [sideWords(inCode, "input", inputs), sideWords(outCode, "output", outputs)].filter(Boolean);
  return sides.length ? sides.join("; ") : "no ports";
}
