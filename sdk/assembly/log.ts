// Logging from elements goes to the host (Click's click_chatter). Each message is
// encoded into the scratch-independent stack of a short string, so it may be called
// from anywhere, including timers.

import { host_log } from "./abi.generated";
import { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR } from "./abi.generated";

export function logAt(handle: i32, level: i32, message: string): void {
  const buf = String.UTF8.encode(message, false);
  host_log(handle, level, <i32>changetype<usize>(buf), buf.byteLength);
}

/** Module-level logging (no element attached). */
export namespace log {
  export function debug(m: string): void { logAt(0, LOG_DEBUG, m); }
  export function info(m: string): void { logAt(0, LOG_INFO, m); }
  export function warning(m: string): void { logAt(0, LOG_WARNING, m); }
  export function error(m: string): void { logAt(0, LOG_ERROR, m); }
}
