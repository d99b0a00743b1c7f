export { PcapError } from "./errors.js";
export { MAX_CAPLEN, type Capture, type PcapRecord } from "./types.js";
export { readCapture, iterateCapture, openCapture } from "./read.js";
export { writePcap, pcapHeader, putPcapRecord, pcapRecordSize, type WriteOptions, type WritableRecord } from "./write.js";
