/** Entries side by side: a comparison of models shows their cited attributes in one table. */
import { z } from 'astro/zod';
import { defineKind, entryId, type BaseData } from './define.ts';
import { MODEL_ATTRIBUTE_LABELS, MODEL_ATTRIBUTES, type ModelAttribute } from './model.ts';
import type { Section } from './define.ts';

export interface ComparisonData extends BaseData {
  kind: 'comparison';
  compare: string[];
  attributes?: ModelAttribute[];
}

export const comparison = defineKind<ComparisonData>({
  name: 'comparison',
  label: { one: 'Comparison', many: 'Comparisons' },
  path: 'comparisons',
  blurb: 'Entries and settings side by side, every cell cited.',
  fields: () => ({
    compare: z.array(entryId).default([]),
    attributes: z.array(z.enum(MODEL_ATTRIBUTES)).optional(),
  }),
  entryFields: (d) => d.compare.map((target, i) => ({ field: 'compare', path: ['compare', i], target })),
  // Models side by side, each cell the model's own cited attribute; other entries listed.
  sections: (d, tools) => {
    const compared = d.compare.map((id) => ({ id, e: tools.entry(id) })).filter((c) => c.e);
    const models = compared.filter((c) => c.e!.kind === 'model');
    const others = compared.filter((c) => c.e!.kind !== 'model');
    const out: Section[] = [];
    if (models.length > 0) {
      out.push({
        type: 'table',
        caption: `Side by side: ${models.map((m) => m.e!.title).join(', ')}`,
        columns: models.map((m) => ({ title: m.e!.title, ...(m.e!.href ? { href: m.e!.href } : {}) })),
        rows: (d.attributes ?? [...MODEL_ATTRIBUTES]).map((a) => ({ label: MODEL_ATTRIBUTE_LABELS[a], cells: models.map((m) => tools.fieldOf(m.id, `attributes.${a}`)) })),
      });
    }
    if (others.length > 0) out.push({ type: 'links', lead: 'Compared here:', links: others.map((o) => ({ title: o.e!.title, ...(o.e!.href ? { href: o.e!.href } : {}) })) });
    return out;
  },
  handbook: 4,
});
