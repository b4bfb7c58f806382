import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate nearest to a mistyped word, if it is near enough to be a likely typo: for
 * "did you mean …?" hints. The default allowance grows with the word (a third of its length,
 * at least 2 edits); a caller may set its own, from the best candidate.
 */
export function nearest(word: string, candidates: readonly string[], allowance?: (best: string) => number): string | undefined {
  if (word === '' || candidates.length === 0) return undefined;
  const best = closest(word, [...candidates]);
  const max = allowance ? allowance(best) : Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= max ? best : undefined;
}
