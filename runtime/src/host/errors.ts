// Errors of the Node host, in Click's style: a location, then the message.

/** A module refused at load time (corrupt, wrong ABI, bad metadata, foreign imports). */
export class ModuleLoadError extends Error {
  constructor(public readonly module: string, public readonly reason: string) {
    super(`${module}: ${reason}`);
    this.name = "ModuleLoadError";
  }
}

/** Configuration errors, each "file:line: While configuring 'name :: Class':\n  message". */
export class ConfigureError extends Error {
  constructor(public readonly lines: string[]) {
    super(lines.join("\n"));
    this.name = "ConfigureError";
  }
}

/** A trap inside a module (WebAssembly.RuntimeError, AssemblyScript abort, or a host check). */
export class WasmTrap extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WasmTrap";
  }
}
