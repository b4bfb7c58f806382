/**
 * APA 7 in-text citations and reference list entries, formatted by citeproc-js (through
 * citation-js's CSL plugin and its APA 7th edition style) from the loaded references after
 * the APA fix-ups of `apa.ts`.
 *
 * The citeproc engine is loaded with ALL references of the knowledge base, so the year suffixes
 * (2005a, 2005b) and other disambiguation are those of the full reference list, in the text and
 * in the list alike. The whole reference list is formatted once, when first asked for. Building
 * an engine for the style costs a second or more, so it is built once per process and shared
 * (see `acquireEngine`).
 *
 * Citations (`cluster`) are composed here from citeproc's rendering of each source, so that each
 * source can be linked on its own and APA's rules that citeproc does not know are applied:
 *
 * - sources of a parenthetical citation in reference-list order, works by the same author(s)
 *   sharing the name: "(CASW, 2005a, 2005b)", "(Toseland & Rivas, 2005, 2017)" (not when the
 *   later work has a prefix or the earlier one a suffix: they stay apart, "; see ...");
 * - group authors with an abbreviation (APA 7 section 8.21): the full name with the
 *   abbreviation on first citation, "(Association for the Advancement of Social Work with
 *   Groups [AASWG], 2006)" or "Association for the Advancement of Social Work with Groups
 *   (AASWG, 2006)", the abbreviation alone after that, "(AASWG, 2006)", "AASWG (2006)". The
 *   formatter does not know what a page is: the caller says, per source, which form it wants.
 *   Within one citation the abbreviation is introduced once. The reference list keeps the full
 *   name. An abbreviation that two different groups share is not used (APA: spell both out);
 * - narrative citations join two authors with "and" (Toseland and Rivas (2017)) where
 *   parenthetical ones and the reference list use "&". CSL's `and="symbol"` is a hard-coded
 *   "&", so the style is given `and="text"` with the "and" term set to a placeholder word,
 *   which is replaced by "&" or "and" as the place requires. (A "&" inside an organisation's
 *   name is left alone.)
 *
 * Every citeproc rendering is cached, and so is every citation, by (mode, items, forms). A
 * citation with a locator is composed from the source's citation without it and the locator as
 * citeproc writes it for that label (learnt once per label), which saves a citeproc call for
 * every distinct page number.
 *
 * Nothing fails quietly: an unknown key, a reference citeproc-js cannot format, or output that
 * is not what the composition expects throws a `CitationFormatError` naming the key, for the
 * caller to report where the citation or reference list is. No placeholder text is ever output.
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { apaFixups, groupAuthor } from './apa.ts';
import { CSL_TYPES, NAME_VARIABLES, type CslItem } from './csl.ts';
import type { Reference } from './load.ts';

export interface CiteItem {
  key: string;
  locator?: string;
  /** CSL locator label: page, chapter, section, paragraph, ... (default page, with a locator) */
  label?: string;
  /** Text before the source, e.g. "see". */
  prefix?: string;
  /** Text after the source (after its locator), e.g. ", for details". */
  suffix?: string;
  suppressAuthor?: boolean;
}

export type CiteMode = 'parenthetical' | 'narrative';

/**
 * How a group author with an abbreviation is named: `full` (no abbreviation), `first` (the
 * name and the abbreviation), `subsequent` (the abbreviation). Other authors are always `full`.
 */
export type AuthorForm = 'full' | 'first' | 'subsequent';

/** One source of a citation. Its text as written is `before + text + after`. */
export interface ClusterPiece {
  key: string;
  /** Separator and prefix, outside the link: '', '; ', ', ', 'see ', '; see '. */
  before: string;
  /** The text that links to the reference: "Toseland & Rivas, 2017, p. 12", "2005b", "Toseland and Rivas (2017)". */
  text: string;
  /** The suffix of a parenthetical source, outside the link: '', ', for details'. */
  after: string;
}

export interface FormattedCluster {
  /** '(' and ')' for a parenthetical citation, '' for a narrative one. */
  open: string;
  close: string;
  pieces: ClusterPiece[];
  /** The whole citation as plain text: open + each piece's before, text and after + close. */
  text: string;
}

