export { PcapError, MAX_CAPLEN, type Capture, type PcapRecord } from "./errors.js";
export { readCapture, iterateCapture } from "./read.js";
export { writePcap, type WriteOptions, type WritableRecord } from "./write.js";
