// Types for pipeline.mjs (plain JavaScript so measure-scaffold.mjs runs with bare node).
export interface Step { name: string; command: string; status: number | null; stdout: string; stderr: string; seconds: number; note?: string }
export const ROOT: string;
export function prepare(): void;
export function buildScaffolder(): void;
export function pipeline(template: string, commands: string[][], onStep?: (s: Step) => void): { steps: Step[]; dir: string };
