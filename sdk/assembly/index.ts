// @clickos/sdk — the AssemblyScript author API. Import everything from here:
//   import { Element, Packet, Args, Batch, DROP_PACKET } from "@clickos/sdk";

export { Element, DROP_PACKET } from "./element";
export { Packet } from "./packet";
export { Batch } from "./batch";
export { Args, ArgReader } from "./args";
export { StringAccum } from "./string-accum";
export { Timer } from "./timer";
export { Anno, annoArg } from "./anno";
export { log } from "./log";
export { splitArgs, unquote } from "./config";
export * from "./net/index";
