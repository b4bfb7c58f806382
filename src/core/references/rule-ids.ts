/**
 * The ids of the rules the reference loader reports. Their severities and descriptions are in
 * `src/rules/references.ts`.
 */
import { MALFORMED_BIBTEX } from './bibtex-scan.ts';
import { RULE_UNKNOWN_TYPE } from './bibtex.ts';

export const RULES = {
  malformedBibtex: MALFORMED_BIBTEX,
  malformedCslJson: 'reference/malformed-csl-json',
  unknownEntryType: RULE_UNKNOWN_TYPE,
  unclassified: 'reference/unclassified',
  missingEvidenceType: 'reference/missing-evidence-type',
  invalidEvidenceType: 'reference/invalid-evidence-type',
  duplicateKey: 'reference/duplicate-key',
  unsafeUrl: 'reference/unsafe-url',
  missingField: 'reference/missing-field',
  unsupportedFile: 'reference/unsupported-file',
  encoding: 'reference/encoding',
} as const;
