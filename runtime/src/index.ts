// @clickos/runtime — the Node host for ClickOS WebAssembly elements.
export * from "./abi.generated.ts";
export * from "./wasm/sections.ts";
