import { describe, expect, it } from 'vitest';
import {
  PROTECT_CLOSE,
  PROTECT_OPEN,
  markProtected,
  normaliseFieldValue,
  normaliseNames,
  protectLiteralList,
  unescapeAddress,
} from '../../../src/core/references/bibtex-normalise.ts';
import { scanBibtex } from '../../../src/core/references/bibtex-scan.ts';

const where = (problems: { line: number; column: number; rule: string; message: string; hint?: string }[]) =>
  problems.map((p) => `${p.line}:${p.column} ${p.rule} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`);

describe('scanBibtex: entries and fields', () => {
  const text = [
    '% A comment line with an @book{fake, inside it}',
    '@comment{ @book{commented, title = {No}} }',
    '@preamble{ "\\newcommand{\\noop}[1]{}" }',
    '@String{pub = "Columbia University Press"}',
    '@string(ed = {3})',
    '',
    'Free text between entries is a comment too, even with me@example.org in it.',
    '',
    '@Book{gitterman2005,',
    '  title = "Mutual Aid Groups" # { and the Life Cycle},',
    '  editor = {Gitterman, Alex and Shulman, Lawrence},',
    '  edition = ed,',
    '  publisher = pub,',
    '  year = 2005,',
    '  month = jan,',
    '}',
    '@article ( paren2000 , title = {Parentheses} , year = {2000} )',
  ].join('\n');
  const scan = scanBibtex(text, 'references/a.bib');

  it('finds each entry with its key, type and the position of its @', () => {
    expect(scan.problems).toEqual([]);
    expect(scan.entries.map((e) => [e.key, e.type, e.line, e.column])).toEqual([
      ['gitterman2005', 'book', 9, 1],
      ['paren2000', 'article', 17, 1],
    ]);
  });

  it('records @string macros and gives each field its raw value, expanded value and line', () => {
    expect([...scan.strings]).toEqual([
      ['pub', 'Columbia University Press'],
      ['ed', '3'],
    ]);
    const fields = scan.entries[0]!.fields;
    expect(fields.map((f) => [f.name, f.raw, f.value, f.line, f.column])).toEqual([
      ['title', '"Mutual Aid Groups" # { and the Life Cycle}', 'Mutual Aid Groups and the Life Cycle', 10, 3],
      ['editor', '{Gitterman, Alex and Shulman, Lawrence}', 'Gitterman, Alex and Shulman, Lawrence', 11, 3],
      ['edition', 'ed', '3', 12, 3],
      ['publisher', 'pub', 'Columbia University Press', 13, 3],
      ['year', '2005', '2005', 14, 3],
      ['month', 'jan', 'jan', 15, 3],
    ]);
  });

  it('keeps keys with punctuation whole', () => {
    const keys = scanBibtex('@article{Kim:2009p4370, title = {A}}\n@book{smith.2010, title = {B}}\n@misc{doe-2020_a+b/c, title = {C}}', 'x.bib');
    expect(keys.problems).toEqual([]);
    expect(keys.entries.map((e) => e.key)).toEqual(['Kim:2009p4370', 'smith.2010', 'doe-2020_a+b/c']);
  });
});

describe('scanBibtex: normalising what exports get wrong', () => {
  it('tidies name lists: double spaces, AND/And, trailing commas, dangling and, spaced initials', () => {
    expect(normaliseNames('Bartley, M . AND Hanks, E')).toBe('Bartley, M. and Hanks, E');
    expect(normaliseNames('Himelhoch,  Seth AND Medoff, Deborah R. and Oyeniyi,   Gbenga,')).toBe(
      'Himelhoch, Seth and Medoff, Deborah R. and Oyeniyi, Gbenga',
    );
    expect(normaliseNames('Whitaker, Dorothy Stock and')).toBe('Whitaker, Dorothy Stock');
    expect(normaliseNames('and Corey, Gerald And Corey, Cindy and and')).toBe('Corey, Gerald and Corey, Cindy');
    expect(normaliseNames('Toseland, Ronald W., and\n    Rivas, Robert F.')).toBe('Toseland, Ronald W. and Rivas, Robert F.');
    // `and` inside braces is part of a name.
    expect(normaliseNames('{Johnson AND Johnson} and Doe, Jane')).toBe('{Johnson AND Johnson} and Doe, Jane');
  });

  it('keeps a publisher, institution, organization or school with "and" whole', () => {
    expect(protectLiteralList('Brunner and Routledge')).toBe('{Brunner and Routledge}');
    expect(protectLiteralList('{Thames and Hudson}')).toBe('{Thames and Hudson}');
    expect(protectLiteralList('Pearson')).toBe('Pearson');
    expect(normaliseFieldValue('institution', 'Centre for Work and Health')).toBe('{Centre for Work and Health}');
    expect(normaliseFieldValue('school', 'Arts AND Sciences')).toBe('{Arts AND Sciences}');
    expect(normaliseFieldValue('organization', 'Chron')).toBe('Chron');
  });

  it('turns an ordinal edition into its number', () => {
    const editions = ['second', '2nd', 'Second edition', '{Second} Edition', 'twentieth', '3rd ed.', '8', 'Revised'];
    const out = editions.map((e) => normaliseFieldValue('edition', e));
    expect(out).toEqual(['2', '2', '2', '2', '20', '3', '8', 'Revised']);
  });

  it('undoes TeX escapes in addresses (Mendeley writes `{\\_}` into URLs)', () => {
    expect(unescapeAddress('http://link.example.org/10.1007/978-3-540-89689-0{\\_}23')).toBe('http://link.example.org/10.1007/978-3-540-89689-0_23');
    expect(unescapeAddress(' https://example.org/a\\_b\\%20c$\\sim$d{\\&}e ')).toBe('https://example.org/a_b%20c~d&e');
    expect(normaliseFieldValue('doi', '10.1000/a{\\_}b')).toBe('10.1000/a_b');
  });

  it('marks the case-protected groups of titles, not accents', () => {
    expect(markProtected('Depression among {HIV}-Infected Adults in {Canada}: {{A}} Review of M{\\"u}ller')).toBe(
      `Depression among {${PROTECT_OPEN}HIV${PROTECT_CLOSE}}-Infected Adults in {${PROTECT_OPEN}Canada${PROTECT_CLOSE}}: {${PROTECT_OPEN}{A}${PROTECT_CLOSE}} Review of M{\\"u}ller`,
    );
    // A formatting command at the top level protects its argument (as in BibTeX); accents,
    // \begin/\end and \url do not.
    expect(markProtected('Growth of \\emph{Escherichia coli} in Fran\\c{c}ois M\\"{u}ller\'s \\begin{em}Lab\\end{em}')).toBe(
      `Growth of ${PROTECT_OPEN}\\emph{Escherichia coli}${PROTECT_CLOSE} in Fran\\c{c}ois M\\"{u}ller's \\begin{em}Lab\\end{em}`,
    );
  });
});

