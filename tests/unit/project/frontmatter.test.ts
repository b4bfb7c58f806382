/**
 * Frontmatter problems in words an author understands: the zod error map
 * (src/core/zod-issues.ts), unknown fields with did-you-mean, and vocabularies from the profile
 * (an ethics entry's `code`, a standard's `phase`): configured, a value outside the list is an
 * error with did-you-mean; not configured, any text is accepted.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { vocabularyField, vocabularyOrder } from '../../../src/config/vocabularies.ts';
import { errorMap, formatPath } from '../../../src/core/zod-issues.ts';
import { check, errors as problems, topic } from './kb.ts';

const ETHICS = (code: string) => `---\nkind: ethics\ntitle: A code section\nsummary: S.\ncode: ${code}\nedition: 2021\nsource: toseland2017\n---\n\nA claim [@toseland2017].\n`;
const STANDARD = (phase: string) => `---\nkind: standard\ntitle: A standard\nsummary: S.\nsource: toseland2017\nsection: II.A\nphase: ${phase}\n---\n\nA claim [@toseland2017].\n`;
const VOCABULARIES = 'vocabularies:\n  codes: [NASW, CASW, BASW]\n  phases: [pre-group, beginning, middle, end]\n';

describe('frontmatter messages', () => {
  it('a value of the wrong type says what it must be and what it is', async () => {
    expect(await problems({ 'content/topics/a.md': topic('related: topics/b\n') })).toEqual(['content/topics/a.md:5:1 error frontmatter/invalid-field field `related` must be a list, e.g. `[a, b]`, not text']);
    expect(await problems({ 'content/topics/a.md': topic('draft: maybe\n') })).toEqual(['content/topics/a.md:5:1 error frontmatter/invalid-field field `draft` must be true or false, not text']);
    expect(await problems({ 'content/topics/a.md': topic('tags: {a: 1}\n') })).toEqual(['content/topics/a.md:5:1 error frontmatter/invalid-field field `tags` must be a list, e.g. `[a, b]`, not a set of fields']);
  });

  it('a missing field with a fixed set of values (a kind of the knowledge base\'s own) says it is required, and the values', () => {
    const schema = z.object({ jurisdiction: z.enum(['Ontario', 'England']) });
    const message = (input: unknown) => schema.safeParse(input, { error: errorMap }).error!.issues[0]!.message;
    expect(message({})).toBe('is required, and must be one of: Ontario, England');
    expect(message({ jurisdiction: 'Ontaro' })).toBe('must be one of: Ontario, England');
  });

  it('a review date must be a real date', async () => {
    expect(await problems({ 'content/topics/a.md': topic('review:\n  next: 2027-13-01\n  reviewed: 2026-02-30\n') })).toEqual([
      'content/topics/a.md:6:3 error frontmatter/invalid-field field `review.next` must be a real date written YYYY-MM-DD, such as 2026-03-31',
      'content/topics/a.md:7:3 error frontmatter/invalid-field field `review.reviewed` must be a real date written YYYY-MM-DD, such as 2026-03-31',
    ]);
    expect(await problems({ 'content/topics/a.md': topic('review:\n  next: 2028-02-29\n') })).toEqual([]);
  });

  it('a missing required field, and an empty one', async () => {
    expect(await problems({ 'content/topics/a.md': '---\nkind: topic\ntitle: A\n---\n\nA claim [@toseland2017].\n' })).toEqual([
      'content/topics/a.md:2:1 error frontmatter/invalid-field field `summary` is required',
    ]);
    expect(await problems({ 'content/topics/a.md': '---\nkind: topic\ntitle: ""\nsummary: S.\n---\n\nA claim [@toseland2017].\n' })).toEqual([
      'content/topics/a.md:3:1 error frontmatter/invalid-field field `title` must not be empty',
    ]);
  });

  it('a schema\'s own message wins (an entry id), at the list item', async () => {
    expect(await problems({ 'content/topics/a.md': topic('related: [Topics/B]\n') })).toEqual([
      'content/topics/a.md:5:11 error frontmatter/invalid-field field `related[0]` must be an entry id such as "topics/mutual-aid"',
    ]);
  });

  it('an enum lists its values', async () => {
    const kb = await check({ 'content/ethics/e.md': ETHICS('NASW').replace('source:', 'status: old\nsource:') });
    expect(kb.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      '7:1 frontmatter/invalid-field field `status` must be one of: current, superseded | see the fields of `ethics` in docs/authoring.md',
    ]);
  });

  it('an unknown field, with did-you-mean and the allowed fields', async () => {
    const kb = await check({ 'content/topics/a.md': topic('tag: [groups]\n') });
    expect(kb.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      '5:1 frontmatter/unknown-field unknown field `tag` for a topic entry | did you mean tags? allowed fields: kind, title, summary, related, aliases, tags, review, draft',
    ]);
  });

  it('the error map by itself', () => {
    const schema = z.object({ list: z.array(z.string()), n: z.number().int().min(2).max(5), name: z.string().min(1) }).strict();
    const issues = schema.safeParse({ list: 'x', n: 9, name: '' }, { error: errorMap }).error!.issues;
    expect(issues.map((i) => `${formatPath(i.path)} ${i.message}`)).toEqual(['list must be a list, e.g. `[a, b]`, not text', 'n must be at most 5', 'name must not be empty']);
    expect(schema.safeParse({ list: [], n: 1.5, name: 'x' }, { error: errorMap }).error!.issues.map((i) => i.message)).toEqual(['must be a whole number, not a number']);
    expect(formatPath(['items', 2, 'entry'])).toBe('items[2].entry');
  });
});

describe('vocabularies', () => {
  it('unconfigured: an ethics code and a standard phase may be any text', async () => {
    expect(await problems({ 'content/ethics/e.md': ETHICS('BASW'), 'content/standards/s.md': STANDARD('contracting') })).toEqual([]);
    expect(await problems({ 'content/ethics/e.md': ETHICS('""') })).toEqual(['content/ethics/e.md:5:1 error frontmatter/invalid-field field `code` must not be empty']);
  });

  it('configured: one line of the profile adds a code; a value outside the list gets did-you-mean', async () => {
    const files = { 'groundwork.config.yaml': VOCABULARIES };
    expect(await problems({ ...files, 'content/ethics/e.md': ETHICS('BASW') })).toEqual([]);
    const kb = await check({ ...files, 'content/ethics/e.md': ETHICS('BASWW'), 'content/standards/s.md': STANDARD('beginnin') });
    expect(kb.problems.filter((p) => p.severity === 'error').map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`)).toEqual([
      'content/ethics/e.md:5:1 frontmatter/invalid-field field `code` `BASWW` is not in the `codes` vocabulary (did you mean `BASW`?); it allows: NASW, CASW, BASW',
      'content/standards/s.md:7:1 frontmatter/invalid-field field `phase` `beginnin` is not in the `phases` vocabulary (did you mean `beginning`?); it allows: pre-group, beginning, middle, end',
    ]);
  });

  it('a value far from every allowed one gets no guess', async () => {
    expect(await problems({ 'groundwork.config.yaml': VOCABULARIES, 'content/ethics/e.md': ETHICS('Hippocratic') })).toEqual([
      'content/ethics/e.md:5:1 error frontmatter/invalid-field field `code` `Hippocratic` is not in the `codes` vocabulary; it allows: NASW, CASW, BASW',
    ]);
  });

  it('the configured order is the sort order (unknown values last)', () => {
    const v = { lists: { phases: ['pre-group', 'beginning', 'middle', 'end'] } };
    expect(['end', 'beginning', 'nope', 'pre-group'].sort((a, b) => vocabularyOrder(v, 'phases', a) - vocabularyOrder(v, 'phases', b))).toEqual(['pre-group', 'beginning', 'end', 'nope']);
    expect(vocabularyField(v, 'phases').safeParse('middle').success).toBe(true);
    expect(vocabularyField({ lists: {} }, 'phases').safeParse('anything at all').success).toBe(true);
  });
});
