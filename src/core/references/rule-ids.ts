/**
 * The ids of the rules the reference loader reports. Their severities and descriptions are in
 * `src/rules/references.ts`.
 */

export const RULES = {
  malformedBibtex: 'reference/malformed-bibtex',
  malformedCslJson: 'reference/malformed-csl-json',
  unknownEntryType: 'reference/unknown-entry-type',
  unclassified: 'reference/unclassified',
  missingEvidenceType: 'reference/missing-evidence-type',
  invalidEvidenceType: 'reference/invalid-evidence-type',
  duplicateKey: 'reference/duplicate-key',
  unsafeUrl: 'reference/unsafe-url',
  missingField: 'reference/missing-field',
  unsupportedFile: 'reference/unsupported-file',
  encoding: 'reference/encoding',
} as const;
