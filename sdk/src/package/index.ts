// Element package format: checks (checkPackage) and `clickos pack`.
export { checkPackage, formatProblem, ELEMENT_KEYWORD, type Problem, type CheckResult } from "./check.ts";
export { packCommand, PACK_USAGE } from "./pack.ts";
export { filesCover } from "./files-field.ts";
export { sdkRangeProblem, sdkLine } from "./sdk-range.ts";
