/**
 * A knowledge base extends Groundwork in its own files (tests/fixtures/kb-extended): a kind added
 * in one file (`kinds/procedure.ts`, `defineKind`, passed to `groundwork({ kinds })` in its
 * astro.config.mjs), a field added to topics (`groundwork({ extend })`), a code of ethics added
 * by one line of its profile (`vocabularies: codes: [..., BASW]`) and a rule switched off
 * (`rules:`). `check` (which reads the astro.config) and `build` both apply them, and both refuse
 * the same mistakes at the same place.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';
import { byClass, byId, citationButtons, text } from './html.ts';

const FIXTURE = join(APP_ROOT, 'tests/fixtures/kb-extended');
// Variants live inside the repository: their astro.config.mjs imports `groundwork` by name,
// which resolves to this package from within it (tests/artifacts/ is not committed).
mkdirSync(join(APP_ROOT, 'tests/artifacts'), { recursive: true });
const work = mkdtempSync(join(APP_ROOT, 'tests/artifacts/gw-extend-'));
const out = join(work, 'site');

/** A copy of the fixture with one file changed. */
function variant(name: string, file: string, change: (text: string) => string): string {
  const root = join(work, name);
  cpSync(FIXTURE, root, { recursive: true, filter: (src) => !src.includes('.groundwork') });
  const path = join(root, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`variant ${name}: ${file} did not change`);
  writeFileSync(path, after);
  return root;
}

const VARIANTS = {
  /** A typo in the procedure kind's field. */
  typo: () => variant('typo', 'content/procedures/intake.md', (t) => t.replace('\nsteps:', '\nstpes:')),
  /** A code the profile's vocabulary does not list. */
  code: () => variant('code', 'content/ethics/basw-confidentiality.md', (t) => t.replace('code: BASW', 'code: BASWW')),
  /** The same knowledge base without the schema extension. */
  unextended: () => variant('unextended', 'astro.config.mjs', (t) => t.replace(/\n\s*extend: \{[^\n]*\},/, '')),
  /** An unused reference made an error. */
  strict: () => variant('strict', 'groundwork.config.yaml', (t) => t.replace('reference/unused: off', 'reference/unused: error')),
  /** The rule at its default severity. */
  defaults: () => variant('defaults', 'groundwork.config.yaml', (t) => t.replace('rules:\n  reference/unused: off\n', '')),
  /** groundwork()'s own `today` and `strict`, and an entry whose review falls due before that day. */
  options: () => {
    const root = variant('options', 'astro.config.mjs', (t) => t.replace('kinds: [procedure],', "kinds: [procedure],\n      today: '2100-01-01',\n      strict: true,"));
    const entry = join(root, 'content/procedures/intake.md');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace('\n---', '\nreview:\n  next: 2099-12-31\n---'));
    return root;
  },
  /** A config only Vite can load, as Astro does: an extensionless import of a .ts module. */
  viteOnly: () => variant('vite-only', 'astro.config.mjs', (t) => t.replace("from './kinds/procedure.ts'", "from './kinds/procedure'")),
  /** A config nothing can load: it imports a file that is not there. */
  broken: () => variant('broken', 'astro.config.mjs', (t) => t.replace("from './kinds/procedure.ts'", "from './kinds/procedures.ts'")),
  /** A config importing a package that is not installed. */
  uninstalled: () => variant('uninstalled', 'astro.config.mjs', (t) => t.replace("from 'astro/zod'", "from '@example/zod-helpers'")),
  /** A config that does not add groundwork(). */
  withoutIntegration: () => variant('without-integration', 'astro.config.mjs', (t) => t.replace(/integrations: \[[\s\S]*\],\n/, '')),
  /** A config with a syntax error. */
  syntax: () => variant('syntax', 'astro.config.mjs', (t) => t.replace('export default defineConfig({', 'export default defineConfig({ ,')),
};
type Name = keyof typeof VARIANTS;

let build: RunResult;
let check: RunResult;
const runs = new Map<Name, { root: string; check: RunResult; build: RunResult }>();

