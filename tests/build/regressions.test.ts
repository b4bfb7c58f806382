/**
 * Bugs found while moving the tests to the new code, reported, and fixed since: each test holds
 * the fix.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';
import { byClass, byId, text } from './html.ts';

const work = mkdtempSync(join(tmpdir(), 'gw-regressions-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TOSELAND = '@book{toseland2017,\n  title = {An Introduction to Group Work Practice},\n  author = {Toseland, Ronald W. and Rivas, Robert F.},\n  publisher = {Pearson},\n  year = {2017},\n  keywords = {evidence:textbook}\n}\n';

function kb(name: string, files: Record<string, string>): string {
  const root = join(work, name);
  for (const [path, body] of Object.entries({ 'references/sources.bib': TOSELAND, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), body);
  }
  return root;
}
const topic = (body: string) => `---\nkind: topic\ntitle: A topic\nsummary: A summary.\n---\n\n${body}\n`;
const readPage = (out: string, id: string) => readFileSync(join(out, id, 'index.html'), 'utf8');

const runs: Record<string, { check?: RunResult; build: RunResult; out: string }> = {};

beforeAll(async () => {
  const cases: Record<string, string> = {
    // APA 7 (8.9): a personal communication is cited in the text only, never in the reference list.
    personal: kb('personal', {
      'references/more.json': JSON.stringify([{ id: 'smith2020', type: 'personal_communication', title: 'Conversation about group norms', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020, 3, 4]] }, evidence: 'other' }]),
      'content/topics/a.md': topic('Members test the worker early [@toseland2017].\n\nNorms were discussed with a practitioner [@smith2020].'),
    }),
    // A law, which APA names by its title, cited in the narrative form.
    legislation: kb('legislation', {
      'references/more.json': JSON.stringify([{ id: 'act2014', type: 'legislation', title: 'Care Act 2014', issued: { 'date-parts': [[2014]] }, evidence: 'other' }]),
      'content/topics/a.md': topic('Members test the worker early [@toseland2017].\n\nAs @act2014 requires, assessments are offered to carers.'),
    }),
    // A problem only rendering finds, made a warning by the profile: the build goes on and says so.
    lenient: kb('lenient', {
      'references/more.json': JSON.stringify([{ id: 'plato-republic', type: 'book', title: 'The Republic', author: [{ given: 'Plato' }], issued: { 'date-parts': [[2003]] }, publisher: 'Penguin' }]),
      'content/topics/a.md': topic('Members test the worker early [@toseland2017].\n\nJustice is the good of the city [@plato-republic].'),
      'groundwork.config.yaml': 'rules:\n  citation/unformattable: warning\n',
    }),
    // .mdx bodies are compiled for the handbook only when there is one.
    nohandbook: kb('nohandbook', {
      'content/topics/a.mdx': topic('Members test the worker early [@toseland2017].\n\n<Note title="For editors">A reminder.</Note>'),
      'groundwork.config.yaml': 'handbook: false\n',
    }),
    // In the handbook an .mdx body starts from the APA state the entries before it left: a
    // citation with the author suppressed ([-@key]) introduces no abbreviation.
    abbreviations: kb('abbreviations', {
      'references/nasw.bib': '@book{nasw2021, author = {{National Association of Social Workers}}, shortauthor = {NASW}, title = {Code of Ethics}, publisher = {NASW Press}, year = {2021}}\n',
      'content/topics/a.md': '---\nkind: topic\ntitle: A first topic\nsummary: S.\n---\n\nThe National Association of Social Workers says so [-@nasw2021] and [@toseland2017].\n',
      'content/topics/b.mdx': '---\nkind: topic\ntitle: B second topic\nsummary: S.\n---\n\nMembers keep what is said private [@nasw2021].\n',
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
  const dev = { out: join(work, 'out-dev') } as (typeof runs)[string];
  runs['development'] = dev;
  jobs.push(async () => {
    dev.build = await groundwork(['build', '--root', '.', '--out', dev.out, '--today', '2025-01-01'], overdue, { NODE_ENV: 'development' });
  });
  await pool(jobs, 2);
}, 600_000);

describe('fixed', () => {
  it('in the handbook, an .mdx body introduces a group author that only a suppressed-author citation named before', () => {
    const { build, out } = runs['abbreviations']!;
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const handbook = readPage(out, 'handbook');
    expect(text(byId(handbook, 'entry-topics--b--para-1'))).toBe('Members keep what is said private (National Association of Social Workers [NASW], 2021). ¶');
  });

  it('with handbook: false an .mdx entry builds, and there is no handbook', () => {
    const { build, out } = runs['nohandbook']!;
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    expect(text(byId(readPage(out, 'topics/a'), 'para-1'))).toBe('Members test the worker early (Toseland & Rivas, 2017). ¶');
    expect(() => readPage(out, 'handbook')).toThrow();
  });

  it('the profile sets the severity of a problem only rendering finds: a warning is reported and the site built', () => {
    const { build, out } = runs['lenient']!;
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    expect(build.stdout + build.stderr).toContain('content/topics/a.md:9:34  warning  citation/unformattable  the reference `plato-republic` could not be formatted in APA style');
    expect(text(byId(readPage(out, 'topics/a'), 'para-2'))).toBe('Justice is the good of the city [@plato-republic]. ¶');
  });

  it('a personal communication is cited in the text, listed nowhere, and check and build agree', () => {
    const { check, build, out } = runs['personal']!;
    expect(check!.code).toBe(0);
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    const html = readPage(out, 'topics/a');
    expect(text(byId(html, 'para-2'))).toBe('Norms were discussed with a practitioner (J. Smith, personal communication, March 4, 2020). ¶');
    expect(byClass(html, 'ol', 'reference-list')).not.toContain('Smith');
  });

  it('a law cited in the narrative form is named by its title, never "[NO_PRINTED_FORM]"', () => {
    const { check, build, out } = runs['legislation']!;
    expect(check!.code).toBe(0);
    expect(build.code).toBe(0);
    const html = readPage(out, 'topics/a');
    expect(html).not.toContain('NO_PRINTED_FORM');
    expect(text(byId(html, 'para-2'))).toBe('As Care Act 2014 (2014) requires, assessments are offered to carers. ¶');
  });

  it('with NODE_ENV=development (as vitest and some CI set it), the build prints its check report once', () => {
    const { build } = runs['development']!;
    expect(build.code).toBe(0);
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.stdout.match(/review\/overdue {2}the review of this entry was due on 2024-01-15/g)).toHaveLength(1);
  });
});
