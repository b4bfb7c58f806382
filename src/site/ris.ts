/**
 * RIS, the tagged format reference managers import (Zotero, EndNote, Mendeley), from CSL-JSON.
 *
 * Written here rather than with @citation-js/plugin-ris: its latest release (0.8.2) is built for
 * @citation-js/core 0.8, and where Groundwork is installed as a dependency npm gives it a core of
 * its own, so it never registers with the core Groundwork uses (0.9). The format is a short list
 * of two-letter tags.
 */
import type { CslItem } from '../core/references/csl.ts';

const TYPES: Record<string, string> = {
  'article-journal': 'JOUR',
  'article-magazine': 'MGZN',
  'article-newspaper': 'NEWS',
  book: 'BOOK',
  chapter: 'CHAP',
  'paper-conference': 'CPAPER',
  report: 'RPRT',
  thesis: 'THES',
  webpage: 'ELEC',
  'post-weblog': 'BLOG',
  legislation: 'STAT',
  dataset: 'DATA',
  standard: 'STAND',
  'entry-encyclopedia': 'ENCYC',
  'entry-dictionary': 'DICT',
};

const plain = (v: unknown): string => String(v ?? '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();

function names(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((n: Record<string, unknown>) => (typeof n['literal'] === 'string' ? n['literal'] : [n['family'], n['given']].filter(Boolean).join(', '))).filter(Boolean) as string[];
}

function date(value: unknown): { year?: string; full?: string } {
  const parts = (value as { 'date-parts'?: number[][] } | undefined)?.['date-parts']?.[0];
  if (!parts || parts.length === 0) return {};
  const [y, m, d] = parts;
  return { year: String(y), full: [y, m ? String(m).padStart(2, '0') : '', d ? String(d).padStart(2, '0') : ''].join('/') };
}

/** One item as RIS (CRLF line ends, as the format wants). */
export function risOf(csl: CslItem): string {
  const lines: string[] = [`TY  - ${TYPES[String(csl['type'])] ?? 'GEN'}`];
  const add = (tag: string, value: unknown) => {
    const v = plain(value);
    if (v) lines.push(`${tag}  - ${v}`);
  };
  for (const a of names(csl['author'])) add('AU', a);
  for (const e of names(csl['editor'])) add('ED', e);
  add('TI', csl['title']);
  add('T2', csl['container-title']);
  const issued = date(csl['issued']);
  add('PY', issued.year);
  add('DA', issued.full);
  add('VL', csl['volume']);
  add('IS', csl['issue']);
  const pages = plain(csl['page']).split(/[-–]/);
  add('SP', pages[0]);
  add('EP', pages[1]);
  add('ET', csl['edition']);
  add('PB', csl['publisher']);
  add('CY', csl['publisher-place']);
  add('DO', csl['DOI']);
  add('UR', csl['URL']);
  add('SN', csl['ISBN'] ?? csl['ISSN']);
  add('AB', csl['abstract']);
  lines.push('ER  - ');
  return `${lines.join('\r\n')}\r\n`;
}
