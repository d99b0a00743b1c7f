// `clickos docs`: Markdown pages per element class from clickos.meta.
export { docsCommand, readModuleMeta, sourceMeta, DOCS_USAGE } from "./command.ts";
export { renderClass, renderIndex, renderDocs, pageName } from "./markdown.ts";
export { describePorts, describeProcessing } from "./ports.ts";
export { docToMarkdown, inlineMarkup } from "./markup.ts";
