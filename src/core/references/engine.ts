/**
 * The citeproc-js engine formatters format with. Building a citeproc engine for the APA style
 * costs a second or more, so all formatters share citation-js's cached engine for the style
 * (`acquireEngine`), registered once with the "and" placeholder that `format.ts` explains.
 * Each formatter holds it through a `FormatterEngine`, which reloads its references when
 * another formatter has used the engine since, and sets aside the references citeproc-js fails
 * on.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import type { CslItem } from './csl.ts';
import { CitationFormatError, errorMessage } from './format-error.ts';

/** The word the style prints between the last two names (see the module comment of `format.ts`). */
const AND = 'gwandplaceholdergw';
export const AND_PATTERN = new RegExp(` ?${AND} ?`, 'gi');

export interface CiteprocEngine {
  updateItems(ids: string[]): void;
  setOutputFormat(format: string): void;
  /** `selector.exclude`: items left out of the list by a CSL field's value (citeproc-js's bibliography selection). */
  makeBibliography(selector?: { exclude: { field: string; value: string }[] }): [{ entry_ids: string[][] }, string[]] | false;
  makeCitationCluster(items: Record<string, unknown>[]): string;
  opt: { development_extensions: Record<string, unknown> };
  registry?: { getSortedIds?(): string[] };
}

interface CslConfig {
  /** citation-js's engine cache: one citeproc engine per style and locale, re-fed `data`. */
  engine(data: unknown[], style: string, lang: string, format: string): CiteprocEngine;
  styles: { get(name: string): string; has(name: string): boolean; add(name: string, xml: string): void };
}

const STYLE = 'groundwork-apa';

function cslConfig(): CslConfig {
  return plugins.config.get('@csl') as CslConfig;
}

/** The APA style with the "and" placeholder, registered with citation-js once. */
function registerStyle(cfg: CslConfig): void {
  if (cfg.styles.has(STYLE)) return;
  const term = `<term name="and">${AND}</term>`;
  let xml = cfg.styles.get('apa').replaceAll('and="symbol"', 'and="text"');
  xml = xml.includes('<locale xml:lang="en"><terms>')
    ? xml.replace('<locale xml:lang="en"><terms>', `<locale xml:lang="en"><terms>${term}`)
    : xml.replace('</info>', `</info><locale xml:lang="en"><terms>${term}</terms></locale>`);
  // The style prints "Retrieved <URL>" for an undated page without an access date; print
  // "Retrieved <date>, from" only when there is an access date (a group with no variables is
  // suppressed).
  xml = xml.replace(
    '<if match="none" variable="issued status"><text term="retrieved" text-case="capitalize-first"/><group delimiter=", "><date form="text" variable="accessed"/><text term="from"/></group></if>',
    '<if match="none" variable="issued status"><group delimiter=" "><text term="retrieved" text-case="capitalize-first"/><group delimiter=", "><date form="text" variable="accessed"/><text term="from"/></group></group></if>',
  );
  cfg.styles.add(STYLE, xml);
}

/**
 * Building a citeproc engine for the APA style takes about a second, so all formatters share
 * citation-js's cached engine for the style. The formatter that last loaded its references
 * into it owns it; another formatter reloads its own before it formats anything new.
 */
let owner: object | undefined;

function acquireEngine(token: object, data: CslItem[], keys: string[]): CiteprocEngine {
  const cfg = cslConfig();
  registerStyle(cfg);
  const engine = cfg.engine(data, STYLE, 'en-US', 'text');
  engine.updateItems(keys);
  owner = token;
  return engine;
}

/** A formatter's hold on the shared engine (see `formatterEngine`). */
export interface FormatterEngine {
  /** The shared engine, loaded with this formatter's references. */
  use(key: string): CiteprocEngine;
  /** Throw for a key that cannot be formatted. */
  check(key: string): void;
  /** Last resort when citeproc-js fails on the whole list: set aside the items it fails on. */
  isolate(): void;
  /** Forget the engine, so that the next `use` reloads it (after a failure that may leave it half-way). */
  reset(): void;
  /** The keys of the references loaded, sorted; `isolate` drops those it sets aside. */
  keys(): string[];
}

/**
 * The engine for the references `items`. `failed` holds the keys of references that cannot be
 * formatted, with the reason; `isolate` adds to it and deletes those items from `items`.
 */
export function formatterEngine(items: Map<string, CslItem>, failed: Map<string, string>): FormatterEngine {
  let keys = [...items.keys()].sort();
  let data = keys.map((key) => items.get(key)!);
  const token = {};
  let engine: CiteprocEngine | undefined;
  let broken: string | undefined;
  const isolate = (): void => {
    for (const item of data) {
      const id = String(item['id']);
      try {
        const e = acquireEngine(token, [item], [id]);
        e.setOutputFormat('html');
        e.makeBibliography();
        e.setOutputFormat('text');
        e.makeCitationCluster([{ id }]);
        e.makeCitationCluster([{ id, 'author-only': true }]);
      } catch (error) {
        failed.set(id, `citeproc-js fails on it: ${errorMessage(error)}`);
      }
    }
    for (const id of failed.keys()) items.delete(id);
    keys = keys.filter((key) => !failed.has(key));
    data = keys.map((key) => items.get(key)!);
  };
  const use = (key: string): CiteprocEngine => {
    if (broken !== undefined) throw new CitationFormatError(key, 'format-failed', broken);
    if (!engine || owner !== token) {
      try {
        engine = acquireEngine(token, data, keys);
      } catch {
        try {
          isolate();
          engine = acquireEngine(token, data, keys);
        } catch (error) {
          broken = `the citation engine could not be built: ${errorMessage(error)}`;
          throw new CitationFormatError(key, 'format-failed', broken);
        }
      }
    }
    return engine;
  };

  const check = (key: string): void => {
    const reason = failed.get(key);
    if (reason !== undefined) throw new CitationFormatError(key, 'format-failed', reason);
    if (!items.has(key)) throw new CitationFormatError(key, 'unknown-key');
  };

  return {
    use,
    check,
    isolate,
    reset: () => {
      engine = undefined;
    },
    keys: () => keys,
  };
}
