// Runs npm, npx and node for the round-trip test the way a user's shell would:
// outside the workspace, with the throwaway registry's npmrc, every call bounded in
// time, and a failure that shows the command, its output and where it ran.

import { spawnSync } from "node:child_process";

export interface Step { command: string; cwd: string; status: number | null; stdout: string; stderr: string; seconds: number }

/** The parent's environment minus what would make a child npm or vitest think it
 *  runs inside ours (npm_* settings of a parent `npm test`, vitest's variables). */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|TEST$|NODE_ENV$|FORCE_COLOR$|NODE_OPTIONS$)/i.test(k)) env[k] = v;
  }
  env.NO_COLOR = "1";
  return { ...env, ...extra };
}

export class Shell {
  readonly steps: Step[] = [];
  constructor(private env: NodeJS.ProcessEnv, private timeoutMs = 600_000) {} // a bound for a hang, not a speed test

  /** Runs a command; throws with its output unless it exits 0. */
  run(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): Step {
    const step = this.attempt(cmd, args, cwd, extraEnv);
    if (step.status !== 0) {
      throw new Error(`\`${step.command}\` in ${cwd} failed (exit ${step.status}, ${step.seconds.toFixed(1)} s):\n--- stdout\n${step.stdout}\n--- stderr\n${step.stderr}`);
    }
    return step;
  }

  /** Runs a command and returns its outcome whatever the exit code. */
  attempt(cmd: string, args: string[], cwd: string, extraEnv: Record<string, string> = {}): Step {
    const t0 = performance.now();
    const r = spawnSync(cmd, args, {
      cwd, encoding: "utf8", input: "", timeout: this.timeoutMs, killSignal: "SIGKILL",
      env: { ...this.env, ...extraEnv },
    });
    const step: Step = {
      command: [cmd, ...args].join(" "), cwd, status: r.status,
      stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + (r.error ? `\n${r.error.message}` : ""),
      seconds: (performance.now() - t0) / 1000,
    };
    this.steps.push(step);
    return step;
  }

  /** One line per command with its time, for the test's log. */
  timings(): string {
    return this.steps.map((s) => `${s.seconds.toFixed(1).padStart(6)} s  ${s.command}`).join("\n");
  }
}
