/** A glossary term: its definition is a claim, and its first use on other pages links to it. */
import { z } from 'astro/zod';
import { claimText, defineKind, entryId, type BaseData } from './define.ts';

export interface GlossaryData extends BaseData {
  kind: 'glossary';
  term: string;
  definition: string;
  see_also: string[];
}

export const glossary = defineKind<GlossaryData>({
  name: 'glossary',
  label: { one: 'Glossary term', many: 'Glossary' },
  path: 'glossary',
  blurb: 'Terms of group work, each defined with a source.',
  fields: () => ({
    term: z.string().trim().min(1),
    definition: claimText,
    see_also: z.array(entryId).default([]),
  }),
  claimFields: (d) => [{ field: 'definition', path: ['definition'], value: d.definition, anchor: 'definition', kind: 'definition' }],
  entryFields: (d) => d.see_also.map((target, i) => ({ field: 'see_also', path: ['see_also', i], target })),
  compare: (a, b) => a.term.localeCompare(b.term),
  sections: (d, tools) => [{ type: 'definition', term: d.term, anchor: 'definition', html: tools.field('definition') }],
  handbook: 7,
});
