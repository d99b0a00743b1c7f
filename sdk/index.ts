// Entry point for AssemblyScript: `import { Element } from "@clickos/sdk"` resolves
// here (asc looks for <package>/index.ts). The author API lives in assembly/.
export * from "./assembly/index";
