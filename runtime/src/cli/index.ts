// Pure pieces of the clickos command line that belong to the Node host.
export { toDot, toSvg, toSvgLayout } from "./graph.ts";
export { parseWrites, parseDeviceMap, readHandlers, allReadHandlers, jsonReport, formatHandlers, progressLine, progressReporter } from "./options.ts";
export { flattenCommand, graphCommand, diskIo, type CliIo } from "./commands.ts";
