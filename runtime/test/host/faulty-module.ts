// The deliberately faulty element package, built once per change (content-cached).
export { faultyWasm } from "../../../test/support/cached-build.ts";
