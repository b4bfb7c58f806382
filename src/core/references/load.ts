/**
 * Load the knowledge base's references from BibTeX/BibLaTeX (`.bib`) and CSL-JSON (`.json`)
 * files into CSL-JSON items keyed by citation key, each with its evidence type (or none) and
 * position. Problems in the files are reported, never thrown.
 *
 * This file reads each file with the reader for its format (`bibtex.ts`, `csl-json.ts`; bytes
 * are decoded by `decode.ts`), checks each reference (`required-fields.ts`, `evidence.ts`) and
 * keys and DOIs across all files, and puts the references together.
 */
import type { EvidenceType } from '../../schemas/evidence.ts';
import { compareProblems, problem, type Position, type Problem } from '../problems.ts';
import { readBibtex } from './bibtex.ts';
import type { CslItem } from './csl.ts';
import { loadCslJson } from './csl-json.ts';
import { decodeReferenceBytes } from './decode.ts';
import { checkEvidence, evidenceTags, unclassifiedWarning } from './evidence.ts';
import { checkFields } from './required-fields.ts';
import { checkUrl } from './url.ts';
import { RULES } from './rule-ids.ts';

export { decodeReferenceBytes, type DecodedReferences, type ReferenceEncoding } from './decode.ts';

export interface Reference {
  key: string;
  /** CSL-JSON item, `id` = key. Titles keep case protection as `<span class="nocase">`. */
  csl: Record<string, unknown>;
  /**
   * The evidence type, or undefined when the reference has none ("unclassified"): it loads and
   * is cited like any other, and counts under no type. Never guessed from the entry type.
   */
  evidence: EvidenceType | undefined;
  /**
   * Short form of a group author (WHO for World Health Organization), for APA's in-text
   * abbreviation: BibLaTeX `shortauthor`, a BibTeX `abbreviation` field, or in CSL-JSON the
   * first author's `short`, an item's `shortauthor`, or a `shortauthor:` line in its `note`
   * (Zotero's Extra). Only set when the first author (or, without one, editor) is a group.
   */
  abbreviation?: string;
  file: string;
  line: number;
  column: number;
}

/** A reference file: its text, or its bytes (then decoded with `decodeReferenceBytes`). */
export type ReferenceFile =
  | {
      /** Path relative to the project root, with forward slashes. */
      path: string;
      text: string;
    }
  | { path: string; bytes: Uint8Array };

export interface LoadOptions {
  /**
   * `optional` (the default): a reference without an evidence type loads as unclassified, and
   * each file with some gets one warning (`reference/unclassified`) listing them. `required`:
   * each one is an error at its line (`reference/missing-evidence-type`).
   */
  evidence?: 'optional' | 'required';
}

export interface LoadResult {
  references: Map<string, Reference>;
  problems: Problem[];
}

/** One item read from a file, before the checks that need all files. */
export interface Candidate {
  key: string;
  csl: CslItem;
  file: string;
  at: Position;
  format: 'bibtex' | 'csl-json';
  /** Evidence type strings found, each with where it was written. */
  evidence: { value: string; at: Position }[];
  abbreviation?: string;
}

function loadBibtex(file: string, text: string, problems: Problem[]): Candidate[] {
  return readBibtex(file, text, problems).map((item) => {
    const evidence: Candidate['evidence'] = [];
    for (const field of item.fields) {
      const fieldAt = { line: field.line, column: field.column };
      if (field.name === 'evidence') evidence.push({ value: field.value.replace(/[{}]/g, ''), at: fieldAt });
      if (field.name === 'keywords' || field.name === 'keyword' || field.name === 'mendeley-tags') {
        for (const tag of evidenceTags(field.value)) evidence.push({ value: tag, at: fieldAt });
      }
    }
    return { key: item.key, csl: item.csl, file, at: item.at, format: 'bibtex', evidence, ...(item.abbreviation ? { abbreviation: item.abbreviation } : {}) };
  });
}

function extension(path: string): string {
  const m = /\.([^./]+)$/.exec(path);
  return m ? m[1]!.toLowerCase() : '';
}

/**
 * Read every reference file. Files are read in the order given; when a key is defined twice,
 * the first definition wins and the second is reported. A reference whose evidence type is
 * missing or invalid is still loaded (unclassified), and so is one with a missing field, so
 * that citations of it resolve; the errors fail the check. Never throws on content.
 */
export function loadReferences(files: ReferenceFile[], options: LoadOptions = {}): LoadResult {
  const required = options.evidence === 'required';
  const problems: Problem[] = [];
  const references = new Map<string, Reference>();
  for (const input of files) {
    const file = input.path.replace(/\\/g, '/');
    let text: string;
    if ('bytes' in input) {
      const decoded = decodeReferenceBytes(input.bytes, file);
      problems.push(...decoded.problems);
      text = decoded.text;
    } else {
      text = input.text;
    }
    // A byte-order mark and Windows line endings change no position that is reported.
    text = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
    let candidates: Candidate[] = [];
    const ext = extension(file);
    try {
      if (ext === 'bib' || ext === 'bibtex') candidates = loadBibtex(file, text, problems);
      else if (ext === 'json') candidates = loadCslJson(file, text, problems);
      else {
        problems.push(
          problem(file, undefined, 'warning', RULES.unsupportedFile, `\`${file}\` is not a reference file Groundwork reads`, 'export references as BibTeX/BibLaTeX (`.bib`) or CSL JSON (`.json`)'),
        );
      }
    } catch (error) {
      // Never throw on content: an unexpected failure is reported against the file.
      problems.push(
        problem(
          file,
          undefined,
          'error',
          ext === 'json' ? RULES.malformedCslJson : RULES.malformedBibtex,
          `the file could not be read: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    const unclassified: Candidate[] = [];
    for (const c of candidates) {
      const existing = references.get(c.key);
      if (existing) {
        problems.push(
          problem(
            c.file,
            c.at,
            'error',
            RULES.duplicateKey,
            `the citation key \`${c.key}\` is already used at ${existing.file}:${existing.line}`,
            'remove the duplicate, or give one of them another key (and update its citations)',
          ),
        );
        continue;
      }
      checkFields(c, problems);
      checkUrl(c, problems);
      const evidence = checkEvidence(c, problems, required);
      if (c.evidence.length === 0) unclassified.push(c);
      const reference: Reference = {
        key: c.key,
        csl: c.csl,
        evidence,
        ...(c.abbreviation ? { abbreviation: c.abbreviation } : {}),
        file: c.file,
        line: c.at.line,
        column: c.at.column,
      };
      references.set(c.key, reference);
    }
    if (!required && unclassified.length > 0) problems.push(unclassifiedWarning(file, unclassified));
  }
  problems.sort(compareProblems);
  return { references, problems };
}
