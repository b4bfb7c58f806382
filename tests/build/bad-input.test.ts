/**
 * The bad-input catalogue: one tiny knowledge base per mistake under tests/fixtures/bad/<case>/.
 * For each, `check` and `build` run as subprocesses (from the knowledge base's folder, as an
 * author runs them), and must name the rule, the exact file:line:column, say what is wrong and
 * how to fix it — never crash with a stack trace — and `build` must write nothing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/core/problems.ts';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';

const BAD = join(APP_ROOT, 'tests/fixtures/bad');
const TODAY = '2025-01-01';

interface Case {
  name: string;
  /** `file:line:column` relative to the knowledge base. */
  at: string;
  rule: string;
  severity?: 'error' | 'warning';
  /** The whole message, or words it must contain. */
  message: string | string[];
  /** Text the hint must contain. */
  hint?: string;
}

const CASES: Case[] = [
  { name: 'malformed-yaml', at: 'content/topics/bad.md:3:8', rule: 'frontmatter/invalid-yaml', message: ['the frontmatter is not valid YAML', 'Nested mappings'], hint: 'quote values that contain `: `' },
  { name: 'wrong-field-type', at: 'content/topics/bad.md:5:1', rule: 'frontmatter/invalid-field', message: 'field `related`: expected array, received string', hint: 'see the fields of `topic` in docs/authoring.md' },
  { name: 'unknown-field', at: 'content/topics/bad.md:5:1', rule: 'frontmatter/unknown-field', message: 'unknown field `tag` for a topic entry', hint: 'did you mean tags? allowed fields: kind, title, summary' },
  { name: 'unknown-kind', at: 'content/topics/bad.md:2:1', rule: 'entry/unknown-kind', message: '`topc` is not an entry kind', hint: 'did you mean topic? kind must be one of: standard, ethics, model' },
  { name: 'missing-kind', at: 'content/topics/bad.md:2:1', rule: 'entry/unknown-kind', message: 'the entry has no `kind`', hint: 'kind must be one of: standard, ethics, model' },
  { name: 'duplicate-id', at: 'content/topics/bad.mdx:1:1', rule: 'entry/duplicate-id', message: 'the id `topics/bad` is already used by content/topics/bad.md', hint: 'rename one of the files' },
  { name: 'alias-collides-with-id', at: 'content/topics/bad.md:5:28', rule: 'entry/duplicate-alias', message: 'the alias `topics/base` is the id of an existing entry (content/topics/base.md)', hint: 'remove it, or rename the other entry' },
  { name: 'alias-on-two-entries', at: 'content/topics/other.md:6:5', rule: 'entry/duplicate-alias', message: 'the alias `topics/old-name` is also an alias of `topics/bad`', hint: 'an old id can redirect to one entry only' },
  { name: 'unknown-key', at: 'content/topics/bad.md:7:32', rule: 'citation/unknown-key', message: 'no reference has the key `@nobody2020`', hint: 'add the source to a file in references/' },
  { name: 'near-miss-key', at: 'content/topics/bad.md:7:32', rule: 'citation/unknown-key', message: 'no reference has the key `@toseland2071`', hint: 'did you mean @toseland2017?' },
  { name: 'malformed-locator', at: 'content/topics/bad.md:7:32', rule: 'citation/malformed-locator', message: '`pg.` is not a locator label in `[@toseland2017, pg. 12]`', hint: 'use one of p., pp., ch.' },
  { name: 'empty-citation', at: 'content/topics/bad.md:7:32', rule: 'citation/empty', message: 'empty citation: `@` with no key', hint: 'write the key of a reference after `@`' },
  { name: 'uncited-paragraph', at: 'content/topics/bad.md:9:1', rule: 'claim/uncited', message: 'This paragraph makes a claim without a citation: "Groups always succeed."', hint: 'cite the source it rests on, e.g. `[@key]`' },
  { name: 'uncited-list-item', at: 'content/topics/bad.md:10:1', rule: 'claim/uncited', message: 'This list item makes a claim without a citation: "Norms follow."', hint: 'cite the source it rests on' },
  { name: 'uncited-table-cell', at: 'content/topics/bad.md:12:25', rule: 'claim/uncited', message: 'This table cell makes a claim without a citation: "Everyone"', hint: 'cite the source it rests on' },
  { name: 'uncited-model-attribute', at: 'content/models/bad.md:10:3', rule: 'claim/uncited', message: '`attributes.format` makes a claim without a citation', hint: 'add the source it rests on' },
  { name: 'uncited-glossary-definition', at: 'content/glossary/bad.md:6:1', rule: 'claim/uncited', message: '`definition` makes a claim without a citation', hint: 'add the source it rests on' },
  { name: 'broken-wikilink', at: 'content/topics/bad.md:7:6', rule: 'link/broken-entry', message: 'the link points to `topics/bsae`, which is not an entry', hint: 'did you mean topics/base?' },
  { name: 'broken-heading-link', at: 'content/topics/bad.md:7:7', rule: 'link/broken-anchor', message: '`topics/base` has no heading or paragraph `#ground-rule`', hint: 'did you mean #ground-rules?' },
  { name: 'broken-markdown-link', at: 'content/topics/bad.md:7:6', rule: 'link/broken-entry', message: 'the link points to `topics/nope`, which is not an entry', hint: 'add `aliases: [topics/nope]` to its frontmatter' },
  { name: 'link-to-alias', at: 'content/topics/bad.md:7:6', rule: 'link/alias', message: '`topics/old-base` is an old id: the entry is now `topics/base`', hint: 'link to `topics/base`' },
  { name: 'broken-related', at: 'content/topics/bad.md:7:5', rule: 'link/broken-field', message: '`related` names `topics/nope`, which is not an entry', hint: 'did you mean topics/base?' },
  { name: 'unclosed-brace-bibtex', at: 'references/more.bib:1:1', rule: 'reference/malformed-bibtex', message: 'the entry `corey2018` never closes: the value of `title` (line 2) has a `{` without its `}`, so it runs on over the fields after it', hint: 'add the missing `}` in the value of `title` on line 2' },
  { name: 'reference-missing-title', at: 'references/more.bib:1:1', rule: 'reference/missing-field', message: '`corey2018` has no `title`: APA 7 needs the title of the work', hint: 'add `title = {...}`' },
  { name: 'reference-missing-year', at: 'references/more.bib:1:1', rule: 'reference/missing-field', message: ['`corey2018` has no `year`', 'n.d.'], hint: 'add `year = {2020}`, or `year = {n.d.}`' },
  { name: 'duplicate-key-two-files', at: 'references/sources.bib:1:1', rule: 'reference/duplicate-key', message: 'the citation key `toseland2017` is already used at references/more.bib:3', hint: 'remove the duplicate' },
  { name: 'duplicate-doi', at: 'references/more.bib:13:1', rule: 'reference/duplicate-doi', message: '`tuckman1965dev` has the same DOI (10.1037/h0022100) as `tuckman1965` at references/more.bib:1', hint: 'remove one of them and cite `tuckman1965`' },
  { name: 'invalid-csl-json', at: 'references/more.json:6:5', rule: 'reference/malformed-csl-json', message: "invalid JSON: Expected ',' or '}' after property value", hint: 'a missing comma' },
  { name: 'missing-evidence-type', at: 'references/more.bib:1:1', rule: 'reference/missing-evidence-type', message: '`corey2018` has no evidence type', hint: 'keywords = {evidence:textbook}' },
  { name: 'not-utf8', at: 'content/topics/bad.md:9:8', rule: 'file/encoding', message: ['not valid UTF-8', '0xE9', 'Latin-1'], hint: 'save it as UTF-8' },
  { name: 'empty-file', at: 'content/topics/bad.md:1:1', rule: 'entry/empty', message: 'the file is empty', hint: 'start it with frontmatter' },
  { name: 'huge-file', at: 'content/topics/bad.md:1:1', rule: 'file/too-large', message: 'the file is 5.0 MB; entries may be at most 1 MB', hint: 'split it into several entries' },
  { name: 'mdx-syntax-error', at: 'content/topics/bad.mdx:9:21', rule: 'mdx/syntax', message: ['MDX syntax error', 'closing brace for `{`'], hint: 'escaped as `\\<` or `\\{`' },
  { name: 'mdx-unclosed-tag', at: 'content/topics/bad.mdx:9:1', rule: 'mdx/syntax', message: ['MDX syntax error', 'Expected a closing tag for `<Scenario>`'], hint: 'fix the MDX syntax' },
  { name: 'mdx-import', at: 'content/topics/bad.mdx:7:1', rule: 'mdx/unsupported', message: 'MDX imports, exports and {expressions} are not run: the knowledge base is static text', hint: 'remove it, or write the content in Markdown' },
  { name: 'unknown-directive', at: 'content/topics/bad.md:9:1', rule: 'directive/unknown', message: '`:::warning` is not a block Groundwork knows', hint: 'use one of :::note, :::scenario' },
  { name: 'overlay-missing-entry', at: 'content/local/bad.md:5:1', rule: 'link/broken-field', message: '`attaches_to` names `ethics/nasw-1-07-f`, which is not an entry', hint: 'add `aliases: [ethics/nasw-1-07-f]`' },
  { name: 'javascript-url', at: 'content/topics/bad.md:7:7', rule: 'link/unsafe-url', message: 'the link `javascript:alert(1)` would run code or embed data when clicked', hint: 'link to a web address (https://…)' },
  { name: 'privacy-email', at: 'content/topics/bad.md:8:13', rule: 'privacy/email', message: 'this looks like an e-mail address: "jane.doe@example.org"', hint: 'must be de-identified' },
  { name: 'privacy-phone', at: 'content/topics/bad.md:8:33', rule: 'privacy/phone', message: 'this looks like a phone number: "555-123-4567"', hint: 'must be de-identified' },
  { name: 'overdue-review', at: 'content/topics/bad.md:8:3', rule: 'review/overdue', severity: 'warning', message: 'the review of this entry was due on 2024-01-15', hint: 'update `review.reviewed` and `review.next`' },
  { name: 'unused-reference', at: 'references/more.bib:1:1', rule: 'reference/unused', severity: 'warning', message: 'the reference `@corey2018` is not cited by any entry', hint: 'cite it where it supports a claim' },
];

