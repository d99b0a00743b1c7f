// `clickos build --target minios|click-userlevel|linux`: hands the built module to
// the native code generator (sdk/src/native).
export async function nativeTarget(wasm: string, target: string, outDir?: string, prefix?: string): Promise<void> {
  const valid = ["minios", "click-userlevel", "linux"];
  if (!valid.includes(target)) throw new Error(`unknown target '${target}' (expected ${valid.join(", ")}, or wasm)`);
  const native = await import("../native/index.ts");
  const dir = outDir ?? wasm.replace(/\.wasm$/, `-${target}`);
  await native.buildNative({ wasm, outDir: dir, target, prefix });
  console.log(`wrote ${target} sources to ${dir}`);
}
