/**
 * `astro dev` with the groundwork() integration checks the knowledge base on start and after
 * every change: an error shows in the terminal and, on the page, in Astro's error overlay with
 * its file:line:col; once fixed, the page shows the new text.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../src/cli/chromium.ts';

const APP = resolve(import.meta.dirname, '../..');
// Inside this repository, so that `import groundwork from 'groundwork-kb'` finds the package.
const KB = join(APP, '.groundwork', `test-dev-${process.pid}`);
const FILE = join(KB, 'content/topics/stages.md');

let dev: ChildProcess;
let browser: Browser;
let output = '';
let url = '';

/** Wait until the dev server's output has `text` after `from`. */
async function waitFor(text: string | RegExp, from: number, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const rest = output.slice(from);
    if (typeof text === 'string' ? rest.includes(text) : text.test(rest)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the dev server did not print ${text} within ${ms} ms:\n${output.slice(from)}`);
}

beforeAll(async () => {
  rmSync(KB, { recursive: true, force: true });
  mkdirSync(KB, { recursive: true });
  cpSync(join(APP, 'tests/fixtures/kb-basic'), KB, { recursive: true });
  writeFileSync(join(KB, 'astro.config.mjs'), "import groundwork from 'groundwork-kb';\nexport default { integrations: [groundwork()] };\n");
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
  delete env['FORCE_COLOR'];
  // As a person runs it, not as Vitest's environment would make it.
  for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
  dev = spawn(join(APP, 'node_modules/.bin/node'), [join(APP, 'node_modules/astro/bin/astro.mjs'), 'dev', '--root', KB, '--port', String(4400 + (process.pid % 500))], { cwd: KB, env, stdio: ['ignore', 'pipe', 'pipe'] });
  dev.stdout!.setEncoding('utf8').on('data', (d: string) => (output += d));
  dev.stderr!.setEncoding('utf8').on('data', (d: string) => (output += d));
  await waitFor(/http:\/\/localhost:\d+\//, 0);
  url = /(http:\/\/localhost:\d+)\//.exec(output)![1]!;
  // Ready once it answers (it may still be optimising its dependencies).
  for (let k = 0; k < 100; k++) {
    if ((await fetch(`${url}/`).catch(() => undefined))?.status === 200) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  dev?.kill('SIGTERM');
  rmSync(KB, { recursive: true, force: true });
});

/** The text of Astro's error overlay on a page, or '' when the page shows no error. */
async function overlay(path: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}${path}`);
    const shown = await page.locator('vite-error-overlay').waitFor({ timeout: 15_000 }).then(() => true, () => false);
    if (!shown) return '';
    return await page.evaluate(() => document.querySelector('vite-error-overlay')!.shadowRoot!.querySelector('#message-content')!.textContent ?? '');
  } finally {
    await page.close();
  }
}

describe('astro dev', () => {
  it('checks on start and serves the entry', async () => {
    await waitFor('0 errors, 0 warnings in 7 entries and 3 references', 0);
    const page = await fetch(`${url}/topics/stages/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1 data-pagefind-meta="title">Stages of group development</h1>');
  });

  it('shows an error in the terminal and in the browser\'s error overlay after an edit, and the new text once fixed', async () => {
    const good = readFileSync(FILE, 'utf8');
    let mark = output.length;
    writeFileSync(FILE, good.replace('Groups pass through recognisable stages [@tuckman1965, p. 396].', 'Groups pass through recognisable stages.'));
    try {
      await waitFor('1 error', mark);
      expect(output.slice(mark)).toContain('content/topics/stages.md:13:1  error  claim/uncited  This paragraph makes a claim without a citation: "Groups pass through recognisable stages."');
      expect(await overlay('/topics/stages/')).toContain('content/topics/stages.md:13:1  error  claim/uncited  This paragraph makes a claim without a citation');
    } finally {
      mark = output.length;
      writeFileSync(FILE, good.replace('recognisable stages', 'recognisable stages of development'));
    }
    await waitFor('0 errors, 0 warnings', mark);
    const fixed = await (await fetch(`${url}/topics/stages/`)).text();
    expect(fixed).toContain('Groups pass through recognisable stages of development');
  }, 120_000);
});
