/**
 * The files reference managers write: fixtures written for these tests in the shapes of Zotero
 * + Better BibLaTeX, JabRef, Mendeley Desktop and Mendeley Reference Manager exports, a
 * hand-kept BibTeX file, a Windows-1252 file with CRLF endings, a JabRef file that declares
 * ISO-8859-1, and a CSL-JSON file with a byte-order mark. Each is read from its bytes, as a
 * knowledge base would read it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadReferences, type Reference } from '../../../src/core/references/load.ts';
import type { Problem } from '../../../src/core/problems.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = 'tests/fixtures/references/exports';
const files = readdirSync(`${root}${dir}`)
  .sort()
  .map((f) => ({ path: `${dir}/${f}`, bytes: readFileSync(`${root}${dir}/${f}`) }));
const { references, problems } = loadReferences(files);

const show = (list: Problem[]) => list.map((p) => `${p.file.replace(`${dir}/`, '')}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}`);
const ref = (key: string): Reference => {
  const r = references.get(key);
  if (!r) throw new Error(`no reference ${key}`);
  return r;
};
const csl = (key: string) => ref(key).csl;

describe('reference manager exports', () => {
  it('report each problem at its file:line:col, and nothing else', () => {
    expect(show(problems)).toEqual([
      `better-biblatex.bib:35:1 warning reference/unclassified 2 references in ${dir}/better-biblatex.bib have no evidence type: \`nasw2023groups\`, \`yalom2020\``,
      'hand-edited.bib:25:3 warning reference/malformed-bibtex the field `year` appears twice in the entry `mueller2012`; the first is used',
      'hand-edited.bib:29:1 error reference/malformed-bibtex the entry `broken2015` never closes: the value of `title` (line 31) has a `{` without its `}`, so it runs on over the fields after it',
      'hand-edited.bib:67:1 warning reference/unknown-entry-type `@artcle` (the entry `typo2020`) is not a BibTeX or BibLaTeX entry type; it is read as `@misc`',
      'jabref.bib:18:3 warning reference/malformed-bibtex the LaTeX in `author` of the entry `Gudmundsdottir2005` could not be read (expected "text", got "rbrace"); it is read without `\\d`',
      'jabref.bib:30:3 warning reference/missing-field the entry `Northen1995` ends its `author` list with `and others`; only the names given are printed',
      `mendeley-desktop.bib:23:1 warning reference/unclassified 1 reference in ${dir}/mendeley-desktop.bib has no evidence type: \`smith.2010\``,
      `mendeley-reference-manager.bib:8:1 warning reference/unclassified 2 references in ${dir}/mendeley-reference-manager.bib have no evidence type: \`Baker2018\`, \`Ward2021\``,
      'mendeley-reference-manager.bib:18:10 error reference/malformed-bibtex the `@article` entry at line 18 has no citation key',
      'windows-1252.bib:5:17 warning reference/encoding the file is not UTF-8; it was read as Windows-1252 (Latin-1), so the byte 0xEE here is `î`',
      `zotero-bom-crlf.json:20:5 warning reference/unclassified 1 reference in ${dir}/zotero-bom-crlf.json has no evidence type: \`apa2020\``,
    ]);
  });

  it('load every good entry, keys as written (a malformed entry costs only itself)', () => {
    expect([...references.keys()]).toEqual([
      'lasky2006', 'who2022mental', 'nasw2023groups', 'chen2021mutual', 'yalom2020',
      'bartley2019', 'mueller2012', 'shulman2015', 'shulman2015ch3', 'aaswg2010', 'typo2020',
      'Garcia2011',
      'Gitterman2005', 'Gudmundsdottir2005', 'Northen1995',
      'Kim:2009p4370', 'smith.2010',
      'Ortiz2019', 'Baker2018', 'Ward2021',
      'benoit2008',
      'who2019', 'cdc2020', 'apa2020', 'rivas2019',
    ]);
    expect([ref('bartley2019').line, ref('bartley2019').column]).toEqual([9, 1]);
    expect([ref('Kim:2009p4370').file, ref('Kim:2009p4370').line]).toEqual([`${dir}/mendeley-desktop.bib`, 6]);
  });

  it('Better BibLaTeX: date, journaltitle, location, urldate, eprint, {{…}} protection, shortauthor', () => {
    expect(csl('lasky2006')).toMatchObject({
      type: 'article-journal',
      'container-title': 'International Journal of Group Psychotherapy',
      'container-title-short': 'Int J Group Psychother',
      issued: { 'date-parts': [[2006, 10]] },
      page: '455-476',
      DOI: '10.1521/ijgp.2006.56.4.455',
    });
    expect('file' in csl('lasky2006')).toBe(false);
    expect(csl('who2022mental')).toMatchObject({
      type: 'report',
      author: [{ literal: 'World Health Organization' }],
      title: 'World Mental Health Report: <span class="nocase">Transforming</span> Mental Health for All',
      publisher: 'World Health Organization',
      'publisher-place': 'Geneva',
      accessed: { 'date-parts': [[2024, 5, 2]] },
    });
    expect(ref('who2022mental').abbreviation).toBe('WHO');
    expect(ref('nasw2023groups').abbreviation).toBe('NASW');
    // shortauthor of personal authors is not a group abbreviation.
    expect(ref('chen2021mutual').abbreviation).toBeUndefined();
    expect(csl('chen2021mutual')['author']).toEqual([
      { given: 'Li', family: 'Chen' },
      { given: 'Ngozi', family: 'Okafor' },
      { given: 'Emre', family: 'Öztürk' },
    ]);
    expect(csl('chen2021mutual')['URL']).toBe('https://arxiv.org/abs/2106.01234');
    expect(csl('yalom2020')).toMatchObject({ publisher: 'Basic Books', 'publisher-place': 'New York', edition: '6' });
  });

  it('unclassified references load with no type, never one guessed from the entry type', () => {
    expect(ref('yalom2020').evidence).toBeUndefined();
    expect(ref('smith.2010').evidence).toBeUndefined();
    expect(ref('lasky2006').evidence).toBe('narrative-review');
    expect(ref('Kim:2009p4370').evidence).toBe('systematic-review');
  });

  it('hand-kept BibTeX: @string and month macros, #, LaTeX commands and accents, odd names, crossref, xdata', () => {
    expect(csl('bartley2019')).toMatchObject({
      author: [
        { given: 'M.', family: 'Bartley' },
        { given: 'E', family: 'Hanks' },
      ],
      title:
        'Attendance in <span class="nocase"><i>Open</i></span> Groups: <span class="nocase">A</span> Note on <span class="nocase"><i>Drop-in</i></span> Work & Its Limits',
      'container-title': 'Social Work with Groups',
      issued: { 'date-parts': [[2019, 9]] },
      page: '101-115',
    });
    expect(csl('mueller2012')).toMatchObject({
      author: [
        { given: 'Jörg', family: 'Müller' },
        { given: 'Claire', family: 'Renée' },
        { given: 'Luc', family: 'François' },
      ],
      title: 'Groups in <span class="nocase">Europe</span>: A Comparative View',
      publisher: 'Haworth Press and Routledge',
      issued: { 'date-parts': [[2012]] },
    });
    // BibLaTeX crossref: the chapter takes the collection's title, editor, publisher and date.
    expect(csl('shulman2015ch3')).toMatchObject({
      type: 'chapter',
      'container-title': 'Dynamics and Skills of Group Counseling',
      editor: [{ given: 'Lawrence', family: 'Shulman' }],
      publisher: 'Cengage',
      issued: { 'date-parts': [[2015]] },
      page: '61-98',
    });
    // xdata: the fields of the @xdata entry; the @xdata entry itself is not a reference.
    expect(csl('aaswg2010')).toMatchObject({
      type: 'report',
      publisher: 'Association for the Advancement of Social Work with Groups',
      'publisher-place': 'Alexandria, VA',
      edition: '2',
    });
    expect(references.has('aaswg')).toBe(false);
    expect(ref('aaswg2010').abbreviation).toBe('AASWG');
    expect(csl('typo2020')['type']).toBe('document');
  });

  it('JabRef: crossref to a @Book that repeats its title as booktitle, {\\d}, {\\\'\\i}, and others', () => {
    expect('container-title' in csl('Gitterman2005')).toBe(false);
    expect(csl('Gudmundsdottir2005')).toMatchObject({
      type: 'chapter',
      author: [
        { given: 'Ragnheiur', family: 'Guðmundsdóttir' },
        { given: 'José María', family: 'Peña' },
      ],
      title: 'Mutual Aid with Adolescents in <span class="nocase">R</span>eykjavík',
      'container-title': 'Mutual Aid Groups, Vulnerable and Resilient Populations, and the Life Cycle',
      publisher: 'Columbia University Press',
      issued: { 'date-parts': [[2005]] },
    });
    expect(csl('Northen1995')['author']).toEqual([
      { given: 'Helen', family: 'Northen' },
      { given: 'Roselle', family: 'Kurland' },
    ]);
  });

  it('Mendeley: escaped URLs, {\\%} and {\\&}, file paths, Reference Manager types and fields', () => {
    expect(csl('Kim:2009p4370')).toMatchObject({
      URL: 'http://www.tandfonline.com/doi/abs/10.1080/01609510903000000_x',
      abstract: 'Group work with older adults is reviewed; 40% of studies used mutual aid & support groups.',
      issued: { 'date-parts': [[2009, 10]] },
      issue: '4',
    });
    expect(csl('Ortiz2019')['type']).toBe('webpage');
    expect(csl('Baker2018')).toMatchObject({ type: 'chapter', 'publisher-place': 'London', editor: [{ given: 'Kate', family: 'Morris' }] });
    expect(csl('Ward2021')).toMatchObject({ type: 'article-magazine', issue: '7', volume: '12', 'container-title': 'Community Care' });
  });

  it('encodings: Windows-1252 with CRLF, a declared ISO-8859-1, and a UTF-8 byte-order mark', () => {
    expect(csl('benoit2008')).toMatchObject({
      author: [
        { given: 'Renée', family: 'Benoît' },
        { given: 'Jürgen', family: 'Müller' },
      ],
      publisher: 'Éditions Sociales',
      note: 'Publisher’s reprint',
    });
    expect(csl('Garcia2011')['author']).toEqual([{ given: 'María', family: 'García' }]);
    expect(csl('who2019')['title']).toBe('Mental health in primary care');
  });

  it('CSL-JSON group-author abbreviations: the author’s short, shortauthor, or Zotero Extra in note', () => {
    expect(ref('who2019').abbreviation).toBe('WHO');
    expect(ref('cdc2020').abbreviation).toBe('CDC');
    expect(ref('apa2020').abbreviation).toBe('APA');
    // Not a group: no abbreviation.
    expect(ref('rivas2019').abbreviation).toBeUndefined();
    expect('abbreviation' in ref('rivas2019')).toBe(false);
  });
});
