/**
 * The APA reference list. citeproc-js formats the whole list once, when first asked for (a
 * `check` run may never need it), in HTML and in plain text, from the engine loaded with all
 * references, so that the year suffixes (2005a, 2005b) are those of the full list. When
 * citeproc-js fails on the list, the references it fails on are set aside and it tries once more.
 * Sources that are cited in the text only (personal communications, APA 7 8.9) are not in it.
 */
import { AND_PATTERN, type FormatterEngine } from './engine.ts';
import type { Formatter } from './format.ts';
import { IN_TEXT_ONLY_TYPES } from './csl.ts';
import { CitationFormatError, errorMessage } from './format-error.ts';

function unwrapEntry(html: string): string {
  return html
    .trim()
    .replace(/^<div class="csl-entry">/, '')
    .replace(/<\/div>$/, '')
    .trim();
}

/** `bibliographyEntry` and `bibliography` of a formatter, formatted with `engine`. */
export function bibliographyFormatter(engine: FormatterEngine, listed: (key: string) => boolean): Pick<Formatter, 'bibliographyEntry' | 'bibliography'> {
  const { use, check, isolate, reset } = engine;

  const html = new Map<string, string>();
  const text = new Map<string, string>();
  const order = new Map<string, number>();
  let formatted = false;
  /** Format the whole reference list once, on first use (a `check` run may never need it). */
  const formatBibliography = (key: string): void => {
    if (formatted) return;
    const run = () => {
      const e = use(key);
      try {
        for (const format of ['html', 'text'] as const) {
          e.setOutputFormat(format);
          e.opt.development_extensions['wrap_url_and_doi'] = format === 'html';
          // Personal communications are cited in the text only. Left to itself citeproc-js would
          // still name them in `entry_ids` while writing no entry, and the ids would shift.
          const result = e.makeBibliography({ exclude: IN_TEXT_ONLY_TYPES.map((value) => ({ field: 'type', value })) });
          if (!result) throw new Error('citeproc-js made no reference list');
          const [meta, entries] = result;
          if (meta.entry_ids.length !== entries.length) throw new Error(`citeproc-js wrote ${entries.length} entries for ${meta.entry_ids.length} references`);
          entries.forEach((entry, index) => {
            const id = meta.entry_ids[index]?.[0];
            if (id === undefined) return;
            if (format === 'html') {
              // DOIs and URLs lead off the site: no opener, no referrer (as links in entries).
              // DOI and URL links need no `rel`: they open in the same tab, and every page
              // sends no referrer (`<meta name="referrer" content="no-referrer">`).
              html.set(id, unwrapEntry(entry).replace(AND_PATTERN, ' &#38; '));
              order.set(id, index);
            } else {
              text.set(id, entry.trim().replace(AND_PATTERN, ' & '));
            }
          });
        }
      } finally {
        e.opt.development_extensions['wrap_url_and_doi'] = false;
        e.setOutputFormat('text');
      }
    };
    try {
      run();
    } catch (first) {
      if (first instanceof CitationFormatError) throw first;
      // Set aside the references citeproc-js fails on and try once more.
      reset();
      html.clear();
      text.clear();
      order.clear();
      try {
        isolate();
        reset();
        run();
      } catch (error) {
        reset();
        throw error instanceof CitationFormatError ? error : new CitationFormatError(key, 'format-failed', `the reference list could not be made: ${errorMessage(error)}`);
      }
    }
    formatted = true;
  };

  return {
    bibliographyEntry(key) {
      check(key);
      if (!listed(key)) throw new CitationFormatError(key, 'format-failed', 'it is a personal communication, which APA 7 (8.9) cites in the text only, never in a reference list');
      formatBibliography(key);
      const entry = html.get(key);
      if (entry === undefined) {
        check(key); // set aside while the list was made
        throw new CitationFormatError(key, 'format-failed', 'citeproc-js left it out of the reference list');
      }
      return entry;
    },

    bibliography(list) {
      const unique = [...new Set(list)].filter((key) => {
        check(key);
        return listed(key);
      });
      if (unique.length === 0) return [];
      formatBibliography(unique[0]!);
      for (const key of unique) {
        if (!html.has(key) || !text.has(key)) {
          check(key);
          throw new CitationFormatError(key, 'format-failed', 'citeproc-js left it out of the reference list');
        }
      }
      return unique
        .sort((a, b) => order.get(a)! - order.get(b)!)
        .map((key) => ({ key, html: html.get(key)!, text: text.get(key)! }));
    },
  };
}
