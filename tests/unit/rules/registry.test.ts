/**
 * The rule registry (src/rules/): one definition per rule. Every rule id the code reports is
 * defined there (so `rules:` in the profile can set its severity and the JSON report links its
 * documentation), and docs/validator-rules.md documents exactly the defined rules, each with its
 * default severity under its area's heading, and names only bad-input cases that exist.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsLink } from '../../../src/rules/define.ts';
import { RULES, RULES_BY_ID } from '../../../src/rules/index.ts';

const APP = join(import.meta.dirname, '../../..');
const AREAS = ['file', 'entry', 'frontmatter', 'claim', 'citation', 'link', 'directive', 'mdx', 'markdown', 'reference', 'privacy', 'review', 'config', 'policy'];
const RULE_ID = new RegExp(`['"\`]((?:${AREAS.join('|')})/[a-z]+(?:-[a-z]+)*)['"\`]`, 'g');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && /\.(ts|mjs|astro)$/.test(d.name))
    .map((d) => join(d.parentPath, d.name));
}

describe('the rule registry', () => {
  it('ids are area/what-is-wrong, unique, each with a severity, a one-line description and an area', () => {
    expect(RULES.length).toBe(RULES_BY_ID.size);
    for (const r of RULES) {
      expect(r.id).toMatch(new RegExp(`^(${AREAS.join('|')})/[a-z]+(-[a-z]+)*$`));
      expect(['error', 'warning']).toContain(r.severity);
      expect(r.description, r.id).toMatch(/^\S.*[.)]$/);
      expect(r.description, r.id).not.toContain('\n');
      expect(r.area, r.id).not.toBe('');
    }
  });

  it('every rule id the code reports is defined', () => {
    const reported = new Map<string, string>();
    for (const file of sourceFiles(join(APP, 'src'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(RULE_ID)) if (!reported.has(m[1]!)) reported.set(m[1]!, file.slice(APP.length + 1));
    }
    const undefinedIds = [...reported].filter(([id]) => !RULES_BY_ID.has(id)).map(([id, file]) => `${id} (${file})`);
    expect(undefinedIds).toEqual([]);
    // And every defined rule is reported somewhere.
    expect(RULES.map((r) => r.id).filter((id) => !reported.has(id))).toEqual([]);
  });

  it('the JSON report links each rule to its area\'s section of the docs', () => {
    expect(docsLink(RULES_BY_ID.get('claim/uncited'))).toBe('docs/validator-rules.md#claims');
    expect(docsLink(RULES_BY_ID.get('config/unknown-rule'))).toBe('docs/validator-rules.md#reviews-local-policies-and-the-handbook-profile');
    expect(docsLink(undefined)).toBe('docs/validator-rules.md');
  });
});

describe('docs/validator-rules.md', () => {
  const docs = readFileSync(join(APP, 'docs/validator-rules.md'), 'utf8');
  /** Rows of the rule tables: id, severity, area (the `###` heading above), cases. */
  const rows = (() => {
    const out: { id: string; severity: string; area: string; cases: string[] }[] = [];
    let area = '';
    for (const line of docs.split('\n')) {
      const h = /^### (.+)$/.exec(line);
      if (h) area = h[1]!.trim();
      const row = /^\| `([a-z]+\/[a-z-]+)` \| ([^|]+) \|/.exec(line);
      if (!row) continue;
      const cells = line.split(' | ');
      const cases = [...(cells[cells.length - 1] ?? '').matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);
      out.push({ id: row[1]!, severity: row[2]!.trim(), area, cases });
    }
    return out;
  })();

  it('has a row for every rule, with its default severity, under its area', () => {
    const documented = new Map(rows.map((r) => [r.id, r]));
    const problems: string[] = [];
    for (const r of RULES) {
      const row = documented.get(r.id);
      if (!row) problems.push(`${r.id}: no row`);
      else {
        if (!row.severity.startsWith(r.severity)) problems.push(`${r.id}: documented as ${row.severity}, defined as ${r.severity}`);
        if (row.area !== r.area) problems.push(`${r.id}: under "${row.area}", defined in "${r.area}"`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents no rule that does not exist', () => {
    expect(rows.map((r) => r.id).filter((id) => !RULES_BY_ID.has(id))).toEqual([]);
  });

  it('names only bad-input cases that exist', () => {
    const missing = rows.flatMap((r) => r.cases.filter((c) => !existsSync(join(APP, 'tests/fixtures/bad', c))).map((c) => `${r.id}: ${c}`));
    expect(missing).toEqual([]);
  });
});
