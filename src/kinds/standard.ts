/** A practice standard, part by part, cited by section. */
import { z } from 'astro/zod';
import { vocabularyField, vocabularyOrder } from '../config/vocabularies.ts';
import { byTitle, defineKind, type BaseData } from './define.ts';
import { compareSections } from './section-numbers.ts';

export interface StandardData extends BaseData {
  kind: 'standard';
  source: string;
  section: string;
  phase: string;
}

export const standard = defineKind<StandardData>({
  name: 'standard',
  label: { one: 'Standard', many: 'Standards' },
  path: 'standards',
  blurb: 'Practice standards, part by part, cited by section.',
  fields: (ctx) => ({
    source: z.string().min(1),
    section: z.string().min(1),
    phase: vocabularyField(ctx.vocabularies, 'phases'),
  }),
  referenceFields: (d) => [{ field: 'source', path: ['source'], key: d.source, listed: true }],
  compare: (a, b, ctx) =>
    vocabularyOrder(ctx.vocabularies, 'phases', a.phase) - vocabularyOrder(ctx.vocabularies, 'phases', b.phase) ||
    compareSections(a.section, b.section) ||
    byTitle(a, b),
  facts: (d) => [
    { label: 'Source', cite: d.source },
    { label: 'Section', text: d.section },
    { label: 'Phase', text: d.phase },
  ],
  card: (d) => `Sec. ${d.section} · ${d.phase}`,
  filters: (d) => ({ phase: d.phase }),
  handbook: 1,
});
