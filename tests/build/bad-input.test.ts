/**
 * The bad-input catalogue: one tiny knowledge base per mistake under tests/fixtures/bad/<case>/.
 * For each, `check` and `build` run as subprocesses (from the knowledge base's folder, as an
 * author runs them), and must name the rule, the exact file:line:column, say what is wrong and
 * how to fix it — never crash with a stack trace. `check` and `build` cannot disagree: the build
 * reports the very problems `check` reports. On an error `build` writes nothing; with warnings
 * only it builds. A problem only rendering can find (`citation/unformattable`) passes `check`
 * and stops the build, at the citation.
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
  /** Found only when the site is rendered: `check` passes, `build` stops. */
  renderOnly?: true;
}

const UNCITED_HINT = 'cite the source it rests on, e.g. `[@key]`';

const CASES: Case[] = [
  // Entries and frontmatter
  { name: 'malformed-yaml', at: 'content/topics/bad.md:3:8', rule: 'frontmatter/invalid-yaml', message: ['the frontmatter is not valid YAML', 'Nested mappings'], hint: 'quote values that contain `: `' },
  { name: 'wrong-field-type', at: 'content/topics/bad.md:5:1', rule: 'frontmatter/invalid-field', message: 'field `related` must be a list, e.g. `[a, b]`, not text', hint: 'see the fields of `topic` in docs/authoring.md' },
  { name: 'missing-summary', at: 'content/topics/bad.md:2:1', rule: 'frontmatter/invalid-field', message: 'field `summary` is required', hint: 'see the fields of `topic` in docs/authoring.md' },
  { name: 'vocabulary-value', at: 'content/ethics/bad.md:5:1', rule: 'frontmatter/invalid-field', message: 'field `code` `BASWW` is not in the `codes` vocabulary (did you mean `BASW`?); it allows: NASW, CASW, BASW', hint: 'see the fields of `ethics` in docs/authoring.md' },
  { name: 'unknown-field', at: 'content/topics/bad.md:5:1', rule: 'frontmatter/unknown-field', message: 'unknown field `tag` for a topic entry', hint: 'did you mean tags? allowed fields: kind, title, summary' },
  { name: 'unknown-kind', at: 'content/topics/bad.md:2:1', rule: 'entry/unknown-kind', message: '`topc` is not an entry kind', hint: 'did you mean topic? kind must be one of: standard, ethics, model' },
  { name: 'missing-kind', at: 'content/topics/bad.md:2:1', rule: 'entry/unknown-kind', message: 'the entry has no `kind`', hint: 'kind must be one of: standard, ethics, model' },
  { name: 'duplicate-id', at: 'content/topics/bad.mdx:1:1', rule: 'entry/duplicate-id', message: 'the id `topics/bad` is already used by content/topics/bad.md', hint: 'rename one of the files' },
  { name: 'alias-collides-with-id', at: 'content/topics/bad.md:5:28', rule: 'entry/duplicate-alias', message: 'the alias `topics/base` is the id of an existing entry (content/topics/base.md)', hint: 'remove it, or rename the other entry' },
  { name: 'alias-on-two-entries', at: 'content/topics/other.md:6:5', rule: 'entry/duplicate-alias', message: 'the alias `topics/old-name` is also an alias of `topics/bad`', hint: 'an old id can redirect to one entry only' },
  { name: 'empty-file', at: 'content/topics/bad.md:1:1', rule: 'entry/empty', message: 'the file is empty', hint: 'start it with frontmatter' },
  // Files
  { name: 'not-utf8', at: 'content/topics/bad.md:9:8', rule: 'file/encoding', message: ['not valid UTF-8', '0xE9', 'Latin-1'], hint: 'save it as UTF-8' },
  { name: 'huge-file', at: 'content/topics/bad.md:1:1', rule: 'file/too-large', message: 'the file is 5.0 MB; entries may be at most 1 MB', hint: 'split it into several entries' },
  // Citations
  { name: 'unknown-key', at: 'content/topics/bad.md:7:32', rule: 'citation/unknown-key', message: 'no reference has the key `@nobody2020`', hint: 'add the source to a file in references/' },
  { name: 'near-miss-key', at: 'content/topics/bad.md:7:32', rule: 'citation/unknown-key', message: 'no reference has the key `@toseland2071`', hint: 'did you mean @toseland2017?' },
  { name: 'empty-citation', at: 'content/topics/bad.md:7:32', rule: 'citation/empty', message: '`[@]` is an empty citation: `@` with no key', hint: 'write the key of a reference right after `@`' },
  // `[@toseland2017, pg. 12]` is a valid citation now (pandoc keeps `, pg. 12` as its suffix); an item with no key is not.
  { name: 'malformed-citation', at: 'content/topics/bad.md:7:46', rule: 'citation/malformed', message: '`see above` in the citation `[@toseland2017; see above]` names no source', hint: 'each item between `;` needs its own `@key`' },
  { name: 'citation-unformattable', at: 'content/topics/bad.md:9:34', rule: 'citation/unformattable', renderOnly: true, message: 'the reference `plato-republic` could not be formatted in APA style: citeproc-js prints neither an author nor a title for it (its citation is `(2003)`); an author needs a family name, or a literal name for an organisation: the citation `[@plato-republic]` cannot be rendered', hint: "check the reference's fields (names, dates, type) in references/" },
  // Claims
  { name: 'uncited-paragraph', at: 'content/topics/bad.md:9:1', rule: 'claim/uncited', message: 'This paragraph makes a claim without a citation: "Groups always succeed."', hint: UNCITED_HINT },
  { name: 'uncited-list-item', at: 'content/topics/bad.md:10:1', rule: 'claim/uncited', message: 'This list item makes a claim without a citation: "Norms follow."', hint: UNCITED_HINT },
  { name: 'uncited-table-cell', at: 'content/topics/bad.md:12:25', rule: 'claim/uncited', message: 'This table cell makes a claim without a citation: "Everyone"', hint: UNCITED_HINT },
  // A claim field is reported where its value starts.
  { name: 'uncited-model-attribute', at: 'content/models/bad.md:10:11', rule: 'claim/uncited', message: '`attributes.format` makes a claim without a citation', hint: 'add the source it rests on' },
  { name: 'uncited-glossary-definition', at: 'content/glossary/bad.md:6:13', rule: 'claim/uncited', message: '`definition` makes a claim without a citation', hint: 'add the source it rests on' },
  // In an .mdx body, which the bundler compiles after the site model is made: the build still stops at it.
  { name: 'mdx-citation-unformattable', at: 'content/topics/bad.mdx:9:34', rule: 'citation/unformattable', renderOnly: true, message: 'the reference `plato-republic` could not be formatted in APA style: citeproc-js prints neither an author nor a title for it (its citation is `(2003)`); an author needs a family name, or a literal name for an organisation: the citation `[@plato-republic]` cannot be rendered', hint: "check the reference's fields (names, dates, type) in references/" },
  { name: 'mdx-uncited-in-component', at: 'content/topics/bad.mdx:11:3', rule: 'claim/uncited', message: 'This paragraph makes a claim without a citation: "Groups always succeed."', hint: UNCITED_HINT },
  { name: 'navigation-cited', at: 'content/topics/bad.md:9:1', rule: 'claim/navigation-cited', severity: 'warning', message: 'This paragraph only points to other entries, so it is not a claim and needs no citation', hint: 'remove the citation' },
  // Links
  { name: 'broken-wikilink', at: 'content/topics/bad.md:7:6', rule: 'link/broken-entry', message: 'the link points to `topics/bsae`, which is not an entry', hint: 'did you mean topics/base?' },
  { name: 'broken-heading-link', at: 'content/topics/bad.md:7:7', rule: 'link/broken-anchor', message: '`topics/base` has no heading or paragraph `#ground-rule`', hint: 'did you mean #ground-rules?' },
  { name: 'broken-markdown-link', at: 'content/topics/bad.md:7:6', rule: 'link/broken-entry', message: 'the link points to `topics/nope`, which is not an entry', hint: 'add `aliases: [topics/nope]` to its frontmatter' },
  { name: 'link-to-alias', at: 'content/topics/bad.md:7:6', rule: 'link/alias', message: '`topics/old-base` is an old id: the entry is now `topics/base`', hint: 'link to `topics/base`' },
  { name: 'broken-related', at: 'content/topics/bad.md:7:5', rule: 'link/broken-field', message: '`related` names `topics/nope`, which is not an entry', hint: 'did you mean topics/base?' },
  { name: 'overlay-missing-entry', at: 'content/local/bad.md:5:1', rule: 'link/broken-field', message: '`attaches_to` names `ethics/nasw-1-07-f`, which is not an entry', hint: 'add `aliases: [ethics/nasw-1-07-f]`' },
  { name: 'javascript-url', at: 'content/topics/bad.md:7:7', rule: 'link/unsafe-url', message: 'the link `javascript:alert(1)` would run code or embed data when clicked', hint: 'link to a web address (https://…)' },
  // Markdown, MDX and blocks
  { name: 'unknown-directive', at: 'content/topics/bad.md:9:1', rule: 'directive/unknown', message: '`:::warning` is not a block Groundwork knows', hint: 'use one of :::note, :::scenario' },
  { name: 'mdx-syntax-error', at: 'content/topics/bad.mdx:9:21', rule: 'mdx/syntax', message: ['MDX syntax error', 'closing brace for `{`'], hint: 'escaped as `\\<` or `\\{`' },
  { name: 'mdx-unclosed-tag', at: 'content/topics/bad.mdx:9:1', rule: 'mdx/syntax', message: ['MDX syntax error', 'Expected a closing tag for `<Scenario>`'], hint: 'fix the MDX syntax' },
  // Imports are allowed now; a component that is neither imported nor an exempt block is not.
  { name: 'mdx-unknown-component', at: 'content/topics/bad.mdx:9:1', rule: 'mdx/unknown-component', message: "the component <Callout> is neither imported by this entry nor one of Groundwork's blocks", hint: "import it at the top of the file (e.g. `import Callout from '../../components/Callout.astro';`)" },
  { name: 'mdx-unknown-inline-component', at: 'content/topics/bad.mdx:7:25', rule: 'mdx/unknown-component', message: "the component <Badge> is neither imported by this entry nor one of Groundwork's blocks", hint: 'or use one of <Note>, <Scenario>' },
  // References
  { name: 'unclosed-brace-bibtex', at: 'references/more.bib:1:1', rule: 'reference/malformed-bibtex', message: 'the entry `corey2018` never closes: the value of `title` (line 2) has a `{` without its `}`, so it runs on over the fields after it', hint: 'add the missing `}` in the value of `title` on line 2' },
  { name: 'unknown-entry-type', at: 'references/more.bib:1:1', rule: 'reference/unknown-entry-type', severity: 'warning', message: '`@boook` (the entry `corey2018`) is not a BibTeX or BibLaTeX entry type; it is read as `@misc`', hint: 'did you mean `@book`?' },
  { name: 'reference-encoding', at: 'references/more.bib:4:39', rule: 'reference/encoding', severity: 'warning', message: 'the file is not UTF-8; it was read as Windows-1252 (Latin-1), so the byte 0xE9 here is `é`', hint: 'save the file as UTF-8' },
  { name: 'reference-missing-title', at: 'references/more.bib:1:1', rule: 'reference/missing-field', message: '`corey2018` has no `title`: APA 7 needs the title of the work', hint: 'add `title = {...}`' },
  { name: 'reference-missing-year', at: 'references/more.bib:1:1', rule: 'reference/missing-field', message: ['`corey2018` has no `year`', 'n.d.'], hint: 'add `year = {2020}`, or `year = {n.d.}`' },
  { name: 'duplicate-key-two-files', at: 'references/sources.bib:1:1', rule: 'reference/duplicate-key', message: 'the citation key `toseland2017` is already used at references/more.bib:3', hint: 'remove the duplicate' },
  { name: 'duplicate-doi', at: 'references/more.bib:13:1', rule: 'reference/duplicate-doi', message: '`tuckman1965dev` has the same DOI (10.1037/h0022100) as `tuckman1965` at references/more.bib:1, and both are cited, so the work would be listed twice', hint: 'cite `tuckman1965` where `tuckman1965dev` is cited (topics/bad), then remove `tuckman1965dev`' },
  { name: 'invalid-csl-json', at: 'references/more.json:6:5', rule: 'reference/malformed-csl-json', message: "invalid JSON: Expected ',' or '}' after property value", hint: 'a missing comma' },
  // Evidence types are optional unless the profile says `evidence: required`.
  { name: 'unclassified-reference', at: 'references/more.bib:1:1', rule: 'reference/unclassified', severity: 'warning', message: '1 reference in references/more.bib has no evidence type: `corey2018`', hint: 'keywords = {evidence:textbook}' },
  { name: 'missing-evidence-type', at: 'references/more.bib:1:1', rule: 'reference/missing-evidence-type', message: '`corey2018` has no evidence type', hint: 'keywords = {evidence:textbook}' },
  { name: 'unused-reference', at: 'references/more.bib:1:1', rule: 'reference/unused', severity: 'warning', message: 'the reference `@corey2018` is not cited by any entry', hint: 'cite it where it supports a claim' },
  { name: 'unused-references', at: 'references/more.bib:1:1', rule: 'reference/unused', severity: 'warning', message: '2 references in references/more.bib are not cited by any entry: `@corey2018`, `@yalom2005`', hint: 'cite them where they support claims' },
  // Privacy
  { name: 'privacy-email', at: 'content/topics/bad.md:8:13', rule: 'privacy/email', message: 'this looks like an e-mail address: "jane.doe@example.org"', hint: 'must be de-identified' },
  { name: 'privacy-phone', at: 'content/topics/bad.md:8:33', rule: 'privacy/phone', message: 'this looks like a phone number: "555-123-4567"', hint: 'must be de-identified' },
  // Reviews and the handbook profile
  { name: 'overdue-review', at: 'content/topics/bad.md:8:3', rule: 'review/overdue', severity: 'warning', message: 'the review of this entry was due on 2024-01-15', hint: 'update `review.reviewed` and `review.next`' },
  { name: 'config-unknown-entry', at: 'groundwork.config.yaml:3:13', rule: 'config/unknown-entry', message: '`topics/bsae` in `include.exclude` is not an entry', hint: 'did you mean `topics/base`?' },
  { name: 'config-unknown-kind', at: 'groundwork.config.yaml:3:18', rule: 'config/unknown-kind', message: '`standrd` in `include.kinds` is not an entry kind', hint: 'did you mean `standard`? the kinds are: standard, ethics, model' },
  { name: 'config-unknown-rule', at: 'groundwork.config.yaml:3:3', rule: 'config/unknown-rule', message: '`reference/unusd` in `rules` is not a validator rule', hint: 'did you mean `reference/unused`?' },
];

