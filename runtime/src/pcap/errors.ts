/**
 * Every malformed capture is reported with one error type that names the byte offset
 * and what is wrong, so a user can open the file in a hex editor and see the problem.
 */
export class PcapError extends Error {
  /** Byte offset in the input where the problem was found. */
  readonly offset: number;
  /** The file name passed by the caller, if any. */
  readonly file?: string;
  /** The bare description, without the file name and offset prefix. */
  readonly reason: string;

  constructor(reason: string, offset: number, file?: string) {
    super(`${file ? `${file}: ` : ""}byte ${offset}: ${reason}`);
    this.name = "PcapError";
    this.reason = reason;
    this.offset = offset;
    this.file = file;
  }
}
