// `clickos graph`: a flat Click graph as Graphviz DOT (element names, classes,
// port numbers on the edges) or SVG. SVG comes from `dot -Tsvg` when Graphviz
// is installed, else from a small layered layout of our own, so the command
// works everywhere.

import { spawnSync } from "node:child_process";
import type { FlatGraph } from "../click/index.ts";

const esc = (s: string) => s.replace(/\\/g, "\\\\").replace(/"/g, '\\"');
const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function toDot(g: FlatGraph, title = "click"): string {
  const lines = [`digraph "${esc(title)}" {`, "  rankdir=LR;", '  node [shape=record, fontname="Helvetica", fontsize=10];', '  edge [fontname="Helvetica", fontsize=9];'];
  for (const e of g.elements) lines.push(`  "${esc(e.name)}" [label="${esc(e.name)}\\n${esc(e.className)}"];`);
  for (const c of g.connections)
    lines.push(`  "${esc(c.from)}" -> "${esc(c.to)}" [taillabel="${c.fromPort}", headlabel="${c.toPort}"];`);
  lines.push("}");
  return lines.join("\n") + "\n";
}

/** Layers by longest path from the sources (edges closing a cycle are ignored). */
function layers(g: FlatGraph): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of g.elements) out.set(e.name, []);
  for (const c of g.connections) out.get(c.from)?.push(c.to);
  const layer = new Map<string, number>();
  const state = new Map<string, number>();
  const order: string[] = [];
  const visit = (n: string) => {
    const stack: [string, number][] = [[n, 0]];
    state.set(n, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top[0])!;
      if (top[1] < next.length) {
        const m = next[top[1]++];
        if (!state.get(m)) { state.set(m, 1); stack.push([m, 0]); }
      } else { state.set(top[0], 2); order.push(top[0]); stack.pop(); }
    }
  };
  for (const e of g.elements) if (!state.get(e.name)) visit(e.name);
  order.reverse();
  const pos = new Map(order.map((n, i) => [n, i]));
  for (const n of order) layer.set(n, layer.get(n) ?? 0);
  for (const n of order)
    for (const m of out.get(n)!) if (pos.get(m)! > pos.get(n)!) layer.set(m, Math.max(layer.get(m)!, layer.get(n)! + 1));
  return layer;
}

/** A self-contained SVG: boxes per element in columns by depth, edges labelled with ports. */
export function toSvgLayout(g: FlatGraph): string {
  const W = 150, H = 40, GX = 70, GY = 24, M = 20;
  const layer = layers(g);
  const rows = new Map<number, number>();
  const at = new Map<string, { x: number; y: number }>();
  for (const e of g.elements) {
    const l = layer.get(e.name) ?? 0, r = rows.get(l) ?? 0;
    rows.set(l, r + 1);
    at.set(e.name, { x: M + l * (W + GX), y: M + r * (H + GY) });
  }
  const width = M * 2 + (Math.max(0, ...rows.keys()) + 1) * (W + GX) - GX;
  const height = M * 2 + Math.max(1, ...rows.values()) * (H + GY) - GY;
  const s = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, sans-serif" font-size="11">`,
    '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10z"/></marker></defs>'];
  for (const c of g.connections) {
    const a = at.get(c.from), b = at.get(c.to);
    if (!a || !b) continue;
    const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
    const back = x2 <= x1;
    const d = back
      ? `M${x1},${y1} C${x1 + 40},${y1 - 60} ${x2 - 40},${y2 - 60} ${x2},${y2}`
      : `M${x1},${y1} C${(x1 + x2) / 2},${y1} ${(x1 + x2) / 2},${y2} ${x2},${y2}`;
    s.push(`<path d="${d}" fill="none" stroke="#333" marker-end="url(#a)"/>`);
    s.push(`<text x="${x1 + 4}" y="${y1 - 4}" font-size="9">${c.fromPort}</text><text x="${x2 - 12}" y="${y2 - 4}" font-size="9">${c.toPort}</text>`);
  }
  for (const e of g.elements) {
    const p = at.get(e.name)!;
    s.push(`<g><rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4" fill="#f4f6fb" stroke="#335"/>` +
      `<text x="${p.x + W / 2}" y="${p.y + 16}" text-anchor="middle" font-weight="bold">${xml(e.name)}</text>` +
      `<text x="${p.x + W / 2}" y="${p.y + 31}" text-anchor="middle">${xml(e.className)}</text></g>`);
  }
  s.push("</svg>");
  return s.join("\n") + "\n";
}

/** SVG via Graphviz when `dot` runs, else our own layout. */
export function toSvg(g: FlatGraph, opts: { useDot?: boolean } = {}): { svg: string; via: "graphviz" | "builtin" } {
  if (opts.useDot !== false) {
    const r = spawnSync("dot", ["-Tsvg"], { input: toDot(g), encoding: "utf8" });
    if (!r.error && r.status === 0 && r.stdout.includes("<svg")) return { svg: r.stdout, via: "graphviz" };
  }
  return { svg: toSvgLayout(g), via: "builtin" };
}
