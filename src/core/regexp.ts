/**
 * Text as a literal part of a regular expression. (`RegExp.escape` does this from Node 24; the
 * package supports Node 22.12, so the one-line escape stays ours.)
 */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
