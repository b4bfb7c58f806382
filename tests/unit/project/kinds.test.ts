/**
 * The kind registry (src/kinds/): a knowledge base adds a kind in one file (`defineKind`, passed
 * as `groundwork({ kinds })`), adds fields to a built-in kind (`groundwork({ extend })`), or
 * replaces a built-in kind by name. `checkProject` takes the same options as the integration.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { BUILT_IN_KINDS, createRegistry, defineKind } from '../../../src/kinds/index.ts';
import { procedure } from '../../fixtures/kb-extended/kinds/procedure.ts';
import { check, errors, topic } from './kb.ts';

const PROCEDURE = (fields: string) => `---\nkind: procedure\ntitle: Intake\nsummary: How intake works.\nowner: Group work lead\n${fields}---\n\nThe worker meets each person first [@toseland2017].\n`;
const STEPS = 'steps:\n  - Book an interview.\n  - Explain the ground rules.\n';
const RATIONALE = 'rationale: Interviews prepare members [@toseland2017, p. 182].\n';

describe('a kind added in one file', () => {
  it('is an entry kind when passed to the registry; without it, `procedure` is not a kind', async () => {
    const files = { 'content/procedures/intake.md': PROCEDURE(STEPS + RATIONALE) };
    const kb = await check(files, { kinds: [procedure] });
    expect(kb.problems).toEqual([]);
    const entry = kb.byId.get('procedures/intake')!;
    expect(entry.kind).toBe('procedure');
    expect(entry.data['steps']).toEqual(['Book an interview.', 'Explain the ground rules.']);
    // Its claim field is a claim, anchored and cited.
    expect(entry.claims.map((c) => `${c.kind} ${c.id} [${c.keys}]`)).toEqual(['paragraph para-1 [toseland2017]', 'attribute rationale [toseland2017]']);
    expect(kb.citedBy.get('toseland2017')).toEqual(['procedures/intake']);
    expect(await errors(files)).toEqual(['content/procedures/intake.md:2:1 error entry/unknown-kind `procedure` is not an entry kind']);
  });

  it('checks its fields: a typo is an unknown field with did-you-mean, a missing one is required', async () => {
    const kb = await check({ 'content/procedures/intake.md': PROCEDURE('stpes:\n  - Book an interview.\n' + RATIONALE) }, { kinds: [procedure] });
    expect(kb.problems.filter((p) => p.severity === 'error').map((p) => `${p.line}:${p.column} ${p.rule} ${p.message} | ${p.hint}`)).toEqual([
      '2:1 frontmatter/invalid-field field `steps` is required | see the `fields` of the kind `procedure` where this knowledge base defines it (defineKind, registered with groundwork({ kinds }) in astro.config.mjs)',
      '6:1 frontmatter/unknown-field unknown field `stpes` for a procedure entry | did you mean steps? allowed fields: kind, title, summary, related, aliases, tags, review, draft, owner, steps, rationale',
    ]);
    expect(await errors({ 'content/procedures/intake.md': PROCEDURE(RATIONALE) }, { kinds: [procedure] })).toEqual([
      'content/procedures/intake.md:2:1 error frontmatter/invalid-field field `steps` is required',
    ]);
  });

  it('its claim fields must cite, like any claim', async () => {
    expect(await errors({ 'content/procedures/intake.md': PROCEDURE(`${STEPS}rationale: Interviews prepare members.\n`) }, { kinds: [procedure] })).toEqual([
      'content/procedures/intake.md:9:12 error claim/uncited `rationale` makes a claim without a citation',
    ]);
    // A malformed wiki-link in the field is reported once, as in a body paragraph (not also as uncited).
    expect(await errors({ 'content/procedures/intake.md': PROCEDURE(`${STEPS}rationale: Interviews prepare members [[|intake]].\n`) }, { kinds: [procedure] })).toEqual([
      'content/procedures/intake.md:9:39 error link/malformed in `rationale`: `[[|intake]]` names no entry',
    ]);
  });

  it('the registry lists it after the built-in kinds, and its schema has the base fields', () => {
    const registry = createRegistry({ kinds: [procedure], vocabularies: { lists: {} } });
    expect(registry.names).toEqual([...BUILT_IN_KINDS.map((k) => k.name), 'procedure']);
    expect(Object.keys(registry.schema('procedure').shape)).toEqual(['kind', 'title', 'summary', 'related', 'aliases', 'tags', 'review', 'draft', 'owner', 'steps', 'rationale']);
    // A change of kinds changes the parse cache's key.
    expect(registry.fingerprint).not.toBe(createRegistry({ vocabularies: { lists: {} } }).fingerprint);
    // So does a change to what reading its entries runs, with the same fields.
    const edited = { ...procedure, claimFields: (data: Record<string, unknown>) => procedure.claimFields!(data as never).slice(0, 0) };
    expect(createRegistry({ kinds: [edited], vocabularies: { lists: {} } }).fingerprint).not.toBe(registry.fingerprint);
    expect(createRegistry({ kinds: [procedure], vocabularies: { lists: {} } }).fingerprint).toBe(registry.fingerprint);
  });

  it('a kind of the same name replaces the built-in one', async () => {
    const topicWithLevel = defineKind({ name: 'topic', label: { one: 'Topic', many: 'Topics' }, path: 'topics', blurb: 'Topics with a level.', fields: () => ({ level: z.enum(['intro', 'advanced']) }), handbook: 5 });
    expect(await errors({ 'content/topics/a.md': topic('level: intro\n') }, { kinds: [topicWithLevel] })).toEqual([]);
    expect(await errors({ 'content/topics/a.md': topic() }, { kinds: [topicWithLevel] })).toEqual(['content/topics/a.md:2:1 error frontmatter/invalid-field field `level` is required, and must be one of: intro, advanced']);
    expect(createRegistry({ kinds: [topicWithLevel], vocabularies: { lists: {} } }).names.filter((n) => n === 'topic')).toHaveLength(1);
  });
});

describe('schema extension', () => {
  const audience = { topic: z.object({ audience: z.string().min(1) }) };

  it('a topic with the added field passes; without the extension the field is unknown', async () => {
    const files = { 'content/topics/a.md': topic("audience: Carers' support workers\n") };
    const kb = await check(files, { extend: audience });
    expect(kb.problems).toEqual([]);
    expect(kb.byId.get('topics/a')!.data['audience']).toBe("Carers' support workers");
    expect(await errors(files)).toEqual(['content/topics/a.md:5:1 error frontmatter/unknown-field unknown field `audience` for a topic entry']);
  });

  it('the added field is validated like the others', async () => {
    expect(await errors({ 'content/topics/a.md': topic('audience: [carers]\n') }, { extend: audience })).toEqual([
      'content/topics/a.md:5:1 error frontmatter/invalid-field field `audience` must be text, not a list',
    ]);
  });

  it('`*` extends every kind; a set of zod fields works as well as an object', async () => {
    const files = { 'content/topics/a.md': topic('audience: carers\n'), 'content/procedures/p.md': PROCEDURE(STEPS + RATIONALE + 'audience: workers\n') };
    expect(await errors(files, { kinds: [procedure], extend: { '*': { audience: z.string() } } })).toEqual([]);
  });

  it('extending a kind that does not exist is an error that names the kinds', () => {
    expect(() => createRegistry({ extend: { topc: { audience: z.string() } }, vocabularies: { lists: {} } })).toThrow(
      'groundwork({ extend }): `topc` is not an entry kind (the kinds are: standard, ethics, model, comparison, topic, glossary, reading, policy)',
    );
  });
});
