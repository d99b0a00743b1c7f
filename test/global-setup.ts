// Runs once per `vitest run`: builds the release .wasm of the standard elements
// so every test loads the real artefact instead of compiling its own.
export default async function setup(): Promise<void> {
  const { ensureStandardElementsBuilt, prebuildTestFixtures } = await import("./support/build-once.ts");
  await ensureStandardElementsBuilt();
  await prebuildTestFixtures();
}