interface Outcome {
  json: RunResult;
  build: RunResult;
  /** Where build was told to write. */
  out: string;
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
let usageThreads: RunResult;
let usageFormat: RunResult;
let usageRoot: RunResult;

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

/** The problems a text report lists: `file:line:col severity rule`, in order. */
function reported(output: string): string[] {
  return [...output.matchAll(/^(\S+:\d+:\d+) {2}(error|warning) {2}(\S+) {2}/gm)].map((m) => `${m[1]} ${m[2]} ${m[3]}`);
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
    const o = { out: join(work, `out-${c.name}`) } as Outcome;
    outcomes.set(c.name, o);
    jobs.push(async () => {
      o.json = await groundwork(['check', '--root', '.', '--format', 'json', '--today', TODAY], root);
    });
    jobs.push(async () => {
      o.build = await groundwork(['build', '--root', '.', '--out', o.out, '--today', TODAY], root);
    });
  }
  const overdue = outcomes.get('overdue-review')!;
  const overdueRoot = roots.get('overdue-review')!;
  jobs.push(async () => {
    overdue.strict = await groundwork(['check', '--root', '.', '--strict', '--today', TODAY], overdueRoot);
  });
  jobs.push(async () => {
    overdue.strictBuild = await groundwork(['build', '--root', '.', '--strict', '--today', TODAY, '--out', join(work, 'out-overdue-strict')], overdueRoot);
  });
  jobs.push(async () => {
    usage = await groundwork(['check', '--root', '.', '--today', 'tomorrow'], overdueRoot);
    usageThreads = await groundwork(['check', '--root', '.', '--threads', '0'], overdueRoot);
    usageFormat = await groundwork(['check', '--root', '.', '--format', 'xml'], overdueRoot);
    usageRoot = await groundwork(['check', '--root', join(work, 'no-such-folder')], overdueRoot);
  });
  await pool(jobs, 2);
}, 900_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