beforeAll(async () => {
  const jobs: (() => Promise<void>)[] = [
    async () => {
      build = await groundwork(['build', '--root', FIXTURE, '--out', out]);
    },
    async () => {
      check = await groundwork(['check', '--root', FIXTURE, '--format', 'json']);
    },
  ];
  for (const name of Object.keys(VARIANTS) as Name[]) {
    const root = VARIANTS[name]();
    const r = { root } as { root: string; check: RunResult; build: RunResult };
    runs.set(name, r);
    jobs.push(async () => {
      r.check = await groundwork(['check', '--root', '.'], root);
    });
    jobs.push(async () => {
      r.build = await groundwork(['build', '--root', '.', '--out', join(root, 'dist')], root);
    });
  }
  await pool(jobs, 2);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
/** The facts at the top of an entry's page, `label: value`. */
const facts = (html: string) => [...byClass(html, 'dl', 'entry-facts').matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)].map((m) => `${text(m[1]!)}: ${text(m[2]!)}`);
/** The report lines of a run (`file:line:col  severity  rule  message`). */
const reportLines = (r: RunResult) => (r.stdout + r.stderr).split('\n').filter((l) => /^\S+:\d+:\d+ {2}(error|warning) {2}/.test(l));

describe('the extended knowledge base', () => {
  it('checks clean with its own kind, field, vocabulary and rule setting', () => {
    expect(check.code).toBe(0);
    expect(check.stderr).toBe('');
    const report = JSON.parse(check.stdout);
    expect(report.problems).toEqual([]);
    // corey2018 is cited by nobody: silenced by `reference/unused: off`.
    expect(report.summary).toMatchObject({ errors: 0, warnings: 0, entries: 3, references: 3 });
  });

  it('builds', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/Built the site into .* in \d+\.\d s\.\n$/);
  });

  it('renders a procedure: its facts, its cited rationale, its steps and its body', () => {
    const html = page('procedures/intake');
    expect(html).toContain('<title>Intake interview before a group · Extended knowledge base</title>');
    expect(text(byClass(html, 'p', 'entry__kind'))).toBe('Procedure');
    expect(facts(html)).toEqual(['Owner: Group work lead']);
    expect(text(byId(html, 'rationale'))).toBe('RationalePre-group interviews prepare members and improve retention (Toseland & Rivas, 2017, p. 182).');
    const steps = byClass(html, 'section', 'exempt-list');
    expect([...steps.matchAll(/<li>([^<]*)<\/li>/g)].map((m) => text(m[1]!))).toEqual([
      'Book a pre-group interview with each referred person.',
      "Explain the group's purpose, ground rules and limits of confidentiality.",
      "Record the person's decision to join.",
    ]);
    expect(text(byId(html, 'para-1'))).toBe('The worker meets each person before the group starts (Toseland & Rivas, 2017). ¶');
  });

  it('gives the kind its index page, its place on the home page and its search filter', () => {
    const index = page('procedures');
    expect(index).toContain('<title>Procedures · Extended knowledge base</title>');
    expect(text(byClass(index, 'ul', 'entry-list'))).toBe('Intake interview before a group3 steps · Group work leadHow a worker meets each prospective member before the first session.');
    expect(byClass(page(''), 'ul', 'kind-grid')).toContain('<a href="/procedures/"><strong>Procedures</strong></a>');
    expect(page('procedures/intake')).toContain('data-pagefind-filter="kind:Procedure"');
  });

  it('keeps the added field on a topic and builds its page', () => {
    expect(text(byId(page('topics/audience'), 'para-1'))).toBe("Carers' groups offer mutual aid (Toseland & Rivas, 2017). ¶".replace("'", '’'));
  });

  it('an ethics entry of the added code: a page with the code, its filter, and APA 8.21 for the group author', () => {
    const html = page('ethics/basw-confidentiality');
    expect(facts(html)).toEqual(['Code: BASW (2021)', 'Status: current']);
    expect(html).toContain('data-pagefind-filter="code:BASW"');
    expect(citationButtons(byId(html, 'para-1')).map((b) => b.text)).toEqual(['British Association of Social Workers [BASW], 2021', 'BASW, 2021, p. 9']);
  });
});

describe('check and build refuse the same mistakes in the extension', () => {
  it('a typo in the added kind\'s field: unknown field with did-you-mean, and the field it misses', () => {
    const { check: c, build: b } = runs.get('typo')!;
    expect(c.code).toBe(1);
    expect(reportLines(c)).toEqual([
      'content/procedures/intake.md:2:1  error  frontmatter/invalid-field  field `steps` is required',
      'content/procedures/intake.md:6:1  error  frontmatter/unknown-field  unknown field `stpes` for a procedure entry',
    ]);
    expect(c.stdout).toContain('    hint: did you mean steps? allowed fields: kind, title, summary, related, aliases, tags, review, draft, owner, steps, rationale');
    expect(b.code).toBe(1);
    expect(reportLines(b)).toEqual(reportLines(c));
    expect(internals(b.stdout + b.stderr)).toEqual([]);
  });

  it('a code outside the vocabulary: did-you-mean and the allowed codes', () => {
    const { check: c, build: b } = runs.get('code')!;
    expect(c.code).toBe(1);
    expect(reportLines(c)).toEqual(['content/ethics/basw-confidentiality.md:5:1  error  frontmatter/invalid-field  field `code` `BASWW` is not in the `codes` vocabulary (did you mean `BASW`?); it allows: NASW, CASW, BASW']);
    expect(b.code).toBe(1);
    expect(reportLines(b)).toEqual(reportLines(c));
  });

  it('without the extension, the added field is unknown', () => {
    const { root, check: c, build: b } = runs.get('unextended')!;
    expect(readFileSync(join(root, 'astro.config.mjs'), 'utf8')).not.toContain('extend:');
    expect(c.code).toBe(1);
    expect(reportLines(c)).toEqual(['content/topics/audience.md:5:1  error  frontmatter/unknown-field  unknown field `audience` for a topic entry']);
    expect(b.code).toBe(1);
    expect(reportLines(b)).toEqual(reportLines(c));
  });

  it('a rule set to `error` fails check and stops the build', () => {
    const { check: c, build: b } = runs.get('strict')!;
    expect(c.code).toBe(1);
    expect(reportLines(c)).toEqual(['references/sources.bib:19:1  error  reference/unused  the reference `@corey2018` is not cited by any entry']);
    expect(b.code).toBe(1);
    expect(reportLines(b)).toEqual(reportLines(c));
    expect(b.stderr).toMatch(/Nothing was written; the previous site in .* is unchanged\.\n$/);
  });

  it("groundwork()'s options in astro.config (today, strict) hold for check as for the build", () => {
    const { check: c, build: b } = runs.get('options')!;
    expect(reportLines(c)).toEqual(['content/procedures/intake.md:12:3  error  review/overdue  the review of this entry was due on 2099-12-31']);
    expect(c.code).toBe(1);
    expect(b.code).toBe(1);
    expect(reportLines(b)).toEqual(reportLines(c));
  });

  it('at its default severity the rule is a warning: check passes and the site builds', () => {
    const { check: c, build: b } = runs.get('defaults')!;
    expect(c.code).toBe(0);
    expect(reportLines(c)).toEqual(['references/sources.bib:19:1  warning  reference/unused  the reference `@corey2018` is not cited by any entry']);
    expect(b.code).toBe(0);
    expect(reportLines(b)).toEqual(reportLines(c));
  });
});

