/** A located diagnostic in Click's `file:line: message` format. */
export interface ClickError {
  file: string;
  line: number;
  message: string;
}

export function formatClickError(e: ClickError): string {
  return `${e.file}:${e.line}: ${e.message}`;
}

/** Thrown by parseClick: carries every error found in one run. */
export class ClickSyntaxError extends Error {
  readonly errors: ClickError[];
  constructor(errors: ClickError[]) {
    super(errors.map(formatClickError).join("\n"));
    this.name = "ClickSyntaxError";
    this.errors = errors;
  }
}

/** Collects errors, dropping exact duplicates (a compound expanded twice reports once). */
export class ErrorList {
  readonly errors: ClickError[] = [];
  private seen = new Set<string>();
  add(file: string, line: number, message: string): void {
    const key = `${file}\u0000${line}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.errors.push({ file, line, message });
  }
  get count(): number {
    return this.errors.length;
  }
}
