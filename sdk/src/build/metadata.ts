// The clickos.meta section as the build writes it: the runtime's definition
// (runtime/src/host/meta.ts, the only one), narrowed to what a build always
// records (each class's source, the AssemblyScript runtime variant).
import type { ClassMeta as AnyClassMeta, ModuleMeta as AnyModuleMeta } from "@clickos/runtime";

export type { ArgMeta, HandlerMeta, DocBlock } from "@clickos/runtime";

export interface ClassMeta extends AnyClassMeta {
  source: { file: string; line: number };
}

export interface ModuleMeta extends AnyModuleMeta {
  runtime: string;
  classes: ClassMeta[];
}
