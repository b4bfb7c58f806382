/**
 * Run the Groundwork CLI as a subprocess, the way a person runs it, and a small pool to run
 * several at once.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The same, under the name the atomic-build and security tests use. */
export const APP = APP_ROOT;
export const CLI = join(APP_ROOT, 'scripts/groundwork.mjs');

/** The Node to run the CLI on: this one if new enough, else the one the project installs. */
export function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return process.execPath;
  const local = join(APP_ROOT, 'node_modules/.bin/node');
  return existsSync(local) ? local : 'node';
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}
export type Run = RunResult;

/** `groundwork ...args` in `cwd`, without colours (and with `extraEnv` set). */
export function groundwork(args: string[], cwd: string = APP_ROOT, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  // Node's compile cache roughly halves the start-up of each run after the first.
  const env: NodeJS.ProcessEnv = { NODE_COMPILE_CACHE: join(tmpdir(), 'groundwork-test-compile-cache'), ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.GROUNDWORK_DEBUG;
  // What vitest sets for itself (NODE_ENV=test, VITEST…) is not what a person's shell has. (With
  // NODE_ENV other than production Astro sets the integration up twice; regressions.test.ts
  // checks that the report is still printed once.)
  for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name === 'TEST' || name.startsWith('VITEST')) delete env[name];
  Object.assign(env, extraEnv);
  return new Promise((ok, fail) => {
    const child = spawn(nodeBinary(), [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** Run the jobs at most `size` at a time; results in the order of the jobs. */
export async function pool<T>(jobs: (() => Promise<T>)[], size = 2): Promise<T[]> {
  const results = new Array<T>(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, jobs.length) }, worker));
  return results;
}

/** Output that shows Groundwork crashed instead of reporting: a stack trace or a raw error. */
export function internals(output: string): string[] {
  return output.split('\n').filter((line) => /^\s+at /.test(line) || /\b\w*Error:/.test(line) || /internal error/i.test(line));
}
