// The clickos command line.
import { buildCommand } from "./commands/build.ts";
import { inspectCommand } from "./commands/inspect.ts";
import { runCommand } from "./commands/run.ts";
import { demoCommand } from "./commands/demo.ts";
import { packCommand } from "./package/index.ts";
import { docsCommand } from "./docs/index.ts";
import { fastclassifierCommand } from "./commands/fastclassifier.ts";
import { SDK_VERSION } from "./version.ts";
// The Node host's own subcommands (bundled into dist by scripts/bundle.mjs).
import { flattenCommand, graphCommand } from "@clickos/runtime/cli";

/** Each command's usage, as `clickos help` lists them and `clickos CMD --help` prints one. */
const COMMAND_HELP: Record<string, string> = {
  build: `  build [DIR]            compile an element package to .wasm with clickos.meta
        --runtime R      AssemblyScript runtime: minimal (default), incremental, stub
        --out FILE       the .wasm to write (default package.json clickos.wasm, else build/NAME.wasm)
        --debug          unoptimised build with debug information and a source map
        --force          compile even when the .wasm is up to date (the build stamp in
                         .clickos/ says it was built from these sources, SDK and options)
        --fuel N         work units per crossing the module asks hosts for (they
                         meter every module themselves; at most 100000000)
        --target T       also generate native sources: minios, click-userlevel, linux
        --out-dir DIR    where the native sources go (default build/NAME-TARGET/)
        --class-prefix P prefix the generated Click class names (WDecIPTTL beside Click's DecIPTTL)
        --module-name N  the C module name (default from the .wasm file name)
        --package-name N the Click package / element group name
        -q, --quiet      print nothing on success`,
  inspect: `  inspect X.wasm         print a module's metadata
        --json           as JSON`,
  run: `  run CONFIG.click       run a Click configuration in the Node host
  run 'A -> B' --in IN.pcap --out OUT.pcap
                         run a chain of elements on a capture (-e 'A -> B' also names a chain)
                         (the standard elements and, inside an element package, its
                         own build are loaded: no --module needed for them)
        -h elem.handler  read a handler after the run (repeatable)
        -w, --write e.h=v  write a handler before the run
        --trap-policy e=P  restart (default), bypass or disable element e after a trap
        --netfront N=f   bind FromNetFront(N)/ToNetFront(N) to capture files (N:out=f for output)
        --module X.wasm  load an element module (repeatable)
        --elements X.wasm  the standard elements to use instead of @clickos/elements
        --json           machine-readable output
        --trace FILE     record every crossing (replay it natively with clickos-replay)
        --allow-traps    exit 0 even if an element trapped (default: exit 3; each
                         packet a trap cost is reported with its number and time)
        -q, --quiet      no progress or summary`,
  flatten: `  flatten CONFIG.click   print the configuration with compounds expanded`,
  graph: `  graph CONFIG.click -o G.dot|G.svg
                         draw the element graph (SVG via Graphviz if installed)`,
  demo: `  demo [EXAMPLE]         run the example middleboxes on their bundled captures`,
  pack: `  pack [DIR]             check an element package (metadata, files, a build of
                         exactly these sources), run npm test, then npm pack
        --check          only check and test; --no-test: skip npm test; --dry-run`,
  docs: `  docs [DIR | X.wasm]    write Markdown per element class and an index
        --out DIR        (default DIR/docs); --from-source: without building`,
  fastclassifier: `  fastclassifier CONFIG.click
                         compile its IPFilter/IPClassifier rules into element classes
                         (as click-fastclassifier does) and write the config using them
        --out-dir DIR    where the classes' sources go (default src/fast)
        -o FILE          the configuration to write (default CONFIG.fast.click, flattened)
        --elements X.wasm  the standard elements whose IPFilter compiles the rules
        -q, --quiet      print nothing on success`,
};

const HELP = `clickos ${SDK_VERSION} — Click elements in AssemblyScript

usage: clickos <command> [options]      (clickos <command> --help: one command)

${Object.values(COMMAND_HELP).join("\n")}
`;

const commands: Record<string, (argv: string[]) => number | Promise<number>> = {
  build: buildCommand,
  inspect: inspectCommand,
  run: runCommand,
  demo: demoCommand,
  flatten: (argv) => flattenCommand(argv),
  graph: (argv) => graphCommand(argv),
  pack: packCommand,
  docs: docsCommand,
  fastclassifier: fastclassifierCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === "help" || cmd === "--help" || cmd === "-h") { console.log(HELP); return cmd ? 0 : 1; }
  if (cmd === "--version" || cmd === "version") { console.log(SDK_VERSION); return 0; }
  const run = commands[cmd];
  if (!run) { console.error(`clickos: unknown command '${cmd}'\n\n${HELP}`); return 1; }
  // --help anywhere (for run, -h names a handler): this command's usage.
  if (rest.includes("--help")) { console.log(`usage: clickos ${cmd} ...\n\n${COMMAND_HELP[cmd]}`); return 0; }
  try {
    return await run(rest);
  } catch (e) {
    const message = (e as Error).message;
    // --json promises JSON on standard output, failures included.
    if (rest.includes("--json")) console.log(JSON.stringify({ error: message }, null, 2));
    console.error(`clickos ${cmd}: ${message}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
