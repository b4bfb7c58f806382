/**
 * The handbook profile (groundwork.config.yaml) as `check` applies it: rule severities
 * (`rules:`), `evidence: optional|required`, and what the profile names — kinds, entries, rules —
 * checked against the knowledge base, each problem at its place in the profile. Also the
 * reference warnings that are reported once per file (unclassified, unused).
 */
import { describe, expect, it } from 'vitest';
import { applySeverities } from '../../../src/core/knowledge-base.ts';
import { problem } from '../../../src/core/problems.ts';
import { check, problems, topic, TOSELAND } from './kb.ts';

const COREY = '@book{corey2018,\n  title = {Groups: Process and Practice},\n  author = {Corey, Marianne Schneider},\n  publisher = {Cengage},\n  year = {2018},\n  keywords = {evidence:textbook}\n}\n';
const YALOM = '@book{yalom2005,\n  title = {The Theory and Practice of Group Psychotherapy},\n  author = {Yalom, Irvin D.},\n  publisher = {Basic Books},\n  year = {2005},\n  keywords = {evidence:textbook}\n}\n';
const OVERDUE = topic('review:\n  next: 2024-01-15\n');

describe('rule severities from the profile', () => {
  it('`off` silences a rule', async () => {
    const files = { 'references/more.bib': COREY, 'content/topics/a.md': topic() };
    expect(await problems(files)).toEqual(['references/more.bib:1:1 warning reference/unused the reference `@corey2018` is not cited by any entry']);
    expect(await problems({ ...files, 'groundwork.config.yaml': 'rules:\n  reference/unused: off\n' })).toEqual([]);
  });

  it('`error` makes a warning fail check; `warning` lets an error pass', async () => {
    const strict = await check({ 'content/topics/a.md': OVERDUE, 'groundwork.config.yaml': 'rules:\n  review/overdue: error\n' });
    expect(strict.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(['content/topics/a.md:6:3 error review/overdue']);
    const lenient = await check({ 'content/topics/a.md': topic('', 'Groups always succeed.\n'), 'groundwork.config.yaml': 'rules:\n  claim/uncited: warning\n' });
    expect(lenient.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`)).toEqual(['content/topics/a.md:7:1 warning claim/uncited', 'references/sources.bib:1:1 warning reference/unused']);
  });

  it('`--strict` (asked for on the command line) wins over the profile\'s `review/overdue: warning`; `off` stays off', async () => {
    const files = { 'content/topics/a.md': OVERDUE, 'groundwork.config.yaml': 'rules:\n  review/overdue: warning\n' };
    expect((await check(files, { strict: true })).problems.map((p) => `${p.severity} ${p.rule}`)).toEqual(['error review/overdue']);
    expect((await check(files)).problems.map((p) => `${p.severity} ${p.rule}`)).toEqual(['warning review/overdue']);
    expect((await check({ ...files, 'groundwork.config.yaml': 'rules:\n  review/overdue: off\n' }, { strict: true })).problems).toEqual([]);
  });

  it('a rule id that is not a rule is an error at its key, with did-you-mean', async () => {
    const kb = await check({ 'content/topics/a.md': topic(), 'groundwork.config.yaml': 'title: T\nrules:\n  reference/unusd: off\n' });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      'groundwork.config.yaml:3:3 error config/unknown-rule `reference/unusd` in `rules` is not a validator rule | did you mean `reference/unused`? the rules are listed in docs/validator-rules.md',
    ]);
  });

  it('a severity that is not error, warning or off is a profile error', async () => {
    expect(await problems({ 'content/topics/a.md': topic(), 'groundwork.config.yaml': 'rules:\n  claim/uncited: loud\n' })).toEqual([
      'groundwork.config.yaml:2:3 error config/invalid-field field `rules.claim/uncited` must be one of: error, warning, off',
    ]);
  });

  it('applySeverities leaves problems of unknown rules alone', () => {
    const list = [problem('a.md', { line: 1, column: 1 }, 'error', 'claim/uncited', 'm'), problem('a.md', { line: 2, column: 1 }, 'warning', 'not/a-rule', 'm')];
    expect(applySeverities(list, { 'claim/uncited': 'off', 'not/a-rule': 'error' }).map((p) => `${p.rule} ${p.severity}`)).toEqual(['not/a-rule warning']);
    expect(applySeverities(list, {})).toBe(list);
  });
});

describe('what the profile names must exist', () => {
  const files = {
    'content/topics/a.md': topic('aliases: [topics/old]\n'),
    'content/topics/b.md': topic(),
  };

  it('include.kinds: config/unknown-kind, with did-you-mean', async () => {
    const kb = await check({ ...files, 'groundwork.config.yaml': 'include:\n  kinds: [topic, standrd]\n' });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      'groundwork.config.yaml:2:18 error config/unknown-kind `standrd` in `include.kinds` is not an entry kind | did you mean `standard`? the kinds are: standard, ethics, model, comparison, topic, glossary, reading, policy',
    ]);
  });

  it('include.entries, include.exclude, amendments: config/unknown-entry at the id, an old id named as such', async () => {
    const profile = 'include:\n  entries: [topics/a, topics/nope, topics/old]\n  exclude: [topics/c]\namendments:\n  - date: 2026-01-01\n    summary: Revised.\n    entries: [topics/aa]\n';
    const kb = await check({ ...files, 'groundwork.config.yaml': profile });
    expect(kb.problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      '2:23 config/unknown-entry `topics/nope` in `include.entries` is not an entry | write the id of an entry (its path under the content folder, without extension)',
      '2:36 config/unknown-entry `topics/old` in `include.entries` is not an entry | it is an old id: the entry is now `topics/a`',
      '3:13 config/unknown-entry `topics/c` in `include.exclude` is not an entry | did you mean `topics/a`? write the id of an entry (its path under the content folder, without extension)',
      '7:15 config/unknown-entry `topics/aa` in `amendments[0].entries` is not an entry | did you mean `topics/a`? write the id of an entry (its path under the content folder, without extension)',
    ]);
    expect(kb.problems.every((p) => p.file === 'groundwork.config.yaml' && p.severity === 'error')).toBe(true);
  });

  it('an unknown profile field gets did-you-mean; an invalid profile is replaced by the defaults', async () => {
    const kb = await check({ ...files, 'groundwork.config.yaml': 'titel: My handbook\nrules:\n  claim/uncited: off\n' });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      "groundwork.config.yaml:1:1 config/invalid-field unknown field `titel` in the handbook profile | did you mean `title`? see docs/agency.md for the profile's fields",
    ]);
    expect(kb.config.title).toBe('Groundwork knowledge base');
  });

  it('a profile that is not YAML', async () => {
    expect(await problems({ ...files, 'groundwork.config.yaml': 'title: [x\n' })).toEqual([
      expect.stringMatching(/^groundwork\.config\.yaml:\d+:\d+ error config\/invalid-yaml the handbook profile is not valid YAML: /),
    ]);
  });
});

describe('evidence types', () => {
  const UNTYPED = '@book{corey2018,\n  title = {Groups: Process and Practice},\n  author = {Corey, Marianne Schneider},\n  publisher = {Cengage},\n  year = {2018}\n}\n\n@book{corey2019,\n  title = {Groups: Process and Practice, again},\n  author = {Corey, Marianne Schneider},\n  publisher = {Cengage},\n  year = {2019}\n}\n';
  const citing = topic('', 'A claim [@toseland2017; @corey2018; @corey2019].\n');

  it('optional (the default): one warning per file listing the unclassified keys; they load and count as unclassified', async () => {
    const kb = await check({ 'references/more.bib': UNTYPED, 'content/topics/a.md': citing });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`)).toEqual([
      'references/more.bib:1:1 warning reference/unclassified 2 references in references/more.bib have no evidence type: `corey2018`, `corey2019`',
    ]);
    expect(kb.references.get('corey2018')!.evidence).toBeUndefined();
  });

  it('required: an error at each reference without one', async () => {
    const kb = await check({ 'references/more.bib': UNTYPED, 'content/topics/a.md': citing, 'groundwork.config.yaml': 'evidence: required\n' });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`)).toEqual([
      'references/more.bib:1:1 error reference/missing-evidence-type `corey2018` has no evidence type',
      'references/more.bib:8:1 error reference/missing-evidence-type `corey2019` has no evidence type',
    ]);
  });
});

describe('unused references: one warning per file', () => {
  it('one unused reference keeps the short message', async () => {
    const kb = await check({ 'references/more.bib': COREY, 'content/topics/a.md': topic() });
    expect(kb.problems.map((p) => `${p.line}:${p.column} ${p.message} | ${p.hint}`)).toEqual(['1:1 the reference `@corey2018` is not cited by any entry | cite it where it supports a claim, or remove it from the references']);
  });

  it('several are named in one warning at the first of them, per file', async () => {
    const kb = await check({ 'references/more.bib': `${COREY}\n${YALOM}`, 'references/sources.bib': TOSELAND, 'content/topics/a.md': topic('', ':::note\nAn entry that cites nothing.\n:::\n') });
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message} | ${p.hint}`)).toEqual([
      'references/more.bib:1:1 2 references in references/more.bib are not cited by any entry: `@corey2018`, `@yalom2005` | cite them where they support claims, or remove them from the references',
      'references/sources.bib:1:1 the reference `@toseland2017` is not cited by any entry | cite it where it supports a claim, or remove it from the references',
    ]);
  });

  it('names at most twelve, then says how many more', async () => {
    const many = Array.from({ length: 14 }, (_, i) => `@book{k${String(i).padStart(2, '0')},\n  title = {Book ${i}},\n  author = {Author, A.},\n  publisher = {P},\n  year = {${2000 + i}},\n  keywords = {evidence:textbook}\n}\n`).join('\n');
    const kb = await check({ 'references/many.bib': many, 'content/topics/a.md': topic() });
    const names = Array.from({ length: 12 }, (_, i) => `\`@k${String(i).padStart(2, '0')}\``).join(', ');
    expect(kb.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`)).toEqual([`references/many.bib:1:1 14 references in references/many.bib are not cited by any entry: ${names}, and 2 more`]);
  });
});
