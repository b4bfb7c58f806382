import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP, groundwork } from './cli.ts';

const FIXTURE = join(APP, 'tests/fixtures/kb-basic');
const work = mkdtempSync(join(tmpdir(), 'gw-atomic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A fingerprint of a folder: every file's path and content hash. */
function fingerprint(dir: string): string {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name))
    .sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.slice(dir.length)}\0`).update(readFileSync(f));
  return `${files.length}:${h.digest('hex')}`;
}

function previousSite(out: string): string {
  mkdirSync(join(out, 'topics'), { recursive: true });
  writeFileSync(join(out, 'index.html'), '<p>previous site</p>');
  writeFileSync(join(out, 'topics/old.html'), '<p>old page</p>');
  return fingerprint(out);
}

describe('atomic builds', () => {
  it('a build killed half-way leaves the previous site exactly as it was', async () => {
    const out = join(work, 'killed', 'dist');
    const before = previousSite(out);
    const child = spawn(process.execPath, [resolve(APP, 'scripts/groundwork.mjs'), 'build', '--root', FIXTURE, '--out', out], { cwd: APP });
    // Kill it once the new site is being written next to the old one.
    const parent = dirname(out);
    await new Promise<void>((done, fail) => {
      const started = Date.now();
      const poll = setInterval(() => {
        // Astro is writing the new site (inside the app) while the old one is still in place.
        const writing = join(APP, '.groundwork', `site-${child.pid}`, '_astro');
        if (existsSync(writing)) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        } else if (Date.now() - started > 120_000) {
          clearInterval(poll);
          fail(new Error('the build never started writing'));
        }
      }, 20);
    });
    await new Promise((r) => child.on('close', r));
    expect(fingerprint(out)).toBe(before);
    // The next build clears the leftovers and replaces the site whole.
    const r = await groundwork(['build', '--root', FIXTURE, '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(join(out, 'topics/old.html'))).toBe(false);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('Fixture knowledge base');
    expect(readdirSync(parent).filter((n) => n.startsWith('.dist-building-'))).toEqual([]);
  });

  it('a build that fails its check writes nothing', async () => {
    const root = join(work, 'broken-kb');
    mkdirSync(join(root, 'content/topics'), { recursive: true });
    mkdirSync(join(root, 'references'), { recursive: true });
    writeFileSync(join(root, 'references/r.bib'), readFileSync(join(FIXTURE, 'references/sources.bib')));
    writeFileSync(join(root, 'content/topics/a.md'), '---\nkind: topic\ntitle: A\nsummary: S\n---\n\nAn uncited claim.\n');
    const out = join(work, 'broken-out', 'dist');
    const before = previousSite(out);
    const r = await groundwork(['build', '--root', root, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('content/topics/a.md:7:1  error  claim/uncited');
    expect(r.stderr).toContain('Nothing was written; the previous site is unchanged.');
    expect(fingerprint(out)).toBe(before);
  });
});
