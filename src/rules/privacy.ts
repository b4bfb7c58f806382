/**
 * Privacy rules: content that looks like personal data is an error, so that case scenarios
 * stay de-identified. Patterns are deliberately specific (an e-mail address, a phone number with
 * separators, an identity-number shape, a date of birth, a name from the agency's list of client
 * names) to keep false alarms rare; a string that is meant to be there (an agency's public
 * switchboard) goes in `privacy.allow`.
 */
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { positionsIn } from '../core/positions.ts';
import { escapeRegExp } from '../core/regexp.ts';
import { defineRules, type RuleDefinition } from './define.ts';
import type { Report } from './report.ts';

export const PRIVACY_RULES = defineRules('Privacy', {
  'privacy/email': { severity: 'error', description: 'An e-mail address.' },
  'privacy/phone': { severity: 'error', description: 'A phone number written with separators.' },
  'privacy/identity-number': { severity: 'error', description: 'An SSN or SIN shape.' },
  'privacy/date-of-birth': { severity: 'error', description: 'A date of birth.' },
  'privacy/client-name': { severity: 'error', description: 'A name from `privacy.client_names` in `groundwork.config.yaml`.' },
});

export interface PrivacyOptions {
  /** Names of real clients that must never appear (case-insensitive, whole words). */
  clientNames?: string[];
  /** Exact strings that are allowed although they look like personal data. */
  allow?: string[];
}

interface Pattern {
  rule: RuleDefinition;
  what: string;
  re: RegExp;
}

const PATTERNS: Pattern[] = [
  // Starts only where a run of address characters starts (the lookbehind), so that a long word
  // is not tried again from each of its letters. The `@` may be written as Markdown shows it
  // anyway: escaped (`\@`) or as a character reference (`&#64;`, `&commat;`).
  { rule: PRIVACY_RULES['privacy/email'], what: 'an e-mail address', re: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+(?:\\?@|&#0*64;|&#x0*40;|&commat;)[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gi },
  {
    rule: PRIVACY_RULES['privacy/phone'],
    what: 'a phone number',
    re: /(?<![\w.])(\+\d{1,3}[ .-]?)?(\(\d{2,4}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w.])/g,
  },
  { rule: PRIVACY_RULES['privacy/identity-number'], what: 'an identity number (SSN or SIN shape)', re: /(?<![\w-])\d{3}[- ]\d{2}[- ]\d{4}(?![\w-])|(?<![\w-])\d{3}[- ]\d{3}[- ]\d{3}(?![\w-])/g },
  {
    rule: PRIVACY_RULES['privacy/date-of-birth'],
    what: 'a date of birth',
    re: /\b(d\.?o\.?b\.?|date of birth|born( on)?)\b[:\s]*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})/gi,
  },
];

/** The patterns and the allowed strings of a knowledge base, made once for all its files. */
interface PrivacyScan {
  patterns: Pattern[];
  allow: Set<string>;
}

function privacyScan(options: PrivacyOptions): PrivacyScan {
  const patterns = [...PATTERNS];
  const names = (options.clientNames ?? []).filter((n) => n.trim() !== '');
  if (names.length > 0) {
    patterns.push({ rule: PRIVACY_RULES['privacy/client-name'], what: 'a name on the client-name list', re: new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\b`, 'gi') });
  }
  return { patterns, allow: new Set(options.allow ?? []) };
}

/** Check one file's text. */
function checkPrivacyOf(file: string, text: string, { patterns, allow }: PrivacyScan, report: Report): void {
  let at: ((offset: number) => { line: number; column: number }) | undefined;
  for (const p of patterns) {
    for (const m of text.matchAll(p.re)) {
      if (allow.has(m[0])) continue;
      at ??= positionsIn(text);
      report(
        p.rule,
        file,
        at(m.index!),
        `this looks like ${p.what}: "${m[0]}"`,
        'knowledge-base text and case scenarios must be de-identified: remove or invent it; if it is public and meant to be there, add it to `privacy.allow` in groundwork.config.yaml',
      );
    }
  }
}

/** Every entry's whole file, exempt blocks included. */
export function checkPrivacy(kb: KnowledgeBase, report: Report, options: PrivacyOptions = {}): void {
  const scan = privacyScan(options);
  for (const e of kb.entries) checkPrivacyOf(e.file, e.text, scan, report);
}
