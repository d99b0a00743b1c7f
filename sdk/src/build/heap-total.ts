// An AssemblyScript compiler transform that lets the SDK see whether anything
// was allocated since its last garbage collection, so a crossing that allocated
// nothing (the per-packet fast path of almost every element) never collects.
//
// The minimal runtime (~lib/rt/tcms) keeps the bytes of its live and dead
// objects in a private global, `total`, changed only by allocation and
// collection. The SDK declares an import `clickos_internal.heap_total`
// (sdk/assembly/internal/gc.ts); after compilation, before binaryen optimises
// (which inlines it to one global read), this replaces the import with a
// function returning that global — or 0 under a runtime without it (incremental
// collects by itself). The import never reaches a host: if the transform did
// not run, the closed import list refuses the module, so a build cannot
// silently lose its collections.

export const HEAP_TOTAL_IMPORT = { module: "clickos_internal", base: "heap_total" } as const;
const TCMS_TOTAL = "~lib/rt/tcms/total";
const TCMS_NEW = "~lib/rt/tcms/__new";

// The slice of binaryen.js's API the transform uses (asc hands its own binaryen).
interface Binaryen {
  i32: number;
  none: number;
  getFunctionInfo(f: number): { name: string; module: string | null; base: string | null };
}
interface BinaryenModule {
  getNumFunctions(): number;
  getFunctionByIndex(i: number): number;
  getGlobal(name: string): number;
  getFunction(name: string): number;
  removeFunction(name: string): void;
  addFunction(name: string, params: number, results: number, vars: number[], body: number): number;
  global: { get(name: string, type: number): number };
  i32: { const(v: number): number };
}

/** asc instantiates a transform class and assigns `binaryen` to its prototype. */
export class HeapTotalTransform {
  declare binaryen: Binaryen;

  afterCompile(module: BinaryenModule): void {
    const b = this.binaryen;
    for (let i = 0, n = module.getNumFunctions(); i < n; i++) {
      const info = b.getFunctionInfo(module.getFunctionByIndex(i));
      if (info.module !== HEAP_TOTAL_IMPORT.module || info.base !== HEAP_TOTAL_IMPORT.base) continue;
      const tcms = module.getFunction(TCMS_NEW) !== 0, total = module.getGlobal(TCMS_TOTAL) !== 0;
      // The minimal runtime without its counter (an AssemblyScript that renamed
      // it): refuse, rather than build a module that never collects.
      if (tcms && !total) throw new Error(`clickos build: AssemblyScript's minimal runtime has no ${TCMS_TOTAL}; this SDK does not support this AssemblyScript version`);
      const body = total ? module.global.get(TCMS_TOTAL, b.i32) : module.i32.const(0);
      module.removeFunction(info.name);
      module.addFunction(info.name, b.none, b.i32, [], body);
      return;
    }
  }
}
