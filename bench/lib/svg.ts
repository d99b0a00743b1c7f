// Two small SVG charts for the benchmark report, written by hand (no library):
// a horizontal grouped bar chart and a line chart, both on log scales, since
// the figures span three orders of magnitude (1 ns for a C header swap, 1 µs
// for a Node-host IDS). Plain SVG 1.1 text, readable in a browser or on GitHub.

export interface BarSpec { title: string; categories: string[]; series: { name: string; color: string; values: (number | null)[] }[] }
export interface LineSpec { title: string; x: number[]; series: { name: string; color: string; dash: string; values: (number | null)[] }[] }

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

/** Powers of ten covering [lo, hi] (at least two). */
function decades(lo: number, hi: number): number[] {
  const a = Math.floor(Math.log10(Math.max(lo, 1e-3))), b = Math.ceil(Math.log10(Math.max(hi, lo * 10)));
  const out: number[] = [];
  for (let e = a; e <= Math.max(b, a + 1); e++) out.push(10 ** e);
  return out;
}

function finite(vals: (number | null)[]): number[] { return vals.filter((v): v is number => v != null && Number.isFinite(v) && v > 0); }

export function barChart(s: BarSpec): string {
  const all = s.series.flatMap((x) => finite(x.values));
  const ticks = decades(Math.min(...all, 1), Math.max(...all, 10));
  const lo = ticks[0], hi = ticks[ticks.length - 1];
  const left = 150, right = 70, plotW = 560, barH = 7, gap = 6;
  const groupH = s.series.length * barH + gap;
  const top = 52, plotH = s.categories.length * groupH;
  const W = left + plotW + right, H = top + plotH + 40;
  const xOf = (v: number) => left + (Math.log10(v / lo) / Math.log10(hi / lo)) * plotW;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  o.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  o.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(s.title)}</text>`);
  s.series.forEach((x, i) => {
    const lx = left + i * 150;
    o.push(`<rect x="${lx}" y="28" width="12" height="10" fill="${x.color}"/><text x="${lx + 16}" y="37">${esc(x.name)}</text>`);
  });
  for (const t of ticks) {
    const x = xOf(t).toFixed(1);
    o.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${top + plotH}" stroke="#ddd"/>`);
    o.push(`<text x="${x}" y="${top + plotH + 14}" text-anchor="middle">${t >= 1 ? t : t.toPrecision(1)}</text>`);
  }
  o.push(`<text x="${left + plotW / 2}" y="${top + plotH + 30}" text-anchor="middle">ns per packet</text>`);
  s.categories.forEach((c, ci) => {
    const y0 = top + ci * groupH;
    o.push(`<text x="${left - 6}" y="${(y0 + (s.series.length * barH) / 2 + 4).toFixed(1)}" text-anchor="end">${esc(c)}</text>`);
    s.series.forEach((x, si) => {
      const v = x.values[ci];
      const y = y0 + si * barH;
      if (v == null || !Number.isFinite(v) || v <= 0) return;
      const w = Math.max(1, xOf(Math.max(v, lo)) - left);
      o.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH - 1}" fill="${x.color}"><title>${esc(`${c}, ${x.name}: ${fmt(v)} ns/packet`)}</title></rect>`);
      o.push(`<text x="${(left + w + 3).toFixed(1)}" y="${y + barH - 1}" font-size="8" fill="#444">${fmt(v)}</text>`);
    });
  });
  o.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + plotH}" stroke="#333"/>`);
  o.push(`</svg>`);
  return o.join("\n") + "\n";
}

export function lineChart(s: LineSpec): string {
  const all = s.series.flatMap((x) => finite(x.values));
  const ticks = decades(Math.min(...all, 1), Math.max(...all, 10));
  const lo = ticks[0], hi = ticks[ticks.length - 1];
  const left = 60, top = 40, plotW = 480, plotH = 320, legendW = 230;
  const W = left + plotW + 20 + legendW, H = top + plotH + 50;
  const xlo = Math.min(...s.x), xhi = Math.max(...s.x);
  const xOf = (v: number) => left + (Math.log2(v / xlo) / Math.log2(xhi / xlo)) * plotW;
  const yOf = (v: number) => top + plotH - (Math.log10(v / lo) / Math.log10(hi / lo)) * plotH;
  const o: string[] = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="11">`);
  o.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  o.push(`<text x="${W / 2}" y="18" text-anchor="middle" font-size="13" font-weight="bold">${esc(s.title)}</text>`);
  for (const t of ticks) {
    const y = yOf(t).toFixed(1);
    o.push(`<line x1="${left}" y1="${y}" x2="${left + plotW}" y2="${y}" stroke="#ddd"/><text x="${left - 6}" y="${y}" text-anchor="end" dy="4">${t >= 1 ? t : t.toPrecision(1)}</text>`);
  }
  for (const x of s.x) {
    const px = xOf(x).toFixed(1);
    o.push(`<line x1="${px}" y1="${top}" x2="${px}" y2="${top + plotH}" stroke="#eee"/><text x="${px}" y="${top + plotH + 16}" text-anchor="middle">${x}</text>`);
  }
  o.push(`<text x="${left + plotW / 2}" y="${top + plotH + 34}" text-anchor="middle">packets per batch</text>`);
  o.push(`<text x="14" y="${top + plotH / 2}" transform="rotate(-90 14 ${top + plotH / 2})" text-anchor="middle">ns per packet</text>`);
  o.push(`<rect x="${left}" y="${top}" width="${plotW}" height="${plotH}" fill="none" stroke="#333"/>`);
  s.series.forEach((ser, i) => {
    const pts = s.x.map((x, k) => [x, ser.values[k]] as const).filter(([, v]) => v != null && Number.isFinite(v) && v! > 0);
    if (pts.length) {
      o.push(`<polyline fill="none" stroke="${ser.color}" stroke-width="2"${ser.dash ? ` stroke-dasharray="${ser.dash}"` : ""} points="${pts.map(([x, v]) => `${xOf(x).toFixed(1)},${yOf(v!).toFixed(1)}`).join(" ")}"/>`);
      for (const [x, v] of pts) o.push(`<circle cx="${xOf(x).toFixed(1)}" cy="${yOf(v!).toFixed(1)}" r="2.5" fill="${ser.color}"><title>${esc(`${ser.name}, batch ${x}: ${fmt(v!)} ns/packet`)}</title></circle>`);
    }
    const ly = top + 6 + i * 16, lx = left + plotW + 20;
    o.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 26}" y2="${ly}" stroke="${ser.color}" stroke-width="2"${ser.dash ? ` stroke-dasharray="${ser.dash}"` : ""}/><text x="${lx + 32}" y="${ly + 4}">${esc(ser.name)}</text>`);
  });
  o.push(`</svg>`);
  return o.join("\n") + "\n";
}
