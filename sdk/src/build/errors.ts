// A build error located at file:line, reported in Click's "file:line: message" style.
export interface Located { file: string; line: number; message: string }

export class BuildError extends Error {
  constructor(public readonly problems: Located[]) {
    super(problems.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n"));
    this.name = "BuildError";
  }
}
