/**
 * The characters the citation parsers work with: the placeholder that stands for an inline node,
 * the character classes pandoc's parsers use (as Haskell's `Data.Char` defines them), and
 * pandoc's handling of Markdown whitespace. Shared by the scanner (`scanner.ts`), the locator
 * parser (`locators.ts`), the diagnosis (`diagnose.ts`) and `scanCitations` (`syntax.ts`).
 */

/** The placeholder the Markdown layer puts in the text for each non-text inline node. */
export const PLACEHOLDER = '\uFFFC';

/**
 * `isAlphaNum`: any Unicode letter or number, not marks (the ASCII test first: it is nearly every
 * character scanned).
 */
export const isAlphaNum = (c: string): boolean => {
  const k = c.charCodeAt(0);
  if (k < 128) return (k >= 48 && k <= 57) || (k >= 65 && k <= 90) || (k >= 97 && k <= 122);
  return /^[\p{L}\p{N}]$/u.test(c);
};
/** `isSpace`: tab, newline, vertical tab, form feed, carriage return, or a Unicode space (Zs, so also U+00A0). */
export const isHsSpace = (c: string): boolean => /^[\t\n\v\f\r\p{Zs}]$/u.test(c);
/** `isPunctuation`: Unicode punctuation (Pc, Pd, Ps, Pe, Pi, Pf, Po). */
export const isPunctuation = (c: string): boolean => /^\p{P}$/u.test(c);
/** `isDigit`: ASCII digits only. */
export const hasDigit = (s: string): boolean => /[0-9]/.test(s);
/** The Markdown reader's `spaceChar`/`isSpaceChar`: what becomes a Space or SoftBreak. */
export const isMdSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** Collapse whitespace runs to one space, as pandoc's inline builder does (Space, SoftBreak). */
export const collapse = (s: string): string => s.replace(/[ \t\r\n]+/g, ' ');
/** `trimInlines`: drop leading and trailing Space/SoftBreak (not no-break spaces, which are text). */
export const trimSpace = (s: string): string => s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
