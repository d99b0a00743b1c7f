// Checks of Click's declarative strings: port counts and processing codes.

const PORT_SIDE = /^(\d+|\d+-\d*|-\d*|=)$/;

/** Click port count: "in/out", each side N, N-M, N-, -M, - or =; or one side for both. */
export function validPortCount(s: string): boolean {
  const sides = s.split("/");
  if (sides.length > 2) return false;
  return sides.every((side) => PORT_SIDE.test(side)) && !(sides.length === 1 && sides[0] === "=");
}

/** Click processing code: "a", "h", "l", "h/l", "a/ah", ...: letters a, h, l per port, slash between inputs and outputs. */
export function validProcessing(s: string): boolean {
  return /^[ahl]+(\/[ahl]+)?$/.test(s);
}

/** Click flow code: "x/x", "xy/x", "#/#": letters or # per port. */
export function validFlowCode(s: string): boolean {
  return /^([a-zA-Z#]+|\[\^?[a-zA-Z]+\])+(\/([a-zA-Z#]+|\[\^?[a-zA-Z]+\])+)?$/.test(s);
}

/** Parses one side of a port count into [min, max] (max Infinity for unbounded). */
export function portRange(side: string, other?: [number, number]): [number, number] {
  if (side === "=") return other ?? [0, Infinity];
  if (side === "-") return [0, Infinity];
  const m = /^(\d*)(-?)(\d*)$/.exec(side)!;
  const lo = m[1] === "" ? 0 : Number(m[1]);
  if (!m[2]) return [lo, lo];
  return [lo, m[3] === "" ? Infinity : Number(m[3])];
}

export function parsePortCount(s: string): { inputs: [number, number]; outputs: [number, number] } {
  const [a, b = a] = s.split("/");
  const inputs = portRange(a);
  return { inputs, outputs: portRange(b, inputs) };
}
