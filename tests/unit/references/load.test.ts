import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadReferences } from '../../../src/core/references/load.ts';
import { risOf } from '../../../src/site/ris.ts';
import { coins } from '../../../src/site/meta.ts';
import type { Problem } from '../../../src/core/problems.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => ({ path, text: readFileSync(`${root}${path}`, 'utf8') });

/** `file:line:column rule message | hint` for exact comparison. */
const show = (problems: Problem[]) =>
  problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule} ${p.message}${p.hint ? ` | ${p.hint}` : ''}`);

const ALLOWED =
  'code-of-ethics, practice-standard, systematic-review, controlled-trial, observational-study, qualitative-study, narrative-review, textbook, organisational-policy, other';

describe('the project references', () => {
  it('load with zero problems', () => {
    const files = readdirSync(`${root}references`)
      .filter((f) => f.endsWith('.bib') || f.endsWith('.json'))
      .sort()
      .map((f) => read(`references/${f}`));
    const { references, problems } = loadReferences(files);
    expect(show(problems)).toEqual([]);
    expect(references.size).toBeGreaterThan(20);
    const toseland = references.get('toseland2017')!;
    expect(toseland.evidence).toBe('textbook');
    expect([toseland.file, toseland.line, toseland.column]).toEqual(['references/group-work.bib', 5, 1]);
  });
});

describe('messy fixtures', () => {
  const { references, problems } = loadReferences([read('tests/fixtures/references/messy.bib'), read('tests/fixtures/references/zotero.json')]);

  it('load with zero problems', () => {
    expect(show(problems)).toEqual([]);
    expect([...references.keys()]).toEqual([
      'himelhoch2007efficacy',
      'whitaker2001',
      'garvin2017',
      'gitterman2005formation',
      'phac2022',
      'who2023depression',
      'muller-nd',
      'kelly2020',
      'shulman2016',
      'iaswg-nd',
    ]);
  });

  it('read evidence types from keywords (`,` or `;`), an evidence field, mendeley-tags and CSL-JSON', () => {
    expect(Object.fromEntries([...references].map(([k, r]) => [k, r.evidence]))).toEqual({
      'himelhoch2007efficacy': 'systematic-review',
      whitaker2001: 'textbook',
      garvin2017: 'textbook',
      'gitterman2005formation': 'textbook',
      phac2022: 'observational-study',
      who2023depression: 'other',
      'muller-nd': 'other',
      kelly2020: 'systematic-review',
      shulman2016: 'textbook',
      'iaswg-nd': 'other',
    });
  });

  it('give each reference its position (the @ of a BibTeX entry, the "id" of a CSL-JSON item)', () => {
    const at = (key: string) => {
      const r = references.get(key)!;
      return `${r.file}:${r.line}:${r.column}`;
    };
    expect(at('himelhoch2007efficacy')).toBe('tests/fixtures/references/messy.bib:9:1');
    expect(at('muller-nd')).toBe('tests/fixtures/references/messy.bib:85:1');
    expect(at('kelly2020')).toBe('tests/fixtures/references/zotero.json:3:5');
    expect(at('iaswg-nd')).toBe('tests/fixtures/references/zotero.json:30:5');
  });

  it('store clean CSL-JSON: id = key, no _graph, group authors as literals, braces as nocase, names tidied', () => {
    const h = references.get('himelhoch2007efficacy')!.csl;
    expect(h['id']).toBe('himelhoch2007efficacy');
    expect('_graph' in h).toBe(false);
    expect(h['title']).toBe(
      'Efficacy of Group Psychotherapy to Reduce Depressive Symptoms among <span class="nocase">HIV</span>-Infected Individuals: <span class="nocase">A</span> Systematic Review and Meta-Analysis',
    );
    expect(h['author']).toEqual([
      { given: 'Seth', family: 'Himelhoch' },
      { given: 'Deborah R.', family: 'Medoff' },
      { given: 'Gbenga', family: 'Oyeniyi' },
    ]);
    expect(h['abstract']).toBe('Depression affects 20–37% of people with HIV; about 50% of trials used groups. Costs: $5 & up.');
    expect(h['page']).toBe('732-739');
    expect(references.get('phac2022')!.csl['author']).toEqual([{ literal: 'Public Health Agency of Canada' }]);
    expect(references.get('whitaker2001')!.csl['author']).toEqual([{ given: 'Dorothy Stock', family: 'Whitaker' }]);
    expect(references.get('whitaker2001')!.csl['publisher']).toBe('Brunner and Routledge');
    expect(references.get('whitaker2001')!.csl['edition']).toBe('2');
    expect(references.get('garvin2017')!.csl['editor']).toEqual([
      { given: 'Charles D.', family: 'Garvin' },
      { given: 'Lorraine M.', family: 'Gutiérrez' },
      { given: 'Maeda J.', family: 'Galinsky' },
    ]);
    expect(references.get('garvin2017')!.csl['publisher']).toBe('Guilford Press');
    expect(references.get('muller-nd')!.csl['issued']).toEqual({ literal: 'n.d.' });
    expect(references.get('kelly2020')!.csl['DOI']).toBe('10.1002/14651858.CD012880.pub2');
    expect('evidence' in references.get('shulman2016')!.csl).toBe(false);
  });
});

describe('problems', () => {
  const entry = (key: string, extra = '', evidence = 'keywords = {evidence:textbook}') =>
    `@book{${key},\n  title = {Groups},\n  author = {Doe, Jane},\n  year = {2000},${extra}\n  ${evidence}\n}\n`;

  it('reference/malformed-bibtex: an unclosed brace, at the entry, and the rest still loads', () => {
    const text = '@book{a2000,\n  title = {Groups {and Things},\n  author = {Doe, Jane},\n  year = {2000}\n}\n\n' + entry('b2001');
    const { references, problems } = loadReferences([{ path: 'references/bad.bib', text }]);
    expect(show(problems)).toEqual([
      'references/bad.bib:1:1 error reference/malformed-bibtex the entry `a2000` never closes: the value of `title` (line 2) has a `{` without its `}`, so it runs on over the fields after it | add the missing `}` in the value of `title` on line 2',
    ]);
    expect([...references.keys()]).toEqual(['b2001']);
  });

  it('reference/malformed-bibtex: LaTeX citation-js cannot read costs only what it cannot read', () => {
    const text = entry('ok2000') + '@book{bad2000, title = {\\begin{itemize} x \\end{enumerate}}, author = {A, B}, year = {2000}, evidence = {other}}\n';
    const { references, problems } = loadReferences([{ path: 'references/latex.bib', text }]);
    expect(show(problems)).toEqual([
      'references/latex.bib:7:16 warning reference/malformed-bibtex the LaTeX in `title` of the entry `bad2000` could not be read (environment started with "itemize", ended with "enumerate"); it is read without `\\end{enumerate}`, `\\begin{itemize}` | check the field for unbalanced braces or `\\begin`/`\\end`, a stray `$`, or a command missing its argument (`{\\d}` for `\\d{d}`)',
    ]);
    expect([...references.keys()]).toEqual(['ok2000', 'bad2000']);
    expect(references.get('bad2000')!.csl['title']).toBe('x');
    expect(references.get('bad2000')!.csl['author']).toEqual([{ family: 'A', given: 'B' }]);
  });

  it('reference/malformed-bibtex: a field read under another name (Mendeley\'s `city`) is reported as written, where it is written', () => {
    const text = entry('ok2000') + '@book{city2001,\n  title = {Groups},\n  author = {Doe, Jane},\n  year = {2001},\n  city = {Ox\\begin{x}ford},\n  evidence = {other}\n}\n';
    const { references, problems } = loadReferences([{ path: 'references/mendeley.bib', text }]);
    expect(show(problems).map((p) => p.split(' | ')[0])).toEqual([
      'references/mendeley.bib:11:3 warning reference/malformed-bibtex the LaTeX in `city` of the entry `city2001` could not be read (expected "text", got EOF); it is read without `\\begin{x}`',
    ]);
    expect(references.get('city2001')!.csl['publisher-place']).toBe('Oxford');
  });

  it('names are stored in their CSL shape: a null or a string among the authors is dropped at load, so every reader of a reference can rely on it', () => {
    const text = JSON.stringify([{ id: 'doe2020', type: 'book', title: 'Groups', issued: { 'date-parts': [[2020]] }, author: [null, 'Doe', { family: 'Doe', given: 'Jane', 'parse-names': false }, { family: 'World Health Organization' }], editor: [null], evidence: 'textbook' }]);
    const { references } = loadReferences([{ path: 'references/hand.json', text }]);
    const csl = references.get('doe2020')!.csl;
    expect(csl['author']).toEqual([{ family: 'Doe', given: 'Jane' }, { literal: 'World Health Organization' }]);
    expect('editor' in csl).toBe(false);
    // The exports read the names directly (they crashed on the null).
    expect(risOf(csl)).toContain('AU  - Doe, Jane\r\nAU  - World Health Organization\r\n');
    expect(coins(csl)).toContain('&rft.au=Doe%2C%20Jane&rft.aucorp=World%20Health%20Organization');
  });

  it('reference/malformed-csl-json: at the line:column of the JSON error', () => {
    const text = '[\n  { "id": "a", "type": "book", "title": "T" }\n  { "id": "b" }\n]\n';
    const { problems } = loadReferences([{ path: 'references/refs.json', text }]);
    expect(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule}`)).toEqual(['references/refs.json:3:3 reference/malformed-csl-json']);
    expect(problems[0]!.message).toMatch(/^invalid JSON: /);
  });

  it('reference/malformed-csl-json: not a list of items, or an item without id', () => {
    expect(show(loadReferences([{ path: 'r.json', text: '"hello"' }]).problems)).toEqual([
      'r.json:1:1 error reference/malformed-csl-json a CSL-JSON file must hold an array of items (or an object with `items`) | export the collection from Zotero as "CSL JSON"',
    ]);
    expect(show(loadReferences([{ path: 'r.json', text: '{"items": [{"type": "book"}]}' }]).problems)).toEqual([
      'r.json:1:1 error reference/malformed-csl-json the 1st item has no `id` (its citation key) | add `"id": "key"` to the item',
    ]);
  });

  it('reference/malformed-csl-json: an unknown CSL type, with a did-you-mean', () => {
    const text = '[\n  {\n    "id": "b",\n    "type": "books", "title": "T", "author": [{"literal": "Org"}], "issued": {"date-parts": [[2001]]}, "evidence": "other"\n  }\n]\n';
    expect(show(loadReferences([{ path: 'references/refs.json', text }]).problems)).toEqual([
      'references/refs.json:3:5 error reference/malformed-csl-json `b` has the unknown CSL type `books` | did you mean `book`?',
    ]);
  });

  it('reference/missing-evidence-type, when evidence types are required: an error at each', () => {
    const text = '\n' + entry('a2000', '', 'keywords = {groups}') + entry('b2000', '', 'note = {none}');
    const { references, problems } = loadReferences([{ path: 'references/a.bib', text }], { evidence: 'required' });
    const hint = `add the Zotero tag \`evidence:<type>\` to the item (Better BibTeX exports it as \`keywords = {evidence:textbook}\`), or a field \`evidence = {textbook}\`; the types are: ${ALLOWED}`;
    expect(show(problems)).toEqual([
      `references/a.bib:2:1 error reference/missing-evidence-type \`a2000\` has no evidence type | ${hint}`,
      `references/a.bib:8:1 error reference/missing-evidence-type \`b2000\` has no evidence type | ${hint}`,
    ]);
    // Still loaded, so that citations of it resolve; no type is guessed.
    expect(references.get('a2000')!.evidence).toBeUndefined();
  });

  it('reference/unclassified: optional by default, one warning per file with the count and the keys', () => {
    const bib = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'].map((k) => entry(`${k}2000`, '', 'note = {}')).join('') + entry('typed', '');
    const json = '[\n  {"id": "one", "type": "book", "title": "T", "author": [{"literal": "Org"}], "issued": {"literal": "n.d."}}\n]\n';
    const { references, problems } = loadReferences([
      { path: 'references/zotero.bib', text: '% export\n' + bib },
      { path: 'references/more.json', text: json },
    ]);
    expect(show(problems)).toEqual([
      'references/more.json:2:4 warning reference/unclassified 1 reference in references/more.json has no evidence type: `one` | they load and can be cited, but count under no evidence type; to classify one, add `"evidence": "textbook"` to the item, or `evidence:textbook` to its `keyword`; the types are: ' + ALLOWED,
      'references/zotero.bib:2:1 warning reference/unclassified 12 references in references/zotero.bib have no evidence type: `a2000`, `b2000`, `c2000`, `d2000`, `e2000`, `f2000`, `g2000`, `h2000`, `i2000`, `j2000` and 2 more | they load and can be cited, but count under no evidence type; to classify one, add the Zotero tag `evidence:<type>` to the item (Better BibTeX exports it as `keywords = {evidence:textbook}`), or a field `evidence = {textbook}`; the types are: ' + ALLOWED,
    ]);
    expect(references.size).toBe(14);
    expect(references.get('a2000')!.evidence).toBeUndefined();
    expect('evidence' in references.get('a2000')!).toBe(true);
    expect(references.get('typed')!.evidence).toBe('textbook');
    // Never guessed from the entry type: a @book without a tag is not a textbook.
    expect(references.get('l2000')!.csl['type']).toBe('book');
    expect(references.get('l2000')!.evidence).toBeUndefined();
  });

  it('reference/invalid-evidence-type, with a did-you-mean, at the field (an error even when types are optional)', () => {
    const text = entry('a2000', '', 'keywords = {groups; evidence:sytematic-review}') + entry('b2000', '', 'evidence = {banana}');
    const { references, problems } = loadReferences([{ path: 'references/a.bib', text }]);
    expect(references.get('a2000')!.evidence).toBeUndefined();
    expect(show(problems)).toEqual([
      `references/a.bib:5:3 error reference/invalid-evidence-type \`a2000\` has the unknown evidence type \`sytematic-review\` | did you mean \`systematic-review\`? The types are: ${ALLOWED}`,
      `references/a.bib:11:3 error reference/invalid-evidence-type \`b2000\` has the unknown evidence type \`banana\` | the types are: ${ALLOWED}`,
    ]);
  });

  it('evidence types are read case-insensitively, with spaces for hyphens', () => {
    const { references, problems } = loadReferences([{ path: 'a.bib', text: entry('a2000', '', 'keywords = {Evidence:Systematic Review}') }]);
    expect(problems).toEqual([]);
    expect(references.get('a2000')!.evidence).toBe('systematic-review');
  });

  it('reference/duplicate-key: in one file and across files, naming the other file:line', () => {
    const { references, problems } = loadReferences([
      { path: 'references/one.bib', text: entry('dup') + '\n' + entry('dup') },
      {
        path: 'references/two.json',
        text: '[\n  {\n    "id": "dup",\n    "type": "book", "title": "T", "author": [{"literal": "Org"}], "issued": {"literal": "n.d."}, "evidence": "other"\n  }\n]\n',
      },
    ]);
    expect(show(problems)).toEqual([
      'references/one.bib:8:1 error reference/duplicate-key the citation key `dup` is already used at references/one.bib:1 | remove the duplicate, or give one of them another key (and update its citations)',
      'references/two.json:3:5 error reference/duplicate-key the citation key `dup` is already used at references/one.bib:1 | remove the duplicate, or give one of them another key (and update its citations)',
    ]);
    expect(references.get('dup')!.file).toBe('references/one.bib');
  });

  it('two keys for one DOI both load (whether that matters depends on what is cited: src/rules/references.ts)', () => {
    const { references, problems } = loadReferences([
      { path: 'references/one.bib', text: entry('first', '\n  doi = {10.1037/ABC.123},') },
      { path: 'references/two.bib', text: entry('second', '\n  doi = {https://doi.org/10.1037/abc.123},') },
    ]);
    expect(show(problems)).toEqual([]);
    expect([...references.keys()]).toEqual(['first', 'second']);
  });

  it('reference/unsafe-url: an address with no scheme is read as https; anything else is left out, with a warning', () => {
    const { references, problems } = loadReferences([
      {
        path: 'references/a.bib',
        text: [entry('www', '\n  url = {www.cambridge.org/core/books/groups},'), entry('typo', '\n  url = {hhtp://example.org/x},'), entry('hostile', "\n  url = {javascript:alert('x')},"), entry('fine', '\n  url = { https://example.org/y },')].join(''),
      },
    ]);
    expect(show(problems)).toEqual([
      'references/a.bib:8:1 warning reference/unsafe-url the `url` of `typo` is not a web address, so the reference is printed without it: `hhtp://example.org/x` | write an address that starts with https:// (or http://), or remove the field',
      "references/a.bib:15:1 warning reference/unsafe-url the `url` of `hostile` is not a web address, so the reference is printed without it: `javascript:alert('x')` | write an address that starts with https:// (or http://), or remove the field",
    ]);
    expect(references.get('www')!.csl['URL']).toBe('https://www.cambridge.org/core/books/groups');
    expect(references.get('typo')!.csl['URL']).toBeUndefined();
    expect(references.get('hostile')!.csl['URL']).toBeUndefined();
    expect(references.get('fine')!.csl['URL']).toBe('https://example.org/y');
  });

  it('reference/missing-field: year and title, naming the field (no author is APA 9.12, not a fault)', () => {
    const { references, problems } = loadReferences([
      { path: 'references/a.bib', text: '@misc{bare,\n  keywords = {evidence:other}\n}\n@book{edited, editor = {Doe, Jane}, title = {T}, year = {n.d.}, evidence = {other}}\n' },
      { path: 'references/b.json', text: '[{"id": "j", "type": "book", "evidence": "other", "author": [{"literal": "Org"}]}]' },
    ]);
    expect(show(problems)).toEqual([
      'references/a.bib:1:1 error reference/missing-field `bare` has no `title`: APA 7 needs the title of the work | add `title = {...}`',
      'references/a.bib:1:1 error reference/missing-field `bare` has no `year`: APA 7 needs the year of publication, or n.d. when the source has no date | add `year = {2020}`, or `year = {n.d.}` when the source is undated',
      'references/b.json:1:3 error reference/missing-field `j` has no `issued` date: APA 7 needs the year of publication, or n.d. when the source has no date | add `"issued": {"date-parts": [[2020]]}`, or `"issued": {"literal": "n.d."}` when the source is undated',
      'references/b.json:1:3 error reference/missing-field `j` has no `title`: APA 7 needs the title of the work | add `"title": "..."`',
    ]);
    // An editor is enough, and so is n.d.
    expect(references.has('edited')).toBe(true);
  });

  it('reference/unsupported-file: a warning for a file it cannot read', () => {
    expect(show(loadReferences([{ path: 'references/refs.ris', text: 'TY  - BOOK' }]).problems)).toEqual([
      'references/refs.ris:1:1 warning reference/unsupported-file `references/refs.ris` is not a reference file Groundwork reads | export references as BibTeX/BibLaTeX (`.bib`) or CSL JSON (`.json`)',
    ]);
  });

  it('crossref and xdata: a missing parent is a warning, a loop an error; the entries still load', () => {
    const text = [
      '@incollection{child, author = {Doe, Jane}, title = {Ch}, crossref = {nobook}, year = {2000}, evidence = {other}}',
      '@book{loopa, author = {Doe, Jane}, title = {A}, crossref = {loopb}, year = {2000}, evidence = {other}}',
      '@book{loopb, author = {Doe, Jane}, title = {B}, crossref = {loopa}, year = {2000}, evidence = {other}}',
      '@book{x, author = {Doe, Jane}, title = {X}, year = {2000}, xdata = {nodata}, evidence = {other}}',
    ].join('\n');
    const { references, problems } = loadReferences([{ path: 'references/x.bib', text }]);
    expect(show(problems)).toEqual([
      'references/x.bib:1:58 warning reference/malformed-bibtex the entry `child` has `crossref = {nobook}`, but no entry in this file has that key | add the parent entry (the book or proceedings) to this file, or correct the key',
      'references/x.bib:2:49 error reference/malformed-bibtex the entry `loopa` inherits from itself: `loopa` → `loopb` → `loopa` | remove the `crossref` that closes the loop',
      'references/x.bib:3:49 error reference/malformed-bibtex the entry `loopb` inherits from itself: `loopb` → `loopa` → `loopb` | remove the `crossref` that closes the loop',
      'references/x.bib:4:60 warning reference/malformed-bibtex the entry `x` takes fields from the `@xdata` entry `nodata`, which is not in this file | add the `@xdata` entry to this file, or correct the key in `xdata`',
    ]);
    expect([...references.keys()]).toEqual(['child', 'loopa', 'loopb', 'x']);
  });

  it('reads bytes as well as text (decoded as decodeReferenceBytes does)', () => {
    const bytes = Buffer.from('\uFEFF' + entry('a2000').replace(/\n/g, '\r\n'), 'utf8');
    const { references, problems } = loadReferences([{ path: 'references/a.bib', bytes }]);
    expect(problems).toEqual([]);
    expect([references.get('a2000')!.line, references.get('a2000')!.column]).toEqual([1, 1]);
  });

  it('never throws on content', () => {
    const junk = ['@', '@book', '@book{', '@book{a,', '@book{a, title = ', '@book{a, title = {', '}}}{{{', '@string{x = }', '@comment{', '@book{a, title = "x', '\u0000@@@{{{'];
    for (const text of junk) {
      expect(() => loadReferences([{ path: 'j.bib', text }])).not.toThrow();
    }
    for (const text of ['', '[', '[1, null, "x"]', '{"items": 3}', 'null']) {
      expect(() => loadReferences([{ path: 'j.json', text }])).not.toThrow();
    }
    for (const bytes of [[], [0xff], [0xfe, 0xff, 0xd8], [0xc3, 0x28, 0x40, 0x7b]]) {
      expect(() => loadReferences([{ path: 'j.bib', bytes: Uint8Array.from(bytes) }])).not.toThrow();
    }
    const latex = ['{\\d}', '$', '\\begin{x}', '\\"', '$$$', '\\end{y} $ {\\v}', '\\unknown x'];
    for (const bad of latex) {
      const { references } = loadReferences([{ path: 'j.bib', text: `@book{k, author = {A${bad}B, C}, title = {T${bad}}, year = {2000}}` }]);
      expect(references.has('k')).toBe(true);
    }
  });
});
