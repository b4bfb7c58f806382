import { positionsIn } from './positions.ts';
import { problem, type Problem } from './problems.ts';

/**
 * The privacy check: content that looks like personal data is an error, so that case
 * scenarios stay de-identified. Patterns are deliberately specific (an e-mail address, a
 * phone number with separators, an identity-number shape, a date of birth, a name from the
 * agency's list of client names) to keep false alarms rare; a string that is meant to be
 * there (an agency's public switchboard) goes in `allow`.
 */
export interface PrivacyOptions {
  /** Names of real clients that must never appear (case-insensitive, whole words). */
  clientNames?: string[];
  /** Exact strings that are allowed although they look like personal data. */
  allow?: string[];
}

interface Pattern {
  rule: string;
  what: string;
  re: RegExp;
}

const PATTERNS: Pattern[] = [
  { rule: 'privacy/email', what: 'an e-mail address', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g },
  {
    rule: 'privacy/phone',
    what: 'a phone number',
    re: /(?<![\w.])(\+\d{1,3}[ .-]?)?(\(\d{2,4}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w.])/g,
  },
  { rule: 'privacy/identity-number', what: 'an identity number (SSN or SIN shape)', re: /(?<![\w-])\d{3}[- ]\d{2}[- ]\d{4}(?![\w-])|(?<![\w-])\d{3}[- ]\d{3}[- ]\d{3}(?![\w-])/g },
  {
    rule: 'privacy/date-of-birth',
    what: 'a date of birth',
    re: /\b(d\.?o\.?b\.?|date of birth|born( on)?)\b[:\s]*(\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2} (jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* \d{4})/gi,
  },
];

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function checkPrivacy(file: string, text: string, options: PrivacyOptions = {}): Problem[] {
  const out: Problem[] = [];
  const allow = new Set(options.allow ?? []);
  const patterns = [...PATTERNS];
  const names = (options.clientNames ?? []).filter((n) => n.trim() !== '');
  if (names.length > 0) {
    patterns.push({ rule: 'privacy/client-name', what: 'a name on the client-name list', re: new RegExp(`\\b(${names.map(escapeRe).join('|')})\\b`, 'gi') });
  }
  const at = positionsIn(text);
  for (const p of patterns) {
    for (const m of text.matchAll(p.re)) {
      if (allow.has(m[0])) continue;
      out.push(
        problem(
          file,
          at(m.index!),
          'error',
          p.rule,
          `this looks like ${p.what}: "${m[0]}"`,
          'knowledge-base text and case scenarios must be de-identified: remove or invent it; if it is public and meant to be there, add it to `privacy.allow` in groundwork.config.yaml',
        ),
      );
    }
  }
  return out;
}