export interface BibliographyItem {
  key: string;
  /** One APA reference as HTML (italics as `<i>`, DOIs and URLs as `<a href>` links). */
  html: string;
  text: string;
}

export type CitationFormatReason = 'unknown-key' | 'format-failed';

/** A source that cannot be cited or listed: no reference has the key, or citeproc-js failed on it. */
export class CitationFormatError extends Error {
  readonly key: string;
  readonly reason: CitationFormatReason;
  /** What went wrong, for `format-failed`. */
  readonly detail: string | undefined;
  constructor(key: string, reason: CitationFormatReason, detail?: string) {
    super(
      reason === 'unknown-key'
        ? `no reference has the key \`${key}\``
        : `the reference \`${key}\` could not be formatted in APA style${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'CitationFormatError';
    this.key = key;
    this.reason = reason;
    this.detail = detail;
  }
}

export interface Formatter {
  /**
   * A citation of `items` as structure: in a parenthetical citation the sources in
   * reference-list order, same-author works merged; in a narrative one each source as
   * "Author (date)", in the order given, separated by "; ". `form(key)` is asked only for
   * sources whose group author has an abbreviation (default: `full`). Empty `items` give an
   * empty citation. Throws `CitationFormatError` for an unknown key or a formatting failure.
   * The result is frozen and cached by (mode, items, forms).
   */
  cluster(items: CiteItem[], mode: CiteMode, form?: (key: string) => AuthorForm): FormattedCluster;
  /** `cluster(items, mode).text` with every author in full: "(Toseland & Rivas, 2017, p. 12)". */
  cite(items: CiteItem[], mode: CiteMode): string;
  /**
   * The abbreviation the group author of `key` is cited by, if any (see the module comment).
   * APA introduces an abbreviation once for all works of the group, so a caller tracking what
   * a page has cited tracks this string, not the key: `first` until it has been used.
   */
  abbreviation(key: string): string | undefined;
  /** HTML of one APA reference. Throws `CitationFormatError` for an unknown or failing key. */
  bibliographyEntry(key: string): string;
  /** The references of `keys` in APA order, without duplicates. Throws like `bibliographyEntry`. */
  bibliography(keys: string[]): BibliographyItem[];
}

export interface FormatterOptions {
  /** Compose located citations from learnt locator forms (default true; false for tests). */
  locatorFastPath?: boolean;
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


const EMPTY: FormattedCluster = Object.freeze({ open: '', close: '', pieces: Object.freeze([]) as unknown as ClusterPiece[], text: '' });

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}

/** Normalised name, to tell whether two group names are the same group. */
function sameName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The body of one source: `before` (prefix), `text`, `after` (suffix). */
interface Part {
  before: string;
  text: string;
  after: string;
}

export function createFormatter(references: Map<string, Reference>, options: FormatterOptions = {}): Formatter {
  const fastPath = options.locatorFastPath !== false;
  const items = new Map<string, CslItem>();
  /** Keys of references citeproc-js (or the fix-ups) could not take, with the reason. */
  const failed = new Map<string, string>();
  /** The abbreviation a reference gives its group author (`Reference.abbreviation`). */
  const givenAbbreviation = (reference: Reference): string | undefined => {
    const abbr = reference.abbreviation;
    return typeof abbr === 'string' && abbr.trim() !== '' ? abbr.trim() : undefined;
  };
  for (const [key, reference] of references) {
    try {
      items.set(key, { ...sanitiseCsl(apaFixups(reference.csl, { abbreviation: givenAbbreviation(reference) })), id: key });
    } catch (error) {
      failed.set(key, message(error));
    }
  }
  let keys = [...items.keys()].sort();

  // Group-author abbreviations; one that two different groups share is not used (APA 8.21).
  const abbreviations = new Map<string, string>();
  {
    const groupsOf = new Map<string, Set<string>>();
    for (const [key, reference] of references) {
      const abbr = givenAbbreviation(reference);
      const item = items.get(key);
      if (abbr === undefined || !item) continue;
      const group = groupAuthor(item);
      if (group === undefined || sameName(group) === sameName(abbr)) continue;
      abbreviations.set(key, abbr);
      const groups = groupsOf.get(abbr) ?? new Set<string>();
      groups.add(sameName(group));
      groupsOf.set(abbr, groups);
    }
    for (const [key, abbr] of abbreviations) if (groupsOf.get(abbr)!.size > 1) abbreviations.delete(key);
  }

  let data = keys.map((key) => items.get(key)!);
  const token = {};
  let engine: CiteprocEngine | undefined;
  let broken: string | undefined;
  /** Last resort when citeproc-js fails on the whole list: set aside the items it fails on. */
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
        failed.set(id, `citeproc-js fails on it: ${message(error)}`);
      }
    }
    for (const id of failed.keys()) items.delete(id);
    keys = keys.filter((key) => !failed.has(key));
    data = keys.map((key) => items.get(key)!);
  };
  /** The shared engine, loaded with this formatter's references. */
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
          broken = `the citation engine could not be built: ${message(error)}`;
          throw new CitationFormatError(key, 'format-failed', broken);
        }
      }
    }
    return engine;
  };

  /** Throw for a key that cannot be formatted. */
  const check = (key: string): void => {
    const reason = failed.get(key);
    if (reason !== undefined) throw new CitationFormatError(key, 'format-failed', reason);
    if (!items.has(key)) throw new CitationFormatError(key, 'unknown-key');
  };

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
          const result = e.makeBibliography();
          if (!result) throw new Error('citeproc-js made no reference list');
          const [meta, entries] = result;
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
      engine = undefined;
      html.clear();
      text.clear();
      order.clear();
      try {
        isolate();
        engine = undefined;
        run();
      } catch (error) {
        engine = undefined;
        throw error instanceof CitationFormatError ? error : new CitationFormatError(key, 'format-failed', `the reference list could not be made: ${message(error)}`);
      }
    }
    formatted = true;
  };

  /** Every citeproc rendering, by (items, connector). */
  const rendered = new Map<string, string>();
  /** citeproc's citation of `list` (plain text), "and" between the last two names as `and`. */
  const render = (list: Record<string, unknown>[], and: string): string => {
    const id = `${and}\u0000${JSON.stringify(list)}`;
    const cached = rendered.get(id);
    if (cached !== undefined) return cached;
    const key = String(list[0]?.['id']);
    const e = use(key);
    for (const entry of list) check(String(entry['id'])); // building the engine may set some aside
    let out: string;
    try {
      e.setOutputFormat('text');
      out = e.makeCitationCluster(list).replace(AND_PATTERN, and);
    } catch (error) {
      engine = undefined; // reload the engine before the next citation, in case it is left half-way
      throw new CitationFormatError(key, 'format-failed', `citeproc-js fails on it: ${message(error)}`);
    }
    rendered.set(id, out);
    return out;
  };
  /** The inside of a parenthetical rendering: "(Toseland & Rivas, 2017)" → "Toseland & Rivas, 2017". */
  const inner = (out: string, key: string): string => {
    if (!out.startsWith('(') || !out.endsWith(')') || out.length < 3) {
      throw new CitationFormatError(key, 'format-failed', `citeproc-js wrote \`${out}\` where a parenthetical citation was expected`);
    }
    return out.slice(1, -1);
  };

  const toCiteproc = (item: CiteItem, suppressed: boolean): Record<string, unknown> => {
    const out: Record<string, unknown> = { id: item.key };
    if (item.locator) {
      out['locator'] = item.locator;
      out['label'] = item.label ?? 'page';
    }
    if (item.prefix) out['prefix'] = item.prefix;
    if (item.suffix) out['suffix'] = item.suffix;
    if (suppressed) out['suppress-author'] = true;
    return out;
  };

  /** Position of each key in the full reference list (APA order), from citeproc's registry. */
  let ranks: Map<string, number> | undefined;
  const rank = (key: string): number => {
    if (!ranks) {
      const sorted = use(key).registry?.getSortedIds?.() ?? keys;
      ranks = new Map(sorted.map((id, index) => [id, index]));
    }
    return ranks.get(key) ?? Number.MAX_SAFE_INTEGER;
  };

  /** The author(s) as citeproc names them in the text: "Toseland & Rivas", "Corey et al.". */
  const author = (key: string, and: string): string => render([{ id: key, 'author-only': true }], and);

  /**
   * The locator part of a citation (", p. 12", ", Section II.A.5") as citeproc writes it for
   * a label, learnt once per label (singular and plural) from a sample citation; null when it
   * cannot be learnt (then citeproc formats each locator).
   */
  const locatorForms = new Map<string, string | null>();
  const SAMPLE = '987';
  const SAMPLE_RANGE = '987–989';
  const locatorForm = (label: string, plural: boolean): string | null => {
    const id = `${label}\u0000${plural}`;
    if (locatorForms.has(id)) return locatorForms.get(id)!;
    let form: string | null = null;
    const key = keys[0];
    if (key) {
      const sample = plural ? SAMPLE_RANGE : SAMPLE;
      try {
        const bare = render([{ id: key }], ' & ');
        const withLoc = render([{ id: key, locator: sample, label }], ' & ');
        if (bare.endsWith(')') && withLoc.startsWith(bare.slice(0, -1)) && withLoc.endsWith(')')) {
          const part = withLoc.slice(bare.length - 1, -1);
          if (part.split(sample).length === 2) form = part;
        }
      } catch {
        form = null; // the slow path reports the failure, for the source cited
      }
    }
    locatorForms.set(id, form);
    return form;
  };

  /**
   * A source without prefix and suffix, inside the parentheses: "Toseland & Rivas, 2017, p. 12",
   * or with the author suppressed "2017, p. 12".
   */
  const located = (item: CiteItem, suppressed: boolean): string => {
    const base = inner(render([toCiteproc({ key: item.key }, suppressed)], ' & '), item.key);
    if (!item.locator) return base;
    if (fastPath) {
      const plural = /[–—,&-]/.test(item.locator);
      const form = locatorForm(item.label ?? 'page', plural);
      if (form !== null) return `${base}${form.replace(plural ? SAMPLE_RANGE : SAMPLE, item.locator)}`;
    }
    return inner(render([toCiteproc({ key: item.key, locator: item.locator, label: item.label }, suppressed)], ' & '), item.key);
  };

  /** A source split into prefix, body and suffix as citeproc places them. */
  const part = (item: CiteItem, suppressed: boolean): Part => {
    const body = located(item, suppressed);
    if (!item.prefix && !item.suffix) return { before: '', text: body, after: '' };
    const whole = inner(render([toCiteproc(item, suppressed)], ' & '), item.key);
    const at = whole.indexOf(body);
    if (at === -1) throw new CitationFormatError(item.key, 'format-failed', `citeproc-js wrote \`${whole}\`, which does not contain \`${body}\``);
    return { before: whole.slice(0, at), text: body, after: whole.slice(at + body.length) };
  };

  /** The form a source's author takes, `introduced` being the abbreviations already given in full. */
  const formOf = (key: string, asked: AuthorForm, introduced: Set<string>): { abbr: string; form: 'first' | 'subsequent' } | undefined => {
    const abbr = abbreviations.get(key);
    if (abbr === undefined || asked === 'full') return undefined;
    const form = asked === 'first' && !introduced.has(abbr) ? 'first' : 'subsequent';
    introduced.add(abbr);
    return { abbr, form };
  };

  const parenthetical = (list: CiteItem[], forms: AuthorForm[]): ClusterPiece[] => {
    // Sources in reference-list order, so that same-author works come out 2005a, 2005b.
    const ordered = list.map((item, index) => ({ item, form: forms[index]! })).sort((a, b) => rank(a.item.key) - rank(b.item.key));
    const pieces: ClusterPiece[] = [];
    const introduced = new Set<string>();
    let previous: { name: string; suppressed: boolean; suffix: boolean } | undefined;
    for (const { item, form } of ordered) {
      const suppressed = item.suppressAuthor === true;
      const name = author(item.key, ' & ');
      if (previous && !item.prefix && !previous.suffix && previous.suppressed === suppressed && previous.name === name) {
        // Same author(s) as the source before: "(CASW, 2005a, 2005b)".
        const p = part(item, true);
        pieces.push({ key: item.key, before: ', ', text: p.text, after: p.after });
      } else {
        const p = part(item, suppressed);
        let body = p.text;
        const abbreviated = suppressed ? undefined : formOf(item.key, form, introduced);
        if (abbreviated) {
          if (!body.startsWith(`${name}, `)) {
            throw new CitationFormatError(item.key, 'format-failed', `citeproc-js wrote \`${body}\`, which does not start with the group name \`${name}\``);
          }
          const rest = body.slice(name.length);
          body = abbreviated.form === 'first' ? `${name} [${abbreviated.abbr}]${rest}` : `${abbreviated.abbr}${rest}`;
        }
        pieces.push({ key: item.key, before: `${pieces.length > 0 ? '; ' : ''}${p.before}`, text: body, after: p.after });
      }
      previous = { name, suppressed, suffix: !!item.suffix };
    }
    return pieces;
  };

  const narrative = (list: CiteItem[], forms: AuthorForm[]): ClusterPiece[] => {
    const introduced = new Set<string>();
    return list.map((item, index) => {
      const separator = index > 0 ? '; ' : '';
      const prefix = item.prefix?.trim() ? `${item.prefix.trim()} ` : '';
      const date = part({ ...item, prefix: undefined }, true);
      const inParentheses = `${date.text}${date.after}`;
      if (item.suppressAuthor) return { key: item.key, before: `${separator}${prefix}`, text: `(${inParentheses})`, after: '' };
      const name = author(item.key, ' and ');
      const abbreviated = formOf(item.key, forms[index]!, introduced);
      const text = !abbreviated
        ? `${name} (${inParentheses})`
        : abbreviated.form === 'first'
          ? `${name} (${abbreviated.abbr}, ${inParentheses})`
          : `${abbreviated.abbr} (${inParentheses})`;
      return { key: item.key, before: `${separator}${prefix}`, text, after: '' };
    });
  };

  const clusters = new Map<string, FormattedCluster>();
  const full = (): AuthorForm => 'full';

  const self: Formatter = {
    cluster(list, mode, form = full) {
      if (list.length === 0) return EMPTY;
      for (const item of list) check(item.key);
      const forms = list.map((item) => (abbreviations.has(item.key) && !item.suppressAuthor ? form(item.key) : 'full'));
      const cacheKey = `${mode}\u0000${JSON.stringify(
        list.map((i, index) => [i.key, i.locator ?? '', i.locator ? (i.label ?? 'page') : '', i.prefix ?? '', i.suffix ?? '', i.suppressAuthor === true, forms[index]]),
      )}`;
      const cached = clusters.get(cacheKey);
      if (cached) return cached;
      const pieces = (mode === 'narrative' ? narrative(list, forms) : parenthetical(list, forms)).map((p) => Object.freeze(p));
      const [open, close] = mode === 'narrative' ? ['', ''] : ['(', ')'];
      const out = Object.freeze({
        open,
        close,
        pieces: Object.freeze(pieces) as ClusterPiece[],
        text: `${open}${pieces.map((p) => `${p.before}${p.text}${p.after}`).join('')}${close}`,
      });
      clusters.set(cacheKey, out);
      return out;
    },

    cite(list, mode) {
      return self.cluster(list, mode).text;
    },

    abbreviation(key) {
      return abbreviations.get(key);
    },

    bibliographyEntry(key) {
      check(key);
      formatBibliography(key);
      const entry = html.get(key);
      if (entry === undefined) {
        check(key); // set aside while the list was made
        throw new CitationFormatError(key, 'format-failed', 'citeproc-js left it out of the reference list');
      }
      return entry;
    },

    bibliography(list) {
      const unique = [...new Set(list)];
      for (const key of unique) check(key);
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
  return self;
}
