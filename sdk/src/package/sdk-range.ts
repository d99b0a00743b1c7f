// The peer dependency on @clickos/sdk must name the SDK line that implements the
// package's ABI: `^0.1.0` while the SDK is 0.1.x (for 0.x versions npm's caret pins
// the minor, so the line is "0.1"; from 1.0 on it will be the major). Ranges that
// admit other lines ("*", ">=0.1.0", "^0") would let npm pair the package with an
// SDK of another ABI, so they are refused.

export function sdkLine(version: string): string {
  const [major, minor] = version.split(".");
  return major === "0" ? `0.${minor}` : major;
}

/** Why `range` is not a peer range on the line of `sdkVersion`, or null if it is. */
export function sdkRangeProblem(range: string, sdkVersion: string): string | null {
  const m = /^\s*([\^~]?)(\d+)\.(\d+|x|\*)(?:\.(\d+|x|\*))?\s*$/.exec(range);
  if (!m) return `'${range}' is not a range on one SDK line; use "^${sdkVersion}"`;
  const [, op, major, minor, patch] = m;
  const wildMinor = minor === "x" || minor === "*";
  // A range spans one line if it pins the minor on 0.x, or the major from 1.0 on.
  if (major === "0" && wildMinor) return `'${range}' admits every 0.x SDK, whose ABIs differ; use "^${sdkVersion}"`;
  const line = major === "0" ? `0.${minor}` : major;
  if (line !== sdkLine(sdkVersion)) return `'${range}' is SDK line ${line}, but this SDK (${sdkVersion}) is line ${sdkLine(sdkVersion)}; use "^${sdkVersion}"`;
  const min = [Number(major), wildMinor ? 0 : Number(minor), patch === undefined || patch === "x" || patch === "*" ? 0 : Number(patch)];
  const have = sdkVersion.split(".").map(Number);
  for (let i = 0; i < 3; i++) {
    if (min[i] < have[i]) break;
    if (min[i] > have[i]) return `'${range}' needs a newer SDK than this one (${sdkVersion})`;
  }
  void op;
  return null;
}
