import { z } from 'astro/zod';

/**
 * The evidence scale: one type per reference, from strongest claim to authority (codes,
 * standards) through research designs to other material. Order matters: it is the order of
 * the evidence profile and of the evidence map's columns.
 */
export const EVIDENCE_TYPES = [
  'code-of-ethics',
  'practice-standard',
  'systematic-review',
  'controlled-trial',
  'observational-study',
  'qualitative-study',
  'narrative-review',
  'textbook',
  'organisational-policy',
  'other',
] as const;

export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

export const EVIDENCE_LABELS: Record<EvidenceType, string> = {
  'code-of-ethics': 'Code of ethics',
  'practice-standard': 'Practice standard',
  'systematic-review': 'Systematic review or meta-analysis',
  'controlled-trial': 'Controlled trial',
  'observational-study': 'Observational study',
  'qualitative-study': 'Qualitative study',
  'narrative-review': 'Narrative review or conceptual article',
  textbook: 'Textbook or expert text',
  'organisational-policy': 'Organisational policy',
  other: 'Other',
};

export const evidenceType = z.enum(EVIDENCE_TYPES);

/** A reference without an evidence type counts as "unclassified" in profiles and the map. */
export const UNCLASSIFIED = 'unclassified';

/** Label of an evidence type, or of "unclassified". */
export function evidenceLabel(type: string): string {
  return type === UNCLASSIFIED ? 'Unclassified' : (EVIDENCE_LABELS as Record<string, string>)[type] ?? type;
}

/** The evidence types in scale order, then "unclassified". */
export const EVIDENCE_COLUMNS: readonly string[] = [...EVIDENCE_TYPES, UNCLASSIFIED];
