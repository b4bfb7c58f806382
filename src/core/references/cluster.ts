/**
 * Citations (`cluster`), composed from citeproc's rendering of each source, so that each source
 * can be linked on its own and APA's rules that citeproc does not know are applied (same-author
 * works merged, group-author abbreviations, "and" or "&"; see the module comment of `format.ts`).
 *
 * Every citeproc rendering is cached, and so is every citation, by (mode, items, forms). A
 * citation with a locator is composed from the source's citation without it and the locator as
 * citeproc writes it for that label (learnt once per label), which saves a citeproc call for
 * every distinct page number.
 */
import { AND_PATTERN, type FormatterEngine } from './engine.ts';
import type { AuthorForm, CiteItem, ClusterPiece, FormattedCluster, Formatter } from './format.ts';
import { CitationFormatError, errorMessage } from './format-error.ts';

const EMPTY: FormattedCluster = Object.freeze({ open: '', close: '', pieces: Object.freeze([]) as unknown as ClusterPiece[], text: '' });

/** The body of one source: `before` (prefix), `text`, `after` (suffix). */
interface Part {
  before: string;
  text: string;
  after: string;
}

/**
 * The `cluster` of a formatter, formatted with `engine`. `abbreviations` are the group-author
 * abbreviations by key; `fastPath` composes located citations from learnt locator forms.
 */
export function clusterComposer(engine: FormatterEngine, abbreviations: Map<string, string>, fastPath: boolean): Formatter['cluster'] {
  const { use, check, reset, keys } = engine;

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
      reset(); // reload the engine before the next citation, in case it is left half-way
      throw new CitationFormatError(key, 'format-failed', `citeproc-js fails on it: ${errorMessage(error)}`);
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
      const sorted = use(key).registry?.getSortedIds?.() ?? keys();
      ranks = new Map(sorted.map((id, index) => [id, index]));
    }
    return ranks.get(key) ?? Number.MAX_SAFE_INTEGER;
  };

  /**
   * The name of a source APA cites by something other than an author (a law by its title):
   * APA's style has no author-only form for it (citeproc writes `[NO_PRINTED_FORM]`) and does
   * not suppress its name, so the name is what its citation puts before the date:
   * "(Care Act 2014, 2014)" → "Care Act 2014". Undefined for a source with an author.
   */
  const titled = new Map<string, string | undefined>();
  const nameOfTitled = (key: string): string | undefined => {
    if (titled.has(key)) return titled.get(key);
    let name: string | undefined;
    const only = render([{ id: key, 'author-only': true }], ' & ');
    if (only.trim() === '' || only.includes('NO_PRINTED_FORM')) {
      const whole = inner(render([{ id: key }], ' & '), key);
      const m = /^(.+?), ([^,]*(?:\d{4}|n\.d\.)[^,]*)$/.exec(whole);
      if (!m) throw new CitationFormatError(key, 'format-failed', `citeproc-js prints neither an author nor a title for it (its citation is \`(${whole})\`); an author needs a family name, or a literal name for an organisation`);
      name = m[1]!;
    }
    titled.set(key, name);
    return name;
  };

  /** The author(s) as citeproc names them in the text: "Toseland & Rivas", "Corey et al.", or a law's title. */
  const author = (key: string, and: string): string => nameOfTitled(key) ?? render([{ id: key, 'author-only': true }], and);

  /** A citation body with the author suppressed; citeproc keeps the name of a titled source, which is taken off here. */
  const withoutName = (body: string, key: string, suppressed: boolean): string => {
    if (!suppressed) return body;
    const name = nameOfTitled(key);
    return name !== undefined && body.startsWith(`${name}, `) ? body.slice(name.length + 2) : body;
  };

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
    const key = keys()[0];
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
    const base = withoutName(inner(render([toCiteproc({ key: item.key }, suppressed)], ' & '), item.key), item.key, suppressed);
    if (!item.locator) return base;
    if (fastPath) {
      const plural = /[–—,&-]/.test(item.locator);
      const form = locatorForm(item.label ?? 'page', plural);
      if (form !== null) return `${base}${form.replace(plural ? SAMPLE_RANGE : SAMPLE, item.locator)}`;
    }
    return withoutName(inner(render([toCiteproc({ key: item.key, locator: item.locator, label: item.label }, suppressed)], ' & '), item.key), item.key, suppressed);
  };

  /** A source split into prefix, body and suffix as citeproc places them. */
  const part = (item: CiteItem, suppressed: boolean): Part => {
    const body = located(item, suppressed);
    if (!item.prefix && !item.suffix) return { before: '', text: body, after: '' };
    const whole = withoutName(inner(render([toCiteproc(item, suppressed)], ' & '), item.key), item.key, suppressed);
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
    // Sources in reference-list order, so that same-author works come out 2005a, 2005b. A source
    // with a prefix of its own ("see also") starts a group that stays after the sources before it
    // (APA 8.12: "(Suliman, 2018; see also Gutiérrez, 2012)").
    const groups: { item: CiteItem; form: AuthorForm }[][] = [];
    list.forEach((item, index) => {
      if (index === 0 || item.prefix?.trim()) groups.push([]);
      groups.at(-1)!.push({ item, form: forms[index]! });
    });
    const byRank = (a: { item: CiteItem }, b: { item: CiteItem }) => rank(a.item.key) - rank(b.item.key);
    // The source that carries the prefix leads its group ("see also Smith, 2018; Jones, 2012").
    const ordered = groups.flatMap((group) => (group[0]!.item.prefix?.trim() ? [group[0]!, ...group.slice(1).sort(byRank)] : group.sort(byRank)));
    const pieces: ClusterPiece[] = [];
    const introduced = new Set<string>();
    let previous: { key: string; name: string; suppressed: boolean; suffix: boolean } | undefined;
    for (const { item, form } of ordered) {
      const suppressed = item.suppressAuthor === true;
      const name = author(item.key, ' & ');
      if (previous && !item.prefix && !previous.suffix && previous.suppressed === suppressed && previous.name === name) {
        // Same author(s) as the source before: "(CASW, 2005a, 2005b)". The same source again,
        // at another place, gives only that place: "(NASW, 2021, Section 1.02, Section 1.07)".
        const p = part(item, true);
        const date = previous.key === item.key && item.locator ? located({ key: item.key }, true) : undefined;
        const text = date !== undefined && p.text.startsWith(`${date}, `) ? p.text.slice(date.length + 2) : p.text;
        pieces.push({ key: item.key, before: ', ', text, after: p.after });
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
      previous = { key: item.key, name, suppressed, suffix: !!item.suffix };
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

  return (list, mode, form = full) => {
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
  };
}
