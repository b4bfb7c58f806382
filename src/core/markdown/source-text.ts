/**
 * Where the characters of a text node's value were written in the source.
 *
 * The Markdown parser gives a text node its *value* (escapes removed, entities decoded, smart
 * punctuation applied, continuation-line indentation dropped) and the position of its source.
 * Citations are scanned in the value, but an author's `\@` must stay literal and every problem
 * must point at the exact line and column: so each value offset is mapped back to its source
 * offset by walking both strings together. The parser offers no such map, and the
 * transformations are few and known, so this small aligner is our own.
 */

export interface AlignedText {
  /** Source offset (in the whole file) of the value character at `offset` (or just past the end). */
  sourceOffset(offset: number): number;
  /** True when the value character at `offset` was written with a backslash escape. */
  escaped(offset: number): boolean;
}

const SMART: Record<string, string[]> = {
  '\u2018': ["'"],
  '\u2019': ["'"],
  '\u201c': ['"'],
  '\u201d': ['"'],
  '\u2013': ['--'],
  '\u2014': ['---'],
  '\u2026': ['...'],
};

const ENTITY = /^&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/**
 * Align `value` with `source` (the node's source slice, starting at file offset `base`).
 * Unknown differences are skipped character by character, so the map degrades to "near the
 * right place" rather than failing.
 */
export function alignText(value: string, source: string, base: number): AlignedText {
  if (value === source) {
    return { sourceOffset: (k) => base + k, escaped: () => false };
  }
  const map = new Int32Array(value.length + 1);
  const escapes = new Uint8Array(value.length + 1);
  let i = 0; // source
  let j = 0; // value
  while (j < value.length) {
    const v = value[j]!;
    const s = source[i];
    if (s === undefined) {
      map[j] = base + source.length;
      j++;
      continue;
    }
    if (s === '&' && v === '&') {
      // `&amp;` in the source is `&` in the value; a literal `&` is itself.
      const m = ENTITY.exec(source.slice(i, i + 40));
      if (m && value.slice(j, j + m[0].length) !== m[0]) {
        map[j] = base + i;
        i += m[0].length;
        j++;
        continue;
      }
    }
    if (s === v) {
      map[j] = base + i;
      i++;
      j++;
      continue;
    }
    if (s === '\\' && source[i + 1] === v) {
      map[j] = base + i;
      escapes[j] = 1;
      i += 2;
      j++;
      continue;
    }
    if (s === '&') {
      const m = ENTITY.exec(source.slice(i, i + 40));
      if (m) {
        map[j] = base + i;
        i += m[0].length;
        j++;
        continue;
      }
    }
    const smart = SMART[v]?.find((form) => source.startsWith(form, i));
    if (smart) {
      map[j] = base + i;
      i += smart.length;
      j++;
      continue;
    }
    if (s === '\r' && v === '\n') {
      i++;
      continue;
    }
    // Spaces dropped from the value (indentation of continuation lines, trailing spaces of a
    // soft line break) and blockquote markers of continuation lines: skip them in the source.
    if (s === ' ' || s === '\t' || (s === '>' && (i === 0 || /[\n \t>]/.test(source[i - 1]!)))) {
      i++;
      continue;
    }
    map[j] = base + i;
    i++;
    j++;
  }
  map[value.length] = base + Math.min(i, source.length);
  return {
    sourceOffset: (k) => map[Math.max(0, Math.min(k, value.length))]!,
    escaped: (k) => escapes[k] === 1,
  };
}
