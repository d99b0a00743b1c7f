// Package and class names: npm's rules for new package names, and the element class
// name derived from the package name.

const MAX_NAME = 214;
// Node's built-in modules cannot be published under their own names.
const BUILTINS = new Set(["assert", "buffer", "child_process", "cluster", "crypto", "dgram", "dns", "events", "fs", "http", "https", "module", "net", "os", "path", "process", "querystring", "readline", "stream", "string_decoder", "timers", "tls", "tty", "url", "util", "v8", "vm", "worker_threads", "zlib"]);

/** Why `name` cannot be a new npm package name, or null when it can. */
export function packageNameProblem(name: string): string | null {
  if (name.length === 0) return "the name is empty";
  if (name.length > MAX_NAME) return `the name is ${name.length} characters long (npm allows ${MAX_NAME})`;
  if (name.trim() !== name) return "the name has leading or trailing spaces";
  if (/\s/.test(name)) return "the name contains spaces";
  if (name !== name.toLowerCase()) return "the name contains uppercase letters (npm names are lowercase)";
  const m = /^(?:@([^/]+)\/)?([^/]+)$/.exec(name);
  if (!m) return name.startsWith("@") ? "a scoped name is @scope/name, with exactly one slash" : "the name contains a slash (only a scope may: @scope/name)";
  const [, scope, bare] = m;
  for (const [part, what] of [[scope, "scope"], [bare, "name"]] as const) {
    if (part === undefined) continue;
    if (part.startsWith(".") || part.startsWith("_")) return `the ${what} '${part}' starts with '${part[0]}'`;
    const bad = /[^a-z0-9\-._~]/.exec(part);
    if (bad) return `the ${what} '${part}' contains '${bad[0]}', which is not URL-safe (use a-z, 0-9, '-', '.', '_', '~')`;
  }
  if (!scope && (BUILTINS.has(bare) || bare === "node_modules" || bare === "favicon.ico")) return `'${bare}' is reserved (a Node built-in or npm special name)`;
  return null;
}

// Names an element class must not take: the SDK's own classes, AssemblyScript's globals,
// and the Node host's built-in Click elements (a config could not tell them apart).
const RESERVED = new Set([
  "Element", "Packet", "Batch", "Args", "ArgReader", "Array", "String", "Map", "Set", "Math", "Date", "Error", "Object", "Function", "Number", "Boolean", "Symbol",
  "Queue", "Discard", "Tee", "Counter", "InfiniteSource", "FromDump", "ToDump", "FromNetFront", "ToNetFront", "Idle", "Print",
]);

/** "my-filter" → "MyFilter", "@acme/ttl-setter" → "TtlSetter", "clickos-element-nat" → "Nat". */
export function classNameFor(packageName: string): string {
  let bare = packageName.replace(/^@[^/]+\//, "");
  const stripped = bare.replace(/^clickos-(element-)?/, "");
  if (/[a-z0-9]/.test(stripped)) bare = stripped;
  let name = bare.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join("");
  if (!name) name = "MyElement";
  if (/^[0-9]/.test(name)) name = "Element" + name;
  if (RESERVED.has(name)) name += "Element";
  return name;
}

/** Why `name` cannot be an element class name (Click and AssemblyScript identifier), or null. */
export function classNameProblem(name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `'${name}' is not a valid class name (letters, digits and '_', not starting with a digit)`;
  if (RESERVED.has(name)) return `'${name}' is taken by the SDK or a built-in element`;
  return null;
}