describe('scanBibtex: malformed input', () => {
  it('an unclosed brace in a value: at the entry, naming the field, and recovers at the next entry', () => {
    const text = [
      '@book{a2000,',
      '  title = {Groups {and Things},',
      '  author = {Doe, Jane},',
      '  year = {2000}',
      '}',
      '',
      '@book{b2001, title = {Fine}, year = {2001}}',
    ].join('\n');
    const scan = scanBibtex(text, 'references/bad.bib');
    expect(where(scan.problems)).toEqual([
      '1:1 reference/malformed-bibtex the entry `a2000` never closes: the value of `title` (line 2) has a `{` without its `}`, so it runs on over the fields after it | add the missing `}` in the value of `title` on line 2',
    ]);
    expect(scan.entries.map((e) => e.key)).toEqual(['b2001']);
  });

  it('an entry without its closing brace', () => {
    const text = ['@book{a2000,', '  title = {Groups},', '  year = {2000},', '', '@book{b2001, title = {Fine}, year = {2001}}'].join('\n');
    const scan = scanBibtex(text, 'references/bad.bib');
    expect(where(scan.problems)).toEqual([
      '1:1 reference/malformed-bibtex the entry `a2000` never closes | add the missing `}` after the last field (`year`, line 3)',
    ]);
    expect(scan.entries.map((e) => e.key)).toEqual(['b2001']);
  });

  it('a value still open at the end of the file', () => {
    const scan = scanBibtex('@book{a2000,\n  title = {Groups},\n  author = {Doe, Jane', 'references/bad.bib');
    expect(where(scan.problems)).toEqual([
      '1:1 reference/malformed-bibtex the entry `a2000` never closes: in the field `author` (line 3), the `{` at line 3:12 has no matching `}` | add the missing `}`',
    ]);
    expect(scan.entries).toEqual([]);
  });

  it('a missing key, where the key belongs', () => {
    const scan = scanBibtex('@book{\n  title = {Groups},\n  year = {2000}\n}\n\n@article{, title = {X}}\n', 'references/bad.bib');
    expect(where(scan.problems)).toEqual([
      '1:7 reference/malformed-bibtex the `@book` entry at line 1 has no citation key | add a key after `@book{`, e.g. `@book{toseland2017,`',
      '6:10 reference/malformed-bibtex the `@article` entry at line 6 has no citation key | add a key after `@article{`, e.g. `@article{toseland2017,`',
    ]);
    expect(scan.entries).toEqual([]);
  });

  it('a missing comma between fields: at the field that follows; the entry is still read', () => {
    const scan = scanBibtex('@book{a2000,\n  title = {Groups}\n  year = {2000}\n}', 'references/bad.bib');
    expect(where(scan.problems)).toEqual([
      '3:3 reference/malformed-bibtex missing comma before the field `year` in the entry `a2000` | add a `,` after the value of `title` (line 2)',
    ]);
    expect(scan.entries[0]!.fields.map((f) => f.name)).toEqual(['title', 'year']);
  });

  it('an undefined macro is a warning; a field without a value is an error', () => {
    const scan = scanBibtex('@book{a2000,\n  publisher = pearson,\n  year = ,\n  month = feb\n}', 'references/bad.bib');
    expect(scan.problems.map((p) => `${p.line}:${p.column} ${p.severity} ${p.message}`)).toEqual([
      '2:15 warning the macro `pearson` is not defined',
      '3:10 error the field `year` in the entry `a2000` has no value',
    ]);
  });
});
