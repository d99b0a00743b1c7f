// The clickos.meta custom section (JSON): the one definition of its shape, for
// every reader (both hosts' loaders, inspect, docs, pack) and for the build that
// writes it (sdk/src/build/metadata.ts narrows it: the build always records the
// source and the runtime). The JSON schema hosts check it against is generated
// from sdk/abi/abi.json (META_SCHEMA).

export interface ArgMeta {
  name: string;
  type: string;            // one of ARG_TYPES (abi.json argTypes)
  required: boolean;
  positional: boolean;
  default?: string;        // source text of the default, if any
  doc?: string;            // from the doc block's =item
}

export interface HandlerMeta {
  name: string;
  id: number;              // index passed to clickos_handler_read/write
  read: boolean;
  write: boolean;
  type: string;            // field type, or "string" for methods
  doc?: string;            // from the doc block's =h
}

/** Click's documentation block (=c =s =d =h =e =a =n). */
export interface DocBlock {
  c?: string; s?: string; d?: string; h?: string; e?: string; a?: string; n?: string;
  category?: string;       // the word after =s
  summary?: string;        // the line after =s
  items?: Record<string, string>;
  handlers?: Record<string, string>;
}

export interface ClassMeta {
  id: number;
  name: string;            // Click class name
  ports: string;           // Click port count, e.g. "1/1-2"
  processing: string;      // Click processing code, e.g. "a", "h/l"
  flowCode?: string;       // Click flow code, e.g. "x/x"
  task?: boolean;          // the element has a task (Click's run_task): clickos_task_run
  args: ArgMeta[];
  handlers: HandlerMeta[];
  doc: DocBlock;
  source?: { file: string; line: number };
}

export interface ModuleMeta {
  abi: number;
  sdk: string;
  package?: { name: string; version: string };
  runtime?: string;        // AssemblyScript runtime variant
  fuel?: number;           // work units per crossing the module asks for
  classes: ClassMeta[];
}
