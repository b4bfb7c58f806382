/** A group model, with cited attributes that comparisons set side by side. */
import { z } from 'astro/zod';
import { claimText, defineKind, type BaseData } from './define.ts';

export const MODEL_ATTRIBUTES = ['purpose', 'composition', 'worker_role', 'structure', 'format', 'strengths', 'limitations', 'best_suited_for'] as const;
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

/** Anchor of a model attribute on the model's page. */
export const attributeAnchor = (a: string) => `attr-${a.replace(/_/g, '-')}`;

export interface ModelData extends BaseData {
  kind: 'model';
  attributes: Record<ModelAttribute, string>;
}

export const model = defineKind<ModelData>({
  name: 'model',
  label: { one: 'Group model', many: 'Group models' },
  path: 'models',
  blurb: 'Kinds of groups, with cited attributes for comparison.',
  fields: () => ({
    attributes: z.object(Object.fromEntries(MODEL_ATTRIBUTES.map((a) => [a, claimText])) as Record<ModelAttribute, typeof claimText>).strict(),
  }),
  claimFields: (d) =>
    MODEL_ATTRIBUTES.map((a) => ({ field: `attributes.${a}`, path: ['attributes', a], value: d.attributes[a], anchor: attributeAnchor(a), kind: 'attribute' as const })),
  sections: (_d, tools) => [
    { type: 'attributes', heading: 'At a glance', rows: MODEL_ATTRIBUTES.map((a) => ({ anchor: attributeAnchor(a), label: MODEL_ATTRIBUTE_LABELS[a], html: tools.field(`attributes.${a}`) })) },
  ],
  handbook: 3,
});