interface Outcome {
  json: RunResult;
  build?: RunResult;
  /** Where build was told to write. */
  out?: string;
  strict?: RunResult;
  strictBuild?: RunResult;
}

const work = mkdtempSync(join(tmpdir(), 'gw-bad-'));
const roots = new Map<string, string>();
const outcomes = new Map<string, Outcome>();
/** The case whose --out folder holds a previous site that must survive. */
const KEEP = 'unknown-key';
let keptBefore: string;
let usage: RunResult;

/** Every file under a folder with its bytes and modification time. */
function snapshot(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .map((f) => {
      const s = statSync(f);
      return `${f.slice(dir.length)} ${s.mtimeMs} ${s.isFile() ? readFileSync(f, 'base64') : 'dir'}`;
    })
    .join('\n');
}

beforeAll(async () => {
  for (const c of CASES) roots.set(c.name, join(BAD, c.name));
  // 5 MB is generated here rather than committed: a temporary copy of the case gets it.
  const huge = join(work, 'huge-file');
  cpSync(join(BAD, 'huge-file'), huge, { recursive: true });
  const para = 'Groups pass through recognisable stages of development over their life [@toseland2017].\n\n';
  const head = '---\nkind: topic\ntitle: Huge entry\nsummary: An entry far over the size limit.\n---\n\n';
  writeFileSync(join(huge, 'content/topics/bad.md'), head + para.repeat(Math.ceil((5 * 1024 * 1024 - head.length) / para.length)));
  roots.set('huge-file', huge);
  // A previous site in one case's output folder.
  const kept = join(work, `out-${KEEP}`);
  mkdirSync(join(kept, 'topics'), { recursive: true });
  writeFileSync(join(kept, 'index.html'), '<p>the previous site</p>\n');
  writeFileSync(join(kept, 'topics/marker.txt'), 'marker: must survive a failed build\n');
  keptBefore = snapshot(kept);

  const jobs: (() => Promise<void>)[] = [];
  for (const c of CASES) {
    const root = roots.get(c.name)!;
    const o = {} as Outcome;
    outcomes.set(c.name, o);
    jobs.push(async () => {
      o.json = await groundwork(['check', '--root', '.', '--format', 'json', '--today', TODAY], root);
    });
    if (c.severity !== 'warning') {
      o.out = join(work, `out-${c.name}`);
      jobs.push(async () => {
        o.build = await groundwork(['build', '--root', '.', '--out', o.out!, '--today', TODAY], root);
      });
    }
  }
  const overdue = outcomes.get('overdue-review')!;
  const overdueRoot = roots.get('overdue-review')!;
  overdue.out = join(work, 'out-overdue-review');
  jobs.push(async () => {
    overdue.strict = await groundwork(['check', '--root', '.', '--strict', '--today', TODAY], overdueRoot);
  });
  jobs.push(async () => {
    overdue.strictBuild = await groundwork(['build', '--root', '.', '--strict', '--today', TODAY, '--out', overdue.out!], overdueRoot);
  });
  jobs.push(async () => {
    usage = await groundwork(['check', '--root', '.', '--today', 'tomorrow'], overdueRoot);
  });
  await pool(jobs, 2);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const at = (p: Problem) => `${p.file}:${p.line}:${p.column}`;

describe('the bad-input catalogue', () => {
  it('has a fixture folder for every case, and a case for every fixture folder', () => {
    const folders = readdirSync(BAD, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(CASES.map((c) => c.name).sort());
    expect(folders.length).toBeGreaterThanOrEqual(28);
    for (const name of folders) {
      expect(existsSync(join(BAD, name, 'content')), name).toBe(true);
      expect(existsSync(join(BAD, name, 'references')), name).toBe(true);
    }
    // The Latin-1 byte is committed as a byte (an editor may "fix" the file on save).
    expect(readFileSync(join(BAD, 'not-utf8/content/topics/bad.md')).includes(0xe9)).toBe(true);
  });

  describe.each(CASES)('$name', (c) => {
    const severity = c.severity ?? 'error';
    const words = typeof c.message === 'string' ? [c.message] : c.message;

    it(`check reports ${c.rule} at ${c.at}`, () => {
      const { json } = outcomes.get(c.name)!;
      expect(internals(json.stdout + json.stderr)).toEqual([]);
      expect(json.stderr).toBe('');
      const report = JSON.parse(json.stdout) as { problems: Problem[]; summary: { errors: number; warnings: number } };
      const found = report.problems.filter((p) => p.severity === severity);
      // Exactly one problem of the case's severity: the one the case is about (no follow-on errors).
      expect(found.map((p) => `${at(p)} ${p.rule}`)).toEqual([`${c.at} ${c.rule}`]);
      const p = found[0]!;
      if (typeof c.message === 'string') expect(p.message).toBe(c.message);
      for (const w of words) expect(p.message).toContain(w);
      if (c.hint) expect(p.hint).toContain(c.hint);
      expect(json.code).toBe(severity === 'error' ? 1 : 0);
      if (severity === 'warning') expect(report.summary.errors).toBe(0);
    });

    if (severity === 'error') {
      it('build stops with the same report, no stack trace, and writes nothing', () => {
        const { build, out } = outcomes.get(c.name)!;
        expect(build!.code).toBe(1);
        expect(internals(build!.stdout + build!.stderr)).toEqual([]);
        // The text report: `file:line:col  error  rule  message`, then the hint.
        const lines = build!.stdout.split('\n');
        const i = lines.findIndex((l) => l.startsWith(`${c.at}  error  ${c.rule}  `));
        expect(i, build!.stdout).toBeGreaterThanOrEqual(0);
        for (const w of words) expect(lines[i]).toContain(w);
        if (c.hint) {
          expect(lines[i + 1]).toMatch(/^ {4}hint: /);
          expect(lines[i + 1]).toContain(c.hint);
        }
        expect(build!.stdout).toMatch(/✖ 1 error, /);
        expect(build!.stderr).toBe('Build stopped: fix the errors above first. Nothing was written; the previous site is unchanged.\n');
        if (c.name === KEEP) expect(snapshot(out!)).toBe(keptBefore);
        else expect(existsSync(out!)).toBe(false);
      });
    }
  });

  it('no build leaves a half-written folder next to its output', () => {
    expect(readdirSync(work).filter((n) => n.includes('-building-') || n.includes('.old-'))).toEqual([]);
  });

  it('overdue-review: a warning, but an error with --strict, and then build stops', () => {
    const o = outcomes.get('overdue-review')!;
    expect(o.json.code).toBe(0);
    expect(o.strict!.code).toBe(1);
    expect(o.strict!.stdout).toContain('content/topics/bad.md:8:3  error  review/overdue  the review of this entry was due on 2024-01-15');
    expect(o.strictBuild!.code).toBe(1);
    expect(internals(o.strictBuild!.stdout + o.strictBuild!.stderr)).toEqual([]);
    expect(existsSync(o.out!)).toBe(false);
  });

  it('a date that is not YYYY-MM-DD is a usage error (exit 2), not a silent wrong answer', () => {
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('--today must be a date written YYYY-MM-DD, not tomorrow\n');
    expect(usage.stdout).toBe('');
  });

  it('unused-reference: a warning only, so check passes', () => {
    const o = outcomes.get('unused-reference')!;
    expect(o.json.code).toBe(0);
    expect(JSON.parse(o.json.stdout).summary).toMatchObject({ errors: 0, warnings: 1 });
  });
});
