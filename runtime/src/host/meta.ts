// The clickos.meta section as the host reads it. The build writes the same shape
// (sdk/src/build/metadata.ts); the runtime keeps its own copy of the type so it
// does not depend on the SDK.

export interface ArgMeta { name: string; type: string; required: boolean; positional: boolean; default?: string; doc?: string }
export interface HandlerMeta { name: string; id: number; read: boolean; write: boolean; type: string; doc?: string }
export interface ClassMeta {
  id: number; name: string; ports: string; processing: string; flowCode?: string;
  args: ArgMeta[]; handlers: HandlerMeta[];
  doc: { c?: string; s?: string; d?: string; e?: string; a?: string; category?: string; summary?: string; items?: Record<string, string>; handlers?: Record<string, string> };
  source?: { file: string; line: number };
}
export interface ModuleMeta { abi: number; sdk: string; package?: { name: string; version: string }; runtime?: string; fuel?: number; classes: ClassMeta[] }