const at = (p: Problem) => `${p.file}:${p.line}:${p.column}`;
const checkReport = (o: Outcome) => JSON.parse(o.json.stdout) as { problems: (Problem & { docs: string })[]; summary: { errors: number; warnings: number } };

describe('the bad-input catalogue', () => {
  it('has a fixture folder for every case, and a case for every fixture folder', () => {
    const folders = readdirSync(BAD, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(CASES.map((c) => c.name).sort());
    expect(folders.length).toBeGreaterThanOrEqual(50);
    for (const name of folders) {
      expect(existsSync(join(BAD, name, 'content')), name).toBe(true);
      expect(existsSync(join(BAD, name, 'references')), name).toBe(true);
    }
    // The Latin-1 bytes are committed as bytes (an editor may "fix" the file on save).
    expect(readFileSync(join(BAD, 'not-utf8/content/topics/bad.md')).includes(0xe9)).toBe(true);
    expect(readFileSync(join(BAD, 'reference-encoding/references/more.bib')).includes(0xe9)).toBe(true);
  });

  describe.each(CASES)('$name', (c) => {
    const severity = c.severity ?? 'error';
    const words = typeof c.message === 'string' ? [c.message] : c.message;
    const line = `${c.at}  ${severity}  ${c.rule}  `;

    if (c.renderOnly) {
      it('check passes: it does not render', () => {
        const { json } = outcomes.get(c.name)!;
        expect(json.code).toBe(0);
        expect(checkReport(outcomes.get(c.name)!).problems.filter((p) => p.severity === 'error')).toEqual([]);
      });
    } else {
      it(`check reports ${c.rule} at ${c.at}`, () => {
        const o = outcomes.get(c.name)!;
        expect(internals(o.json.stdout + o.json.stderr)).toEqual([]);
        expect(o.json.stderr).toBe('');
        const report = checkReport(o);
        const found = report.problems.filter((p) => p.severity === severity);
        // Exactly one problem of the case's severity: the one the case is about (no follow-on errors).
        expect(found.map((p) => `${at(p)} ${p.rule}`)).toEqual([`${c.at} ${c.rule}`]);
        const p = found[0]!;
        if (typeof c.message === 'string') expect(p.message).toBe(c.message);
        for (const w of words) expect(p.message).toContain(w);
        if (c.hint) expect(p.hint).toContain(c.hint);
        expect(p.docs).toMatch(/^docs\/validator-rules\.md#[a-z-]+$/);
        expect(o.json.code).toBe(severity === 'error' ? 1 : 0);
        if (severity === 'warning') expect(report.summary.errors).toBe(0);
      });
    }

    it(`build reports ${c.rule} at ${c.at}, with its hint`, () => {
      const { build } = outcomes.get(c.name)!;
      const lines = (build.stdout + build.stderr).split('\n');
      const i = lines.findIndex((l) => l.startsWith(line));
      expect(i, build.stdout + build.stderr).toBeGreaterThanOrEqual(0);
      for (const w of words) expect(lines[i]).toContain(w);
      if (typeof c.message === 'string') expect(lines[i]).toBe(`${line}${c.message}`);
      if (c.hint) {
        expect(lines[i + 1]).toMatch(/^ {4}hint: /);
        expect(lines[i + 1]).toContain(c.hint);
      }
    });

    if (!c.renderOnly) {
      it('check and build report the same problems, at the same places', () => {
        const o = outcomes.get(c.name)!;
        expect(reported(o.build.stdout + o.build.stderr)).toEqual(checkReport(o).problems.map((p) => `${at(p)} ${p.severity} ${p.rule}`));
      });
    } else {
      it('build reports it once', () => {
        const { build } = outcomes.get(c.name)!;
        expect(reported(build.stdout + build.stderr)).toEqual([`${c.at} error ${c.rule}`]);
      });
    }

    it('build shows no stack trace', () => {
      const { build } = outcomes.get(c.name)!;
      expect(internals(build.stdout + build.stderr)).toEqual([]);
    });

    if (severity === 'error') {
      it('build stops, says so, and writes nothing', () => {
        const { build, out } = outcomes.get(c.name)!;
        expect(build.code).toBe(1);
        if (!c.renderOnly) expect(build.stderr).toMatch(/ ✖ 1 error, \d+ warnings? in \d+ entries and \d+ references/);
        expect(build.stderr).toMatch(/^Build stopped: /m);
        expect(build.stderr.endsWith(`Nothing was written; the previous site in ${out} is unchanged.\n`)).toBe(true);
        expect(build.stdout).toBe('');
        if (c.name === KEEP) expect(snapshot(out)).toBe(keptBefore);
        else expect(existsSync(out)).toBe(false);
      });
    } else {
      it('build warns and builds the site', () => {
        const { build, out } = outcomes.get(c.name)!;
        expect(build.code).toBe(0);
        // Astro's logger prints warnings on stdout.
        expect(build.stdout).toMatch(/ \[WARN\] \[groundwork\] ⚠ 0 errors, 1 warning in \d+ entries and \d+ references/);
        expect(build.stdout).toMatch(/\nBuilt the site into .+ in \d+\.\d s\.\n$/);
        expect(build.stderr).toBe('');
        expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('<!DOCTYPE html>');
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
    expect(o.strictBuild!.stderr).toContain('content/topics/bad.md:8:3  error  review/overdue  the review of this entry was due on 2024-01-15');
    expect(internals(o.strictBuild!.stdout + o.strictBuild!.stderr)).toEqual([]);
    expect(existsSync(join(work, 'out-overdue-strict'))).toBe(false);
  });

  it('a date that is not YYYY-MM-DD is a usage error (exit 2), not a silent wrong answer', () => {
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe('--today must be a date written YYYY-MM-DD, not tomorrow\n');
    expect(usage.stdout).toBe('');
  });

  it('other usage errors: threads, format, a missing knowledge base (exit 2)', () => {
    expect([usageThreads.code, usageThreads.stderr, usageThreads.stdout]).toEqual([2, '--threads must be a whole number of at least 1, not 0\n', '']);
    expect([usageFormat.code, usageFormat.stderr, usageFormat.stdout]).toEqual([2, '--format must be text or json, not xml\n', '']);
    expect([usageRoot.code, usageRoot.stderr, usageRoot.stdout]).toEqual([2, `No knowledge base at ${join(work, 'no-such-folder')}\n`, '']);
  });

  it('warnings only: check passes with a summary of one warning', () => {
    for (const c of CASES.filter((x) => x.severity === 'warning')) {
      const o = outcomes.get(c.name)!;
      expect(o.json.code, c.name).toBe(0);
      expect(checkReport(o).summary, c.name).toMatchObject({ errors: 0, warnings: 1 });
    }
  });
});