describe('check loads the astro.config as Astro does', () => {
  it('a config Node cannot import but Vite can (an extensionless .ts import): check reads its kind, and agrees with the build', () => {
    const { check: c, build: b } = runs.get('viteOnly')!;
    expect(c.stderr).toBe('');
    expect(c.stdout).toMatch(/^✔ 0 errors, 0 warnings in 3 entries and 3 references \(\d+\.\d\d s\)\n$/);
    expect(c.code).toBe(0);
    expect(internals(b.stdout + b.stderr)).toEqual([]);
    expect(b.code).toBe(0);
  });

  it('a config that cannot be loaded stops check, naming the file, the cause and the fix, as it stops the build', () => {
    const { check: c, build: b } = runs.get('broken')!;
    expect(c.code).toBe(1);
    expect(c.stdout).toBe('');
    const lines = c.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: astro\.config\.mjs: this Astro config could not be loaded: Failed to load url \.\/kinds\/procedures\.ts .*Does the file exist\?$/);
    expect(lines.slice(1)).toEqual([
      "  why: check reads groundwork()'s options (your kinds, fields and rules) from it, as the build does; the build would stop on it too",
      '  fix: correct astro.config.mjs (try `npx astro build` to see Astro\'s own report of it)',
    ]);
    expect(b.code).toBe(1);
    expect(b.stdout + b.stderr).toContain('procedures.ts');
  });

  it('a package the config imports is not installed: the fix is to install it', () => {
    const { check: c, build: b } = runs.get('uninstalled')!;
    expect(c.code).toBe(1);
    const lines = c.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^error: astro\.config\.mjs: this Astro config could not be loaded: Cannot find (module|package) '@example\/zod-helpers' imported from /);
    expect(lines.at(-1)).toBe("  fix: install the project's packages (`npm ci`, or `npm install`), or add `@example/zod-helpers` to package.json if it is not there");
    expect(b.code).toBe(1);
  });

  it('a config without groundwork(): check and build both stop and say how to add it (Astro alone would build an empty site and succeed)', () => {
    const { root, check: c, build: b } = runs.get('withoutIntegration')!;
    expect(readFileSync(join(root, 'astro.config.mjs'), 'utf8')).not.toContain('integrations');
    const message = [
      'astro.config.mjs: this Astro config does not add groundwork() to its integrations, so Astro would build no knowledge base',
      "  fix: in astro.config.mjs, `import groundwork from 'groundwork-kb';` and add `integrations: [groundwork()]` to the config (see docs/getting-started.md)",
    ].join('\n');
    expect(c.code).toBe(1);
    expect(c.stderr).toBe(`error: ${message}\n`);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(`Build stopped: ${message}\nNothing was written;`);
    expect(existsSync(join(root, 'dist'))).toBe(false);
  });

  it('a syntax error in the config: its line and column, and the lines around it', () => {
    const { check: c, build: b } = runs.get('syntax')!;
    expect(c.code).toBe(1);
    const lines = c.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('error: astro.config.mjs:9:30: this Astro config could not be loaded: Parse failure: Parse failed with 1 error: Unexpected token');
    expect(lines.slice(1, -2).join('\n')).toContain('    9  |  export default defineConfig({ ,\n       |                                ^');
    expect(b.code).toBe(1);
  });
});
