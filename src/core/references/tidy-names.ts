/**
 * CSL names tidied of what exports leave in them, which citeproc would print as it is
 * ("Bartley, M. ." from `Bartley, M .`): spaces collapsed, no space before a period, no doubled
 * periods, no stray commas or semicolons at either end, a period after a lone initial
 * (`E` → `E.`), run-together capital initials split (`JE` → `J. E.`). One of the APA fix-ups
 * (`apa.ts`).
 */

/** Spaces collapsed and trimmed, stray commas and semicolons at either end dropped. */
function tidyPart(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/^[\s,;]+|[\s,;]+$/g, '');
}

/**
 * Given names as APA prints them once citeproc has made initials of them: no space before a
 * period (`M .` → `M.`), no doubled periods (`J..` → `J.`), no stray commas, one space between
 * parts, a period after a lone initial (`E` → `E.`, `hooks, b` → `b.`), and run-together capital
 * initials split (`JE` → `J. E.`, as PubMed and Vancouver-style exports write them; two or three
 * capitals, no lower-case letter).
 */
export function tidyGiven(given: string): string {
  const words = tidyPart(given)
    .replace(/\s+\./g, '.')
    .replace(/\.{2,}/g, '.')
    .replace(/^[\s.]+/, '')
    .split(' ')
    .filter((word) => word !== '');
  return words
    .map((word) => {
      if (/^\p{L}$/u.test(word)) return `${word}.`;
      if (/^\p{Lu}{2,3}$/u.test(word)) return [...word].map((c) => `${c}.`).join(' ');
      return word;
    })
    .join(' ');
}

/** One CSL name tidied of stray spaces and punctuation (see `tidyGiven`); other fields kept. */
export function tidyName(name: unknown): unknown {
  if (!name || typeof name !== 'object' || Array.isArray(name)) return name;
  const out: Record<string, unknown> = { ...(name as Record<string, unknown>) };
  for (const part of ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle']) {
    const value = out[part];
    if (typeof value !== 'string') continue;
    const tidy = part === 'given' ? tidyGiven(value) : tidyPart(value);
    if (tidy === '') delete out[part];
    else out[part] = tidy;
  }
  return out;
}
