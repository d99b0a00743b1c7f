// Command-line flags. Every prompt has a flag so scripts and tests never need a TTY.

export const TEMPLATES = ["simple", "classifier", "stateful", "scheduler"] as const;
export type Template = (typeof TEMPLATES)[number];

export interface Flags {
  dir?: string;
  name?: string;
  className?: string;
  template?: Template;
  description?: string;
  yes: boolean;
  install?: boolean;
  force: boolean;
  sdk?: string;
  runtime?: string;
  help: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: npm create clickos-element [directory] -- [options]
       create-clickos-element [directory] [options]

Creates a ClickOS element package: an AssemblyScript element with its Click doc
block, a vitest test on a pcap fixture, a README, and the clickos build setup.

Options:
  --template NAME     simple | classifier | stateful | scheduler (default: simple)
  --name NAME         npm package name (default: the directory's name)
  --class NAME        element class name (default: derived from the package name)
  --description TEXT  package description
  --yes, -y           accept the defaults for everything not given as a flag
  --install           run npm install after creating the files (the default)
  --no-install        do not install
  --force             write into a directory that is not empty, overwriting files
  --sdk SPEC          version range or file: path for @clickos/sdk (default: ^0.1.0)
  --runtime SPEC      version range or file: path for @clickos/runtime (default: ^0.1.0)
  --help, -h          show this text
`;

const VALUE_FLAGS: Record<string, keyof Flags> = {
  "--template": "template", "--name": "name", "--class": "className", "--description": "description",
  "--sdk": "sdk", "--runtime": "runtime",
};

export function parseFlags(argv: string[]): Flags {
  const f: Flags = { yes: false, force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf("=");
    const key = a.startsWith("--") && eq > 0 ? a.slice(0, eq) : a;
    if (key in VALUE_FLAGS) {
      const value = eq > 0 && a.startsWith("--") ? a.slice(eq + 1) : argv[++i];
      if (value === undefined || (value.startsWith("--") && eq < 0)) throw new UsageError(`${key} needs a value`);
      (f as unknown as Record<string, string>)[VALUE_FLAGS[key]] = value;
    } else if (a === "--yes" || a === "-y") f.yes = true;
    else if (a === "--install") f.install = true;
    else if (a === "--no-install") f.install = false;
    else if (a === "--force") f.force = true;
    else if (a === "--help" || a === "-h") f.help = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (f.dir === undefined) f.dir = a;
    else throw new UsageError(`unexpected argument '${a}' (the directory is already '${f.dir}')`);
  }
  if (f.template !== undefined && !TEMPLATES.includes(f.template)) {
    throw new UsageError(`unknown template '${f.template}' (expected ${TEMPLATES.join(", ")})`);
  }
  return f;
}
