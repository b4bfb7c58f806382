import { z } from 'astro/zod';

/**
 * The entry kinds of a Groundwork knowledge base, as zod schemas: the one place where the
 * shape of an entry's frontmatter is defined. `src/content.config.ts`, the validator and the
 * build all use these.
 */

export const ENTRY_KINDS = [
  'standard',
  'ethics',
  'model',
  'comparison',
  'topic',
  'glossary',
  'reading',
  'policy',
] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const KIND_LABELS: Record<EntryKind, { one: string; many: string; path: string; blurb: string }> = {
  standard: { one: 'Standard', many: 'Standards', path: 'standards', blurb: 'Practice standards, part by part, cited by section.' },
  ethics: { one: 'Ethics', many: 'Ethics', path: 'ethics', blurb: 'Sections of codes of ethics and the dilemmas they raise.' },
  model: { one: 'Group model', many: 'Group models', path: 'models', blurb: 'Kinds of groups, with cited attributes for comparison.' },
  comparison: { one: 'Comparison', many: 'Comparisons', path: 'comparisons', blurb: 'Entries and settings side by side, every cell cited.' },
  topic: { one: 'Topic', many: 'Topics', path: 'topics', blurb: 'Practice questions, each answered from the sources.' },
  glossary: { one: 'Glossary term', many: 'Glossary', path: 'glossary', blurb: 'Terms of group work, each defined with a source.' },
  reading: { one: 'Reading list', many: 'Reading lists', path: 'readings', blurb: 'Course weeks: readings, notes and discussion questions.' },
  policy: { one: 'Agency policy', many: 'Agency policies', path: 'local', blurb: 'Local policy shown inside the standard or code it applies.' },
};

export const PHASES = ['core', 'pre-group', 'beginning', 'middle', 'ending', 'ethics'] as const;
export const CODES = ['NASW', 'CASW', 'NOHS', 'other'] as const;
export const MODEL_ATTRIBUTES = [
  'purpose',
  'composition',
  'worker_role',
  'structure',
  'format',
  'strengths',
  'limitations',
  'best_suited_for',
] as const;
export type ModelAttribute = (typeof MODEL_ATTRIBUTES)[number];
export const MODEL_ATTRIBUTE_LABELS: Record<ModelAttribute, string> = {
  purpose: 'Purpose',
  composition: 'Composition and size',
  worker_role: 'Worker role',
  structure: 'Structure',
  format: 'Open or closed, and duration',
  strengths: 'Strengths',
  limitations: 'Limitations',
  best_suited_for: 'Best suited for',
};

/** An entry id: lower-case path segments of letters, digits and hyphens. */
export const entryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/, 'must be an entry id such as "topics/mutual-aid"');

/** An entry id, optionally followed by `#fragment` (a heading or paragraph anchor). */
export const entryRef = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*(#[a-z0-9][a-z0-9-]*)?$/,
    'must be an entry id, optionally with #anchor, such as "topics/mutual-aid#para-2"',
  );

const isoDate = z
  .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));

export const reviewSchema = z
  .object({
    owner: z.string().min(1).optional(),
    reviewed: isoDate.optional(),
    next: isoDate.optional(),
  })
  .strict();

/** Markdown text that counts as a claim: it must cite (checked by the claim rule, not here). */
const claimText = z.string().trim().min(1, 'must not be empty');

const base = {
  title: z.string().trim().min(1, 'must not be empty'),
  summary: z.string().trim().min(1, 'must not be empty'),
  related: z.array(entryId).default([]),
  aliases: z.array(entryId).default([]),
  tags: z.array(z.string().min(1)).default([]),
  review: reviewSchema.optional(),
  draft: z.boolean().default(false),
};

export const standardSchema = z
  .object({
    kind: z.literal('standard'),
    ...base,
    source: z.string().min(1),
    section: z.string().min(1),
    phase: z.enum(PHASES),
  })
  .strict();

export const ethicsSchema = z
  .object({
    kind: z.literal('ethics'),
    ...base,
    code: z.enum(CODES),
    section: z.string().min(1).optional(),
    edition: z.number().int().min(1800).max(2200),
    source: z.string().min(1),
    status: z.enum(['current', 'superseded']).default('current'),
    superseded_by: z.string().min(1).optional(),
  })
  .strict();

export const modelSchema = z
  .object({
    kind: z.literal('model'),
    ...base,
    attributes: z
      .object(Object.fromEntries(MODEL_ATTRIBUTES.map((a) => [a, claimText])) as Record<ModelAttribute, typeof claimText>)
      .strict(),
  })
  .strict();

export const comparisonSchema = z
  .object({
    kind: z.literal('comparison'),
    ...base,
    compare: z.array(entryId).default([]),
    attributes: z.array(z.enum(MODEL_ATTRIBUTES)).optional(),
  })
  .strict();

export const topicSchema = z.object({ kind: z.literal('topic'), ...base }).strict();

export const glossarySchema = z
  .object({
    kind: z.literal('glossary'),
    ...base,
    term: z.string().trim().min(1),
    definition: claimText,
    see_also: z.array(entryId).default([]),
  })
  .strict();

export const readingItemSchema = z.union([
  z.object({ entry: entryRef, note: z.string().optional() }).strict(),
  z.object({ ref: z.string().min(1), note: z.string().optional() }).strict(),
]);

export const readingSchema = z
  .object({
    kind: z.literal('reading'),
    ...base,
    course: z.string().min(1),
    week: z.union([z.number().int(), z.string().min(1)]),
    objectives: z.array(z.string().min(1)).default([]),
    items: z.array(readingItemSchema).min(1, 'a reading list needs at least one item'),
    questions: z.array(z.string().min(1)).default([]),
  })
  .strict();

export const policySchema = z
  .object({
    kind: z.literal('policy'),
    ...base,
    attaches_to: entryId,
  })
  .strict();

export const entrySchemas = {
  standard: standardSchema,
  ethics: ethicsSchema,
  model: modelSchema,
  comparison: comparisonSchema,
  topic: topicSchema,
  glossary: glossarySchema,
  reading: readingSchema,
  policy: policySchema,
} as const;

export const entrySchema = z.discriminatedUnion('kind', [
  standardSchema,
  ethicsSchema,
  modelSchema,
  comparisonSchema,
  topicSchema,
  glossarySchema,
  readingSchema,
  policySchema,
]);

export type EntryData = z.infer<typeof entrySchema>;
export type StandardData = z.infer<typeof standardSchema>;
export type EthicsData = z.infer<typeof ethicsSchema>;
export type ModelData = z.infer<typeof modelSchema>;
export type ComparisonData = z.infer<typeof comparisonSchema>;
export type GlossaryData = z.infer<typeof glossarySchema>;
export type ReadingData = z.infer<typeof readingSchema>;
export type PolicyData = z.infer<typeof policySchema>;
