/**
 * Once per run: build the default knowledge base into a temporary folder with the Groundwork CLI
 * and serve it on 127.0.0.1 at a free port. Tests read the address with inject('baseURL').
 *
 * GROUNDWORK_BROWSER_SITE=/path/to/dist serves an already built site instead (no build), for a
 * quick re-run while working on the tests.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { serveStatic } from './server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    siteDir: string;
  }
}

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The Node to run the CLI on: this one if new enough, else the one the project installs. */
function nodeBinary(): string {
  const major = Number(process.versions.node.split('.')[0]);
  if (major >= 22) return process.execPath;
  const local = join(APP_ROOT, 'node_modules/.bin/node');
  return existsSync(local) ? local : 'node';
}

function build(outDir: string): Promise<void> {
  return new Promise((ok, fail) => {
    const child = spawn(nodeBinary(), ['scripts/groundwork.mjs', 'build', '--out', outDir], {
      cwd: APP_ROOT,
      env: { ...process.env, FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      if (code === 0) {
        process.stdout.write(`[browser tests] ${output.trim().split('\n').pop()}\n`);
        ok();
      } else {
        fail(new Error(`Building the default knowledge base failed (exit ${code}):\n${output}`));
      }
    });
  });
}

export default async function setup(project: TestProject) {
  let siteDir = process.env.GROUNDWORK_BROWSER_SITE ? resolve(process.env.GROUNDWORK_BROWSER_SITE) : '';
  let tmp: string | undefined;
  if (!siteDir) {
    tmp = mkdtempSync(join(tmpdir(), 'groundwork-browser-'));
    siteDir = join(tmp, 'site');
    await build(siteDir);
  }
  if (!existsSync(join(siteDir, 'index.html'))) throw new Error(`No built site at ${siteDir} (index.html missing)`);
  const server = await serveStatic(siteDir);
  process.stdout.write(`[browser tests] serving ${siteDir} at ${server.url}\n`);
  project.provide('baseURL', server.url);
  project.provide('siteDir', siteDir);
  process.env.GROUNDWORK_BROWSER_URL = server.url;
  return async () => {
    await server.close();
    if (tmp && !process.env.GROUNDWORK_KEEP_SITE) rmSync(tmp, { recursive: true, force: true });
  };
}
