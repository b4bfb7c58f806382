// Run the Groundwork CLI as a user would, in a subprocess, with the project's Node.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export const APP = resolve(import.meta.dirname, '../..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function groundwork(args: string[], opts: { cwd?: string; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [resolve(APP, 'scripts/groundwork.mjs'), ...args], {
      cwd: opts.cwd ?? APP,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
