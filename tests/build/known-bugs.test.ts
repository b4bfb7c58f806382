/**
 * Bugs found while moving the tests to the new code and not fixed here (they are not local to
 * one file, or belong to code others are changing). Each test states the behaviour that would
 * be right and is marked `it.fails`: it passes while the bug is there. When a bug is fixed its
 * test starts failing: remove `.fails` (and the bug from this list) then.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gw-known-bugs-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TOSELAND = '@book{toseland2017,\n  title = {An Introduction to Group Work Practice},\n  author = {Toseland, Ronald W. and Rivas, Robert F.},\n  publisher = {Pearson},\n  year = {2017},\n  keywords = {evidence:textbook}\n}\n';

function kb(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, text] of Object.entries({ 'references/sources.bib': TOSELAND, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}
const readPage = (out: string, id: string) => readFileSync(join(out, id, 'index.html'), 'utf8');
const topic = (body: string) => `---\nkind: topic\ntitle: A topic\nsummary: A summary.\n---\n\n${body}\n`;

const runs: Record<string, { check: RunResult; build: RunResult; out: string }> = {};

beforeAll(async () => {
  const cases: Record<string, string> = {
    // APA 7 (8.9): a personal communication is cited in the text only, never in the reference list.
    personal: kb('personal', {
      'references/more.json': JSON.stringify([{ id: 'smith2020', type: 'personal_communication', title: 'Conversation about group norms', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020, 3, 4]] }, evidence: 'other' }]),
      'content/topics/a.md': topic('Members test the worker early [@toseland2017].\n\nNorms were discussed with a practitioner [@smith2020].'),
    }),
    // A law cited in the narrative form.
    legislation: kb('legislation', {
      'references/more.json': JSON.stringify([{ id: 'act2014', type: 'legislation', title: 'Care Act 2014', issued: { 'date-parts': [[2014]] }, evidence: 'other' }]),
      'content/topics/a.md': topic('Members test the worker early [@toseland2017].\n\nAs @act2014 requires, assessments are offered to carers.'),
    }),
  };
  const jobs: (() => Promise<void>)[] = [];
  for (const [name, root] of Object.entries(cases)) {
    const r = { out: join(work, `out-${name}`) } as (typeof runs)[string];
    runs[name] = r;
    jobs.push(async () => {
      r.check = await groundwork(['check', '--root', root]);
    });
    jobs.push(async () => {
      r.build = await groundwork(['build', '--root', root, '--out', r.out]);
    });
  }
  const overdue = join(APP_ROOT, 'tests/fixtures/bad/overdue-review');
  jobs.push(async () => {
    runs['development'] = { out: join(work, 'out-dev'), check: { code: 0, stdout: '', stderr: '' }, build: await groundwork(['build', '--root', '.', '--out', join(work, 'out-dev'), '--today', '2025-01-01'], overdue, { NODE_ENV: 'development' }) };
  });
  await pool(jobs, 2);
}, 600_000);

describe('known bugs', () => {
  it.fails('a personal communication (cited in text, not listed, APA 8.9): check and build agree, and the build does not stop', () => {
    // Now: check passes; the build stops with "the reference `toseland2017` could not be formatted
    // in APA style: citeproc-js left it out of the reference list" (the wrong key, no
    // file:line:col, no rule): src/site/context.ts asks the formatter for the reference list of
    // every reference, and citeproc leaves personal communications out of it.
    const { check, build } = runs['personal']!;
    expect(check.code).toBe(0);
    expect(build.code).toBe(0);
  });

  it('(the personal communication, as it is now)', () => {
    const { check, build } = runs['personal']!;
    expect(check.code).toBe(0);
    expect(build.code).toBe(1);
    expect(build.stderr).toContain('could not be formatted in APA style: citeproc-js left it out of the reference list');
  });

  it.fails('a law cited in the narrative form is named, not "[NO_PRINTED_FORM]"', () => {
    // citeproc's author-only rendering of a legal item (it has no author in APA's style) is
    // `[NO_PRINTED_FORM]`, which src/core/references/format.ts puts into narrative citations.
    const { build, out } = runs['legislation']!;
    expect(build.code).toBe(0);
    const html = readPage(out, 'topics/a');
    expect(html).not.toContain('NO_PRINTED_FORM');
  });

  it.fails('with NODE_ENV=development, the build prints its check report once', () => {
    // Astro runs the integration's astro:config:setup twice when NODE_ENV is not production,
    // and each run prints the report (src/integration/index.ts).
    const { build } = runs['development']!;
    expect(build.code).toBe(0);
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.stdout.match(/review\/overdue {2}the review of this entry was due on 2024-01-15/g)).toHaveLength(1);
  });
});
