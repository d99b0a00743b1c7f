// Does package.json's `files` list ship a given path? A small reading of npm's rules
// (checked against npm 11's `npm pack --dry-run`): entries are globs relative to the
// package root (`*`, `**`, `?`; a leading "/" or "./" and a trailing "/" are ignored);
// an entry written out literally that names a directory ships everything under it,
// but a glob that matches a directory's name does not ("buil*" ships nothing from
// build/, "build/*" does); a later "!" entry takes paths out again. Brace sets
// ({a,b}) are not supported: such an entry matches nothing, so the check errs on the
// side of asking.

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === "*") {
      if (glob[i + 1] === "*") {
        // "**/" matches any number of whole directories, "**" at the end anything.
        const slash = glob[i + 2] === "/";
        re += slash ? "(?:.*/)?" : ".*";
        i += slash ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

function normalize(entry: string): string {
  return entry.replace(/^\.\//, "").replace(/^\//, "").replace(/\/+$/, "");
}

function matches(pattern: string, path: string): boolean {
  const p = normalize(pattern);
  const re = globToRegExp(p);
  if (/[*?]/.test(p)) return re.test(path);
  // A literal directory name ships everything below it.
  const parts = path.split("/");
  for (let n = parts.length; n > 0; n--) if (re.test(parts.slice(0, n).join("/"))) return true;
  return false;
}

/** True if `path` (relative to the package root, "/"-separated) is shipped by `files`. */
export function filesCover(files: readonly string[], path: string): boolean {
  let shipped = false;
  for (const f of files) {
    if (f.startsWith("!")) { if (matches(f.slice(1), path)) shipped = false; }
    else if (matches(f, path)) shipped = true;
  }
  return shipped;
}
