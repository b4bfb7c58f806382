/**
 * APA 7 in-text citations and reference list entries, formatted by citeproc-js (through
 * citation-js's CSL plugin and its APA 7th edition style) from the loaded references after
 * the APA fix-ups of `apa.ts`.
 *
 * The citeproc engine is loaded with ALL references of the knowledge base, so the year suffixes
 * (2005a, 2005b) and other disambiguation are those of the full reference list, in the text and
 * in the list alike. The whole reference list is formatted once, when first asked for
 * (`bibliography.ts`). Building an engine for the style costs a second or more, so it is built
 * once per process and shared (`engine.ts`).
 *
 * Citations (`cluster`) are composed in `cluster.ts` from citeproc's rendering of each source, so
 * that each source can be linked on its own and APA's rules that citeproc does not know are
 * applied:
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
 * Every citeproc rendering is cached, and so is every citation (see `cluster.ts`).
 *
 * Nothing fails quietly: an unknown key, a reference citeproc-js cannot format, or output that
 * is not what the composition expects throws a `CitationFormatError` (`format-error.ts`) naming
 * the key, for the caller to report where the citation or reference list is. No placeholder
 * text is ever output.
 *
 * This file has the formatter's API and `createFormatter`, which applies the fix-ups, finds the
 * group-author abbreviations and puts the parts together.
 */
import { apaFixups, groupAuthor } from './apa.ts';
import { bibliographyFormatter } from './bibliography.ts';
import { clusterComposer } from './cluster.ts';
import { IN_TEXT_ONLY_TYPES, sanitiseCsl, type CslItem } from './csl.ts';
import { formatterEngine } from './engine.ts';
import { errorMessage } from './format-error.ts';
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
  /**
   * Whether the source has an entry in a reference list: not a personal communication, which
   * APA 7 (8.9) cites in the text only ("(J. Smith, personal communication, March 4, 2020)").
   */
  listed(key: string): boolean;
  /** HTML of one APA reference. Throws `CitationFormatError` for an unknown, unlisted or failing key. */
  bibliographyEntry(key: string): string;
  /**
   * The references of `keys` in APA order, without duplicates, leaving out the sources that are
   * not `listed`. Throws like `bibliographyEntry` for an unknown or failing key.
   */
  bibliography(keys: string[]): BibliographyItem[];
}

export interface FormatterOptions {
  /** Compose located citations from learnt locator forms (default true; false for tests). */
  locatorFastPath?: boolean;
}

/** Normalised name, to tell whether two group names are the same group. */
function sameName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().toLowerCase();
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
      failed.set(key, errorMessage(error));
    }
  }

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

  const engine = formatterEngine(items, failed);
  const cluster = clusterComposer(engine, abbreviations, fastPath);
  const listed = (key: string) => !(IN_TEXT_ONLY_TYPES as readonly unknown[]).includes(items.get(key)?.['type']);
  const { bibliographyEntry, bibliography } = bibliographyFormatter(engine, listed);

  const self: Formatter = {
    cluster,

    cite(list, mode) {
      return self.cluster(list, mode).text;
    },

    abbreviation(key) {
      return abbreviations.get(key);
    },

    listed,

    bibliographyEntry,
    bibliography,
  };
  return self;
}
