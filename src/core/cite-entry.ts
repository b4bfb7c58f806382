/**
 * "Cite this entry": the APA 7 reference of an entry of the knowledge base itself, and the
 * same as BibTeX and RIS. An entry is a page on a website whose content changes, so APA
 * wants the date it was last reviewed (or n.d.) and a retrieval date.
 */
export interface EntryCitation {
  author: string;
  title: string;
  siteTitle: string;
  url: string;
  /** YYYY-MM-DD of the last review, if any. */
  date?: string | undefined;
  /** YYYY-MM-DD the reader retrieved it (the build date). */
  retrieved: string;
  /** APA's letter for works by the same author with the same date in one list (2026a, 2026b). */
  suffix?: string | undefined;
  id: string;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function parts(iso: string): [number, number, number] {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

export function apaDate(iso: string | undefined, suffix = ''): string {
  if (!iso) return suffix ? `n.d.-${suffix}` : 'n.d.';
  const [y, m, d] = parts(iso);
  return `${y}${suffix}, ${MONTHS[m - 1]} ${d}`;
}

/**
 * Give works by the same author with the same date their APA letters (a, b, …), in title
 * order, as a reference list needs them.
 */
export function withSuffixes(citations: EntryCitation[]): EntryCitation[] {
  const groups = new Map<string, EntryCitation[]>();
  for (const c of citations) {
    const k = `${c.author}\u0000${c.date ?? ''}`;
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  return citations.map((c) => {
    const group = groups.get(`${c.author}\u0000${c.date ?? ''}`)!;
    if (group.length < 2) return c;
    const i = [...group].sort((a, b) => a.title.localeCompare(b.title)).indexOf(c);
    return { ...c, suffix: String.fromCharCode(97 + i) };
  });
}

function longDate(iso: string): string {
  const [y, m, d] = parts(iso);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** APA 7 reference as HTML (the site title in italics); the text is escaped by the caller's escape(). */
export function entryApa(c: EntryCitation, escape: (s: string) => string): { html: string; text: string } {
  const author = c.author.replace(/\.$/, '');
  const text = `${author}. (${apaDate(c.date, c.suffix)}). ${c.title}. In ${c.siteTitle}. Retrieved ${longDate(c.retrieved)}, from ${c.url}`;
  const html = `${escape(author)}. (${escape(apaDate(c.date, c.suffix))}). ${escape(c.title)}. In <i>${escape(c.siteTitle)}</i>. Retrieved ${escape(longDate(c.retrieved))}, from <a href="${escape(c.url)}">${escape(c.url)}</a>`;
  return { html, text };
}

function bibEscape(s: string): string {
  return s.replace(/[{}\\]/g, (ch) => `\\${ch}`).replace(/[&%$#_]/g, (ch) => `\\${ch}`);
}

export function entryBibtex(c: EntryCitation): string {
  const key = c.id.replace(/[^a-z0-9]+/gi, '-');
  const lines = [
    `@online{${key},`,
    `  author = {{${bibEscape(c.author)}}},`,
    `  title = {${bibEscape(c.title)}},`,
    `  organization = {${bibEscape(c.siteTitle)}},`,
    c.date ? `  date = {${c.date}},` : '',
    `  url = {${c.url}},`,
    `  urldate = {${c.retrieved}},`,
    `}`,
  ].filter(Boolean);
  return `${lines.join('\n')}\n`;
}

export function entryRis(c: EntryCitation): string {
  const lines = ['TY  - ELEC', `AU  - ${c.author}`, `TI  - ${c.title}`, `T2  - ${c.siteTitle}`];
  if (c.date) lines.push(`DA  - ${c.date.replace(/-/g, '/')}`, `PY  - ${c.date.slice(0, 4)}`);
  lines.push(`UR  - ${c.url}`, `Y2  - ${c.retrieved.replace(/-/g, '/')}`, 'ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}
