// Placeholder filled in by the spine work: builds elements/ once per test run.
export async function ensureStandardElementsBuilt(): Promise<void> {}
