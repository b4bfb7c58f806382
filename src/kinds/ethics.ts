/** A section of a code of ethics (or the code as a whole), current or superseded. */
import { z } from 'astro/zod';
import { vocabularyField } from '../config/vocabularies.ts';
import { byTitle, defineKind, type BaseData } from './define.ts';
import { compareSections } from './section-numbers.ts';

export interface EthicsData extends BaseData {
  kind: 'ethics';
  code: string;
  section?: string;
  edition: number;
  source: string;
  status: 'current' | 'superseded';
  superseded_by?: string;
}

export const ethics = defineKind<EthicsData>({
  name: 'ethics',
  label: { one: 'Ethics', many: 'Ethics' },
  path: 'ethics',
  blurb: 'Sections of codes of ethics and the dilemmas they raise.',
  fields: (ctx) => ({
    code: vocabularyField(ctx.vocabularies, 'codes'),
    section: z.string().min(1).optional(),
    edition: z.number().int().min(1800).max(2200),
    source: z.string().min(1),
    status: z.enum(['current', 'superseded']).default('current'),
    superseded_by: z.string().min(1).optional(),
  }),
  referenceFields: (d) => [
    { field: 'source', path: ['source'], key: d.source, listed: true },
    ...(d.superseded_by ? [{ field: 'superseded_by', path: ['superseded_by'], key: d.superseded_by, listed: true }] : []),
  ],
  // Current before superseded; by code; a code's overview (no section) before its sections.
  compare: (a, b) =>
    (a.status === 'superseded' ? 1 : 0) - (b.status === 'superseded' ? 1 : 0) ||
    a.code.localeCompare(b.code) ||
    (a.section ? 1 : 0) - (b.section ? 1 : 0) ||
    compareSections(a.section, b.section) ||
    byTitle(a, b),
  facts: (d) => [
    { label: 'Code', text: `${d.code} (${d.edition})` },
    ...(d.section ? [{ label: 'Section', text: d.section }] : []),
    { label: 'Status', text: d.status },
  ],
  card: (d) => `${d.code}${d.section ? ` ${d.section}` : ''} (${d.edition})${d.status === 'superseded' ? ' · superseded' : ''}`,
  filters: (d) => ({ code: d.code }),
  banner: (d) =>
    d.status === 'superseded'
      ? { text: 'Historical: this code has been superseded. It is kept for its history and for readers working under it.', ...(d.superseded_by ? { cite: d.superseded_by } : {}) }
      : undefined,
  handbook: 2,
});
