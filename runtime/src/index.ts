// @clickos/runtime — the Node host for ClickOS WebAssembly elements.
export * from "./abi.generated.ts";
export * from "./wasm/sections.ts";
export * from "./pcap/index.ts";
export * from "./click/index.ts";
export { Router, nearest, type HostClass, type ClassResolver, type FileAccess, type RunStats } from "./host/router.ts";
export { RuntimeElement, type Handler, type PortRef } from "./host/element.ts";
export { PacketStore, PacketBatch } from "./host/packet-store.ts";
export { WasmModule, type ModuleHooks } from "./host/wasm-module.ts";
export { WasmElement } from "./host/wasm-element.ts";
export { ClassTable, locatePackage, standardElementsPath } from "./host/classes.ts";
export { ModuleLoadError, ConfigureError, WasmTrap } from "./host/errors.ts";
export { readMeta, checkInterface } from "./host/validate.ts";
export type { ModuleMeta, ClassMeta, ArgMeta, HandlerMeta } from "./host/meta.ts";
export { HostArgs } from "./host/args.ts";
export { runClick, buildRouter, memoryFiles, type RunOptions, type RunResult } from "./run.ts";
export { checkGraph } from "./host/check.ts";
export { deviceClasses, HOST_CLASSES, type DeviceMap } from "./host/elements/index.ts";
export { CrossingTrace } from "./host/trace.ts";
