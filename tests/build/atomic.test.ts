import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP, groundwork } from './cli.ts';
import { SEARCH_INDEX_PENDING } from '../../src/integration/flags.ts';

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
    // Kill it once Astro has started writing the new site (inside the app) while the old one is
    // still in place. The writing takes a fraction of a second: poll often.
    const parent = dirname(out);
    const writing = join(APP, '.groundwork', `site-${child.pid}`);
    let finished = false;
    child.on('close', () => (finished = true));
    await new Promise<void>((done, fail) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (existsSync(writing) && readdirSync(writing).length > 0) {
          clearInterval(poll);
          child.kill('SIGKILL');
          done();
        } else if (finished) {
          clearInterval(poll);
          fail(new Error('the build finished before it could be killed'));
        } else if (Date.now() - started > 100_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          fail(new Error('the build never started writing'));
        }
      }, 2);
    });
    if (!finished) await new Promise((r) => child.on('close', r));
    expect(fingerprint(out)).toBe(before);
    // Astro builds in a child process of the command: it stops with it, instead of building on
    // to the end (where it would mark the site for its search index).
    const astroBuilds = () => execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).split('\n').filter((l) => l.includes('_astro-build') && l.includes(writing));
    await expect.poll(astroBuilds, { timeout: 30_000, interval: 50 }).toEqual([]);
    expect(existsSync(join(writing, SEARCH_INDEX_PENDING)), 'the orphaned Astro build ran on to its end').toBe(false);
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
    // The report comes through Astro's logger (errors on stderr), the path as seen from where the command ran.
    expect(r.stderr).toContain(`${relative(APP, root)}/content/topics/a.md:7:1  error  claim/uncited  This paragraph makes a claim without a citation: "An uncited claim."`);
    expect(r.stderr).toMatch(/^Build stopped: /m);
    expect(r.stderr.endsWith(`Nothing was written; the previous site in ${out} is unchanged.\n`)).toBe(true);
    expect(r.stdout).toBe('');
    expect(fingerprint(out)).toBe(before);
  });
});
