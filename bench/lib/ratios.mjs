// The ratios the regression guard watches, taken from a report (latest.json):
// ratios only, never absolute times, so a baseline made on one machine still
// means something on another. Plain JavaScript: `npm run bench:check` runs
// without a build.
//
//   nativeOverC.<element>   wasm2c ÷ plain C; the callgrind instruction ratio when
//                           the report has one (deterministic), else the CPU-time
//                           ratio, and that only when C takes >= MIN_C_NS per packet
//                           (below that the subtraction of the loop's own cost is
//                           noise)
//   nodeOverNative.<element> Node host ÷ native host, ns/packet
//   graphOverChain.push|pull bench/graph.ts's per-element graph ÷ chain
//   crossing.nodeOverNative  one crossing (empty element, batch 1), Node ÷ native

export const MIN_C_NS = 5;

/**
 * { key: ratio } for every ratio the report holds; higher is worse for all of them.
 * @param {any} report
 * @returns {Record<string, number>}
 */
export function guardedRatios(report) {
  /** @type {Record<string, number>} */
  const out = {};
  for (const [id, r] of Object.entries(report.ratios?.nativeOverC ?? {})) {
    if (r.instr != null && Number.isFinite(r.instr)) out[`nativeOverC.instr.${id}`] = r.instr;
    else if (r.cNs >= MIN_C_NS && Number.isFinite(r.time)) out[`nativeOverC.time.${id}`] = r.time;
  }
  for (const [id, v] of Object.entries(report.ratios?.nodeOverNative ?? {})) if (Number.isFinite(v)) out[`nodeOverNative.${id}`] = v;
  for (const [k, v] of Object.entries(report.ratios?.graphOverChain ?? {})) if (Number.isFinite(v)) out[`graphOverChain.${k}`] = v;
  const c = report.crossing ?? {};
  if (c.node_b1 && c.native_b1) out["crossing.nodeOverNative"] = c.node_b1.median / Math.max(c.native_b1.median, 0.05);
  return out;
}

/**
 * Compares a report's ratios with a baseline { margin?, ratios: { key: value } }.
 * A ratio fails when it exceeds baseline * (1 + margin). Keys missing on either
 * side are listed, not failed (a --only run measures less).
 */
export function checkRatios(report, baseline, margin = baseline.margin ?? 0.25) {
  const now = guardedRatios(report);
  const rows = [], missing = [];
  for (const [k, base] of Object.entries(baseline.ratios ?? {})) {
    if (!(k in now)) { missing.push(k); continue; }
    const limit = base * (1 + margin);
    rows.push({ key: k, baseline: base, now: now[k], limit, ok: now[k] <= limit });
  }
  const added = Object.keys(now).filter((k) => !(k in (baseline.ratios ?? {})));
  return { margin, rows, failed: rows.filter((r) => !r.ok), missing, added };
}
