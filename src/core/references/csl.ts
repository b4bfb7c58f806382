/**
 * The CSL-JSON vocabulary the reference code shares: the item shape, the item types of CSL 1.0.2
 * and the name variables; and `sanitiseCsl`, which keeps an item to the shapes citeproc-js takes.
 */

export type CslItem = Record<string, unknown>;

/** The CSL types APA 7 cites in the text only, never in a reference list (8.9: personal communications). */
export const IN_TEXT_ONLY_TYPES = ['personal_communication'] as const;

/** The item types of CSL 1.0.2. */
export const CSL_TYPES = new Set([
  'article', 'article-journal', 'article-magazine', 'article-newspaper', 'bill', 'book', 'broadcast',
  'chapter', 'classic', 'collection', 'dataset', 'document', 'entry', 'entry-dictionary',
  'entry-encyclopedia', 'event', 'figure', 'graphic', 'hearing', 'interview', 'legal_case',
  'legislation', 'manuscript', 'map', 'motion_picture', 'musical_score', 'pamphlet',
  'paper-conference', 'patent', 'performance', 'periodical', 'personal_communication', 'post',
  'post-weblog', 'regulation', 'report', 'review', 'review-book', 'software', 'song', 'speech',
  'standard', 'thesis', 'treaty', 'webpage',
]);

/** The CSL name variables. */
export const NAME_VARIABLES = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor',
  'curator', 'director', 'editor', 'editor-translator', 'editorial-director', 'executive-producer',
  'guest', 'host', 'illustrator', 'interviewer', 'narrator', 'organizer', 'original-author',
  'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator',
  'translator',
]);

const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

// `short` is not a CSL name part: CSL-JSON writers use it for a group author's abbreviation (csl-json.ts).
const NAME_PARTS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle', 'short'];

/**
 * A name variable in its CSL shape: a list of names, each with string parts, at least one of
 * family, given or literal; undefined when no name is left. Loading applies it to every
 * reference (so that every reader of a reference's names can rely on it), and `sanitiseCsl`.
 */
export function sanitiseNames(value: unknown): Record<string, string>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names = value
    .filter((n): n is Record<string, unknown> => !!n && typeof n === 'object' && !Array.isArray(n))
    .map((n) => {
      const clean: Record<string, string> = {};
      for (const part of NAME_PARTS) {
        const v = n[part];
        if (typeof v === 'string' || typeof v === 'number') clean[part] = String(v);
      }
      return clean;
    })
    .filter((n) => typeof n['family'] === 'string' || typeof n['literal'] === 'string' || typeof n['given'] === 'string');
  return names.length > 0 ? names : undefined;
}

/**
 * Keep only what citeproc-js can take: an unknown type becomes `document`, names and dates
 * must have their CSL shapes, every other variable is a string or a number. (A `null` among
 * the authors of one hand-written CSL-JSON item is enough to make citeproc-js throw for all.)
 */
export function sanitiseCsl(input: CslItem): CslItem {
  const out: CslItem = {};
  for (const [name, value] of Object.entries(input)) {
    if (NAME_VARIABLES.has(name)) {
      const names = sanitiseNames(value);
      if (names) out[name] = names;
    } else if (DATE_VARIABLES.has(name)) {
      if (!value || typeof value !== 'object' || Array.isArray(value)) continue;
      const d = value as Record<string, unknown>;
      const date: Record<string, unknown> = {};
      const parts = Array.isArray(d['date-parts'])
        ? (d['date-parts'] as unknown[])
            .filter((p): p is unknown[] => Array.isArray(p))
            .map((p) => p.slice(0, 3).map((x) => Number(x)))
            .filter((p) => p.length > 0 && p.every((x) => Number.isInteger(x)))
            .slice(0, 2)
        : [];
      if (parts.length > 0) date['date-parts'] = parts;
      for (const key of ['literal', 'raw', 'season', 'circa']) {
        const v = d[key];
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') date[key] = v;
      }
      if (Object.keys(date).length > 0) out[name] = date;
    } else if (typeof value === 'string') {
      out[name] = value;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      out[name] = String(value); // citeproc-js calls string methods on ordinary variables
    }
  }
  if (typeof out['type'] !== 'string' || !CSL_TYPES.has(out['type'])) out['type'] = 'document';
  return out;
}
