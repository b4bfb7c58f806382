/**
 * APA 7 in-text citations and reference list entries, formatted by citeproc-js (through
 * citation-js's CSL plugin and its APA 7th edition style) from the loaded references after
 * the APA fix-ups of `apa.ts`.
 *
 * The citeproc engine is loaded with ALL references of the knowledge base, so the year suffixes
 * (2005a, 2005b) and other disambiguation are those of the full reference list, in the text and
 * in the list alike. The whole reference list is formatted once, when first asked for; each
 * citation is cached by (mode, items). Building an engine for the style costs a second or more,
 * so it is built once per process and shared (see `acquireEngine`).
 *
 * APA narrative citations join two authors with "and" (Toseland and Rivas (2017)) where
 * parenthetical ones and the reference list use "&". CSL's `and="symbol"` is a hard-coded "&",
 * so the style is given `and="text"` with the "and" term set to a placeholder word, which is
 * replaced by "&" or "and" as the place requires. (A "&" inside an organisation's name is
 * left alone.)
 */
import { escape } from 'html-escaper';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { apaFixups, CSL_TYPES, type CslItem } from './apa.ts';
import type { Reference } from './load.ts';

export interface CiteItem {
  key: string;
  locator?: string;
  /** CSL locator label: page, chapter, section, paragraph, ... */
  label?: string;
  prefix?: string;
  suffix?: string;
  suppressAuthor?: boolean;
}

export type CiteMode = 'parenthetical' | 'narrative';

export interface BibliographyItem {
  key: string;
  /** One APA reference as HTML (italics as `<i>`, DOIs and URLs as `<a href>` links). */
  html: string;
  text: string;
}

export interface Formatter {
  /** Plain text (no HTML): "(Toseland & Rivas, 2017, p. 12)", "Toseland and Rivas (2017)". */
  cite(items: CiteItem[], mode: CiteMode): string;
  /** HTML of one APA reference; a marked fallback for an unknown key. */
  bibliographyEntry(key: string): string;
  /** The references of `keys`, in APA order (unknown keys last, as marked fallbacks). */
  bibliography(keys: string[]): BibliographyItem[];
}

/** What an unknown key renders as; the validator reports the key itself. */
export function missingReference(key: string): string {
  return `??${key}??`;
}

/** The word the style prints between the last two names (see the module comment). */
const AND = 'gwandplaceholdergw';
const AND_PATTERN = new RegExp(` ?${AND} ?`, 'gi');

