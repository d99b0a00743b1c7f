// @clickos/sdk (Node side): the build pipeline and metadata types.
export { buildPackage, defaultWasmPath, packageInfo, type BuildOptions, type BuildResult } from "./build/build.ts";
export { extractClasses } from "./build/extract.ts";
export { BuildError } from "./build/errors.ts";
export type { ModuleMeta, ClassMeta, ArgMeta, HandlerMeta, DocBlock } from "./build/metadata.ts";
export { SDK_VERSION } from "./version.ts";
