/**
 * docs/validator-rules.md against the rule registry (src/rules/index.ts): the page documents
 * exactly the registered rules, each in the table of its area (the `###` heading that the JSON
 * report's `docs` link points at), with its default severity and, as "Catches", the registry's
 * one-line description word for word; and each rule has a section of its own with a message
 * example (a ```text block that names the rule).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import GithubSlugger from 'github-slugger';
import { describe, expect, it } from 'vitest';
import { docsLink } from '../../../src/rules/define.ts';
import { RULES, RULES_BY_ID } from '../../../src/rules/index.ts';

const DOC = 'docs/validator-rules.md';
const text = readFileSync(join(import.meta.dirname, '../../..', DOC), 'utf8');
const lines = text.split('\n');

interface Row {
  id: string;
  severity: string;
  catches: string;
  area: string;
  line: number;
}

/** Cells of a Markdown table row (a `|` escaped as `\|` stays in its cell). */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim().replace(/\\\|/g, '|'));
}

/** Every row of a rule table: tables whose header is `| Rule | Severity | Catches | … |`, under their `###` area heading. */
function ruleRows(): Row[] {
  const rows: Row[] = [];
  let area = '';
  let columns: string[] | undefined;
  lines.forEach((line, i) => {
    const heading = /^### (.+)$/.exec(line);
    if (heading) area = heading[1]!.trim();
    if (!line.startsWith('|')) {
      columns = undefined;
      return;
    }
    const row = cells(line);
    if (!columns) {
      columns = row;
      return;
    }
    if (row.every((c) => /^:?-+:?$/.test(c)) || columns[0] !== 'Rule') return;
    const get = (name: string) => row[columns!.indexOf(name)] ?? '';
    rows.push({ id: get('Rule').replace(/^`|`$/g, ''), severity: get('Severity'), catches: get('Catches'), area, line: i + 1 });
  });
  return rows;
}

const rows = ruleRows();

describe(`${DOC} and the rule registry`, () => {
  it('has rule tables whose columns are Rule, Severity, Catches', () => {
    const headers = lines.filter((l) => /^\| Rule \|/.test(l)).map((l) => cells(l).slice(0, 3));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(h).toEqual(['Rule', 'Severity', 'Catches']);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('documents every registered rule', () => {
    const documented = new Set(rows.map((r) => r.id));
    expect(RULES.map((r) => r.id).filter((id) => !documented.has(id))).toEqual([]);
  });

  it('documents no rule that is not registered, and each rule once', () => {
    expect(rows.filter((r) => !RULES_BY_ID.has(r.id)).map((r) => `${r.id} (line ${r.line})`)).toEqual([]);
    const seen = new Set<string>();
    const twice = rows.filter((r) => (seen.has(r.id) ? true : (seen.add(r.id), false))).map((r) => `${r.id} (line ${r.line})`);
    expect(twice).toEqual([]);
  });

  it("gives each rule its registered severity and, as Catches, the registry's description word for word", () => {
    const differences: string[] = [];
    for (const row of rows) {
      const rule = RULES_BY_ID.get(row.id);
      if (!rule) continue;
      if (row.severity !== rule.severity) differences.push(`${row.id}: severity "${row.severity}" in the docs, "${rule.severity}" in the registry`);
      if (row.catches !== rule.description) differences.push(`${row.id}: Catches is\n    "${row.catches}"\n  the registry says\n    "${rule.description}"`);
    }
    expect(differences).toEqual([]);
  });

  it("lists each rule under its area's heading, the section its JSON docs link points at", () => {
    const slugger = new GithubSlugger();
    const anchors = new Set(lines.filter((l) => /^#{1,6} /.test(l)).map((l) => slugger.slug(l.replace(/^#+ /, ''))));
    const problems: string[] = [];
    for (const row of rows) {
      const rule = RULES_BY_ID.get(row.id);
      if (!rule) continue;
      if (row.area !== rule.area) problems.push(`${row.id}: under "${row.area}", its area is "${rule.area}"`);
    }
    for (const rule of RULES) {
      const anchor = docsLink(rule).split('#')[1]!;
      if (!anchors.has(anchor)) problems.push(`${rule.id}: its docs link ${docsLink(rule)} names no heading of the page`);
    }
    expect(problems).toEqual([]);
  });

  it('has a section for each rule with a message example that names it', () => {
    const missing: string[] = [];
    for (const rule of RULES) {
      const start = lines.indexOf(`#### \`${rule.id}\``);
      if (start === -1) {
        missing.push(`${rule.id}: no "#### \`${rule.id}\`" section`);
        continue;
      }
      let end = lines.findIndex((l, i) => i > start && /^#{1,4} /.test(l));
      if (end === -1) end = lines.length;
      const section = lines.slice(start, end).join('\n');
      const examples = [...section.matchAll(/```text\n([\s\S]*?)```/g)].map((m) => m[1]!);
      if (!examples.some((e) => new RegExp(`:\\d+:\\d+  (error|warning)  ${rule.id.replace('/', '\\/')}  `).test(e))) {
        missing.push(`${rule.id}: its section has no \`check\` output naming it (file:line:col  severity  ${rule.id}  message)`);
      }
    }
    expect(missing).toEqual([]);
  });
});