interface CiteprocEngine {
  updateItems(ids: string[]): void;
  setOutputFormat(format: string): void;
  makeBibliography(): [{ entry_ids: string[][] }, string[]] | false;
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

const NAME_VARIABLES = new Set([
  'author', 'chair', 'collection-editor', 'compiler', 'composer', 'container-author', 'contributor',
  'curator', 'director', 'editor', 'editor-translator', 'editorial-director', 'executive-producer',
  'guest', 'host', 'illustrator', 'interviewer', 'narrator', 'organizer', 'original-author',
  'performer', 'producer', 'recipient', 'reviewed-author', 'script-writer', 'series-creator',
  'translator',
]);

const DATE_VARIABLES = new Set(['accessed', 'available-date', 'event-date', 'issued', 'original-date', 'submitted']);

const NAME_PARTS = ['family', 'given', 'literal', 'suffix', 'dropping-particle', 'non-dropping-particle'];

/**
 * Keep only what citeproc-js can take: an unknown type becomes `document`, names and dates
 * must have their CSL shapes, every other variable is a string or a number. (A `null` among
 * the authors of one hand-written CSL-JSON item is enough to make citeproc-js throw for all.)
 */
export function sanitiseCsl(input: CslItem): CslItem {
  const out: CslItem = {};
  for (const [name, value] of Object.entries(input)) {
    if (NAME_VARIABLES.has(name)) {
      if (!Array.isArray(value)) continue;
      const names = value
        .filter((n): n is Record<string, unknown> => !!n && typeof n === 'object' && !Array.isArray(n))
        .map((n) => {
          const clean: Record<string, unknown> = {};
          for (const part of NAME_PARTS) {
            const v = n[part];
            if (typeof v === 'string' || typeof v === 'number') clean[part] = String(v);
          }
          return clean;
        })
        .filter((n) => typeof n['family'] === 'string' || typeof n['literal'] === 'string' || typeof n['given'] === 'string');
      if (names.length > 0) out[name] = names;
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

function unwrapEntry(html: string): string {
  return html
    .trim()
    .replace(/^<div class="csl-entry">/, '')
    .replace(/<\/div>$/, '')
    .trim();
}

export function createFormatter(references: Map<string, Reference>): Formatter {
  const items = new Map<string, CslItem>();
  for (const [key, reference] of references) {
    try {
      items.set(key, { ...sanitiseCsl(apaFixups(reference.csl)), id: key });
    } catch {
      items.set(key, { id: key, type: 'document', title: key });
    }
  }
  let keys = [...items.keys()].sort();

  let data = keys.map((key) => items.get(key)!);
  const token = {};
  let engine: CiteprocEngine | undefined;
  let broken = false;
  /** Last resort when citeproc-js fails on the whole list: leave out the items it fails on. */
  const isolate = (): void => {
    const failing = new Set<string>();
    for (const item of data) {
      const id = String(item['id']);
      try {
        const e = acquireEngine(token, [item], [id]);
        e.setOutputFormat('html');
        e.makeBibliography();
        e.setOutputFormat('text');
        e.makeCitationCluster([{ id }]);
        e.makeCitationCluster([{ id, 'author-only': true }]);
      } catch {
        failing.add(id);
      }
    }
    for (const id of failing) items.delete(id);
    keys = keys.filter((key) => !failing.has(key));
    data = keys.map((key) => items.get(key)!);
  };
  /** The shared engine, loaded with this formatter's references. */
  const use = (): CiteprocEngine => {
    if (broken) throw new Error('the citation engine could not be built');
    if (!engine || owner !== token) {
      try {
        engine = acquireEngine(token, data, keys);
      } catch {
        try {
          isolate();
          engine = acquireEngine(token, data, keys);
        } catch (error) {
          broken = true;
          throw error;
        }
      }
    }
    return engine;
  };

  const html = new Map<string, string>();
  const text = new Map<string, string>();
  const order = new Map<string, number>();
  let formatted = false;
  /** Format the whole reference list once, on first use (a `check` run may never need it). */
  const formatBibliography = (): void => {
    if (formatted) return;
    formatted = true;
    try {
      const e = use();
      for (const format of ['html', 'text'] as const) {
        e.setOutputFormat(format);
        e.opt.development_extensions['wrap_url_and_doi'] = format === 'html';
        const result = e.makeBibliography();
        if (!result) continue;
        const [meta, entries] = result;
        entries.forEach((entry, index) => {
          const id = meta.entry_ids[index]?.[0];
          if (id === undefined) return;
          if (format === 'html') {
            // DOIs and URLs lead off the site: no opener, no referrer (as links in entries).
            html.set(id, unwrapEntry(entry).replace(AND_PATTERN, ' &#38; ').replace(/<a href="(https?:\/\/[^"]*)">/g, '<a href="$1" rel="noopener noreferrer">'));
            order.set(id, index);
          } else {
            text.set(id, entry.trim().replace(AND_PATTERN, ' & '));
          }
        });
      }
      e.opt.development_extensions['wrap_url_and_doi'] = false;
    } catch {
      // No bibliography: entries fall back to marked keys; citations try again (and fall back).
    }
  };

  const cache = new Map<string, string>();

  const toCiteproc = (item: CiteItem): Record<string, unknown> => {
    const out: Record<string, unknown> = { id: item.key };
    if (item.locator) {
      out['locator'] = item.locator;
      out['label'] = item.label ?? 'page';
    }
    if (item.prefix) out['prefix'] = item.prefix;
    if (item.suffix) out['suffix'] = item.suffix;
    if (item.suppressAuthor) out['suppress-author'] = true;
    return out;
  };

  const cluster = (list: Record<string, unknown>[], and: string): string => {
    const e = use();
    e.setOutputFormat('text');
    return e.makeCitationCluster(list).replace(AND_PATTERN, and);
  };

  /** Position of each key in the full reference list (APA order), from citeproc's registry. */
  let ranks: Map<string, number> | undefined;
  const rank = (key: string): number => {
    if (!ranks) {
      const sorted = use().registry?.getSortedIds?.() ?? keys;
      ranks = new Map(sorted.map((id, index) => [id, index]));
    }
    return ranks.get(key) ?? Number.MAX_SAFE_INTEGER;
  };

  const parenthetical = (list: CiteItem[]): string => {
    // Sources in reference-list order, so that ties in the citation's sort (same author and
    // year) come out as 2005a, 2005b.
    const known = list.filter((i) => items.has(i.key)).sort((a, b) => rank(a.key) - rank(b.key));
    const unknown = list.filter((i) => !items.has(i.key)).map((i) => missingReference(i.key));
    if (known.length === 0) return `(${unknown.join('; ')})`;
    const out = cluster(known.map((i) => toCiteproc(i)), ' & ');
    if (unknown.length === 0) return out;
    return out.endsWith(')') ? `${out.slice(0, -1)}; ${unknown.join('; ')})` : `${out} (${unknown.join('; ')})`;
  };

  const narrativeOne = (item: CiteItem): string => {
    if (!items.has(item.key)) return missingReference(item.key);
    if (item.suppressAuthor) return cluster([toCiteproc({ ...item, prefix: undefined })], ' & ');
    const author = cluster([{ id: item.key, 'author-only': true }], ' and ');
    const date = cluster([toCiteproc({ ...item, prefix: undefined, suppressAuthor: true })], ' & ');
    return [item.prefix?.trim(), author, date].filter((part) => part).join(' ');
  };

  const fallback = (list: CiteItem[], mode: CiteMode): string => {
    const marks = list.map((i) => missingReference(i.key)).join('; ');
    return mode === 'parenthetical' ? `(${marks})` : marks;
  };

  /**
   * The locator part of a citation (", p. 12", ", Section II.A.5") as citeproc writes it for
   * a label, learnt once per label (singular and plural) from a sample citation. Composing
   * base citation + locator gives citeproc's own output without a citeproc call for every
   * distinct locator, which is most of the cost of a large knowledge base.
   */
  const locatorForms = new Map<string, string | null>();
  const SAMPLE = '987';
  const SAMPLE_RANGE = '987–989';
  const locatorForm = (label: string, plural: boolean): string | null => {
    const id = `${label}\u0000${plural}`;
    if (locatorForms.has(id)) return locatorForms.get(id)!;
    let form: string | null = null;
    try {
      const key = keys[0];
      if (key) {
        const sample = plural ? SAMPLE_RANGE : SAMPLE;
        const bare = cluster([{ id: key }], ' & ');
        const withLoc = cluster([{ id: key, locator: sample, label }], ' & ');
        if (bare.endsWith(')') && withLoc.startsWith(bare.slice(0, -1)) && withLoc.endsWith(')')) {
          const part = withLoc.slice(bare.length - 1, -1);
          if (part.split(sample).length === 2) form = part;
        }
      }
    } catch {
      form = null;
    }
    locatorForms.set(id, form);
    return form;
  };

  const composed = (item: CiteItem, mode: CiteMode, self: Formatter): string | undefined => {
    if (!item.locator || item.suffix || !items.has(item.key)) return undefined;
    const plural = /[–—,&-]/.test(item.locator);
    const form = locatorForm(item.label ?? 'page', plural);
    if (form === null) return undefined;
    const base = self.cite([{ ...item, locator: undefined, label: undefined }], mode);
    if (!base.endsWith(')')) return undefined;
    return `${base.slice(0, -1)}${form.replace(plural ? SAMPLE_RANGE : SAMPLE, item.locator)})`;
  };

  const self: Formatter = {
    cite(list, mode) {
      const cacheKey = `${mode}\u0000${JSON.stringify(
        list.map((i) => [i.key, i.locator ?? '', i.label ?? '', i.prefix ?? '', i.suffix ?? '', i.suppressAuthor === true]),
      )}`;
      const cached = cache.get(cacheKey);
      if (cached !== undefined) return cached;
      let out: string;
      try {
        const fast = list.length === 1 ? composed(list[0]!, mode, self) : undefined;
        if (fast !== undefined) out = fast;
        else if (list.length === 0) out = '';
        else if (mode === 'narrative') out = list.map(narrativeOne).join('; ');
        else out = parenthetical(list);
      } catch {
        out = fallback(list, mode);
        engine = undefined; // reload the engine before the next citation, in case it is left half-way
      }
      cache.set(cacheKey, out);
      return out;
    },

    bibliographyEntry(key) {
      formatBibliography();
      return html.get(key) ?? `<span class="reference-missing">${escape(missingReference(key))}</span>`;
    },

    bibliography(list) {
      formatBibliography();
      const unique = [...new Set(list)];
      const known = unique.filter((k) => html.has(k)).sort((a, b) => order.get(a)! - order.get(b)!);
      const unknown = unique.filter((k) => !html.has(k) && !items.has(k));
      return [
        ...known.map((key) => ({ key, html: html.get(key)!, text: text.get(key) ?? '' })),
        ...unknown.map((key) => ({
          key,
          html: `<span class="reference-missing">${escape(missingReference(key))}</span>`,
          text: missingReference(key),
        })),
      ];
    },
  };
  return self;
}
