import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFormatter, type Formatter } from '../../../src/core/references/format.ts';
import { CitationFormatError } from '../../../src/core/references/format-error.ts';
import { loadReferences, type Reference } from '../../../src/core/references/load.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => ({ path, text: readFileSync(`${root}${path}`, 'utf8') });

let fixtures: Map<string, Reference>;
let project: Map<string, Reference>;
let f: Formatter;
let p: Formatter;

beforeAll(() => {
  const messy = loadReferences([read('tests/fixtures/references/messy.bib'), read('tests/fixtures/references/zotero.json')]);
  expect(messy.problems).toEqual([]);
  fixtures = messy.references;
  const files = readdirSync(`${root}references`)
    .filter((name) => name.endsWith('.bib'))
    .sort()
    .map((name) => read(`references/${name}`));
  const real = loadReferences(files);
  expect(real.problems).toEqual([]);
  project = real.references;
  f = createFormatter(fixtures);
  p = createFormatter(project);
});

describe('APA 7 reference list entries (HTML and text) from messy exports', () => {
  const expected: Record<string, [string, string]> = {
    // Journal article with a DOI; braced {HIV} and {{A}}, `--` pages, names with `AND`, double spaces, a trailing comma.
    'himelhoch2007efficacy': [
      'Himelhoch, S., Medoff, D. R., &#38; Oyeniyi, G. (2007). Efficacy of group psychotherapy to reduce depressive symptoms among HIV-infected individuals: A systematic review and meta-analysis. <i>AIDS Patient Care and STDs</i>, <i>21</i>(10), 732–739. <a href="https://doi.org/10.1089/apc.2006.0211">https://doi.org/10.1089/apc.2006.0211</a>',
      'Himelhoch, S., Medoff, D. R., & Oyeniyi, G. (2007). Efficacy of group psychotherapy to reduce depressive symptoms among HIV-infected individuals: A systematic review and meta-analysis. AIDS Patient Care and STDs, 21(10), 732–739. https://doi.org/10.1089/apc.2006.0211',
    ],
    // Book with `edition = {second}` and a publisher containing "and" (kept whole).
    whitaker2001: [
      'Whitaker, D. S. (2001). <i>Using groups to help people</i> (2nd ed.). Brunner and Routledge.',
      'Whitaker, D. S. (2001). Using groups to help people (2nd ed.). Brunner and Routledge.',
    ],
    // Edited book: `{\'e}` accent, `And`, `Second edition`, publisher from an @string macro.
    garvin2017: [
      'Garvin, C. D., Gutiérrez, L. M., &#38; Galinsky, M. J. (Eds.). (2017). <i>Handbook of social work with groups</i> (2nd ed.). Guilford Press.',
      'Garvin, C. D., Gutiérrez, L. M., & Galinsky, M. J. (Eds.). (2017). Handbook of social work with groups (2nd ed.). Guilford Press.',
    ],
    // Chapter in an edited book: both titles in sentence case, `3rd` edition, `--` pages.
    'gitterman2005formation': [
      'Gitterman, A. (2005). Group formation—Tasks, methods, and skills. In A. Gitterman &#38; L. Shulman (Eds.), <i>Mutual aid groups, vulnerable and resilient populations, and the life cycle</i> (3rd ed., pp. 73–110). Columbia University Press.',
      'Gitterman, A. (2005). Group formation—Tasks, methods, and skills. In A. Gitterman & L. Shulman (Eds.), Mutual aid groups, vulnerable and resilient populations, and the life cycle (3rd ed., pp. 73–110). Columbia University Press.',
    ],
    // Report by an organisation that is also the publisher (omitted), braced {HIV} and {Canada}.
    phac2022: [
      'Public Health Agency of Canada. (2022). <i>Summary: Estimates of HIV incidence, prevalence and Canada’s progress on meeting the 90-90-90 HIV targets, 2020</i>. <a href="https://www.canada.ca/en/public-health/services/publications/diseases-conditions/summary-estimates-hiv-incidence-prevalence-canadas-progress-90-90-90.html">https://www.canada.ca/en/public-health/services/publications/diseases-conditions/summary-estimates-hiv-incidence-prevalence-canadas-progress-90-90-90.html</a>',
      'Public Health Agency of Canada. (2022). Summary: Estimates of HIV incidence, prevalence and Canada’s progress on meeting the 90-90-90 HIV targets, 2020. https://www.canada.ca/en/public-health/services/publications/diseases-conditions/summary-estimates-hiv-incidence-prevalence-canadas-progress-90-90-90.html',
    ],
    // Dated web page with a URL.
    who2023depression: [
      'World Health Organization. (2023, March 31). <i>Depressive disorder (depression)</i>. <a href="https://www.who.int/news-room/fact-sheets/detail/depression">https://www.who.int/news-room/fact-sheets/detail/depression</a>',
      'World Health Organization. (2023, March 31). Depressive disorder (depression). https://www.who.int/news-room/fact-sheets/detail/depression',
    ],
    // Undated page (n.d.) with an access date: APA's "Retrieved ..., from".
    'muller-nd': [
      'Müller, J., &#38; O’Brien, S. (n.d.). <i>Mutual aid in practice: What iPhone groups and McDonald’s teach us</i>. Retrieved May 2, 2024, from <a href="https://example.org/mutual-aid">https://example.org/mutual-aid</a>',
      'Müller, J., & O’Brien, S. (n.d.). Mutual aid in practice: What iPhone groups and McDonald’s teach us. Retrieved May 2, 2024, from https://example.org/mutual-aid',
    ],
    // CSL-JSON: nocase span, DOI stored as a URL, article number.
    kelly2020: [
      'Kelly, J. F., Humphreys, K., &#38; Ferri, M. (2020). Alcoholics Anonymous and other 12-step programs for alcohol use disorder. <i>Cochrane Database of Systematic Reviews</i>, <i>2020</i>(3), Article CD012880. <a href="https://doi.org/10.1002/14651858.CD012880.pub2">https://doi.org/10.1002/14651858.CD012880.pub2</a>',
      'Kelly, J. F., Humphreys, K., & Ferri, M. (2020). Alcoholics Anonymous and other 12-step programs for alcohol use disorder. Cochrane Database of Systematic Reviews, 2020(3), Article CD012880. https://doi.org/10.1002/14651858.CD012880.pub2',
    ],
    // CSL-JSON: `"edition": "8th"`.
    shulman2016: [
      'Shulman, L. (2016). <i>The skills of helping individuals, families, groups, and communities</i> (8th ed.). Cengage Learning.',
      'Shulman, L. (2016). The skills of helping individuals, families, groups, and communities (8th ed.). Cengage Learning.',
    ],
    // CSL-JSON: undated web page without an access date: just the URL.
    'iaswg-nd': [
      'International Association for Social Work with Groups. (n.d.). <i>Why groups matter</i>. IASWG. <a href="https://example.org/why-groups">https://example.org/why-groups</a>',
      'International Association for Social Work with Groups. (n.d.). Why groups matter. IASWG. https://example.org/why-groups',
    ],
  };

  it.each(Object.entries(expected))('%s', (key, [html, text]) => {
    expect(f.bibliographyEntry(key)).toBe(html);
    expect(f.bibliography([key])).toEqual([{ key, html, text }]);
  });

  it('bibliography(keys) is in APA order, without duplicates; an unknown key throws', () => {
    const list = f.bibliography(['who2023depression', 'kelly2020', 'garvin2017', 'kelly2020', 'muller-nd']);
    expect(list.map((b) => b.key)).toEqual(['garvin2017', 'kelly2020', 'muller-nd', 'who2023depression']);
    expect(() => f.bibliography(['kelly2020', 'nope'])).toThrow(new CitationFormatError('nope', 'unknown-key'));
    expect(f.bibliography([...fixtures.keys()]).map((b) => b.key)).toEqual([
      'garvin2017',
      'gitterman2005formation',
      'himelhoch2007efficacy',
      'iaswg-nd',
      'kelly2020',
      'muller-nd',
      'phac2022',
      'shulman2016',
      'whitaker2001',
      'who2023depression',
    ]);
  });

  it('an unknown key throws', () => {
    expect(() => f.bibliographyEntry('nope')).toThrow(CitationFormatError);
    expect(() => f.bibliographyEntry('nope')).toThrow('no reference has the key `nope`');
  });
});

describe('in-text citations', () => {
  it('parenthetical', () => {
    expect(p.cite([{ key: 'toseland2017' }], 'parenthetical')).toBe('(Toseland & Rivas, 2017)');
    expect(p.cite([{ key: 'toseland2017', locator: '12', label: 'page' }], 'parenthetical')).toBe('(Toseland & Rivas, 2017, p. 12)');
    expect(p.cite([{ key: 'toseland2017', locator: '3–4', label: 'page' }], 'parenthetical')).toBe('(Toseland & Rivas, 2017, pp. 3–4)');
    expect(p.cite([{ key: 'nasw2021', locator: '1.07(f)', label: 'section' }], 'parenthetical')).toBe(
      '(National Association of Social Workers, 2021, Section 1.07(f))',
    );
    expect(p.cite([{ key: 'aaswg2006', locator: '3', label: 'paragraph' }], 'parenthetical')).toBe(
      '(Association for the Advancement of Social Work with Groups, 2006, para. 3)',
    );
    expect(p.cite([{ key: 'toseland2017', prefix: 'see', locator: '2', label: 'chapter' }], 'parenthetical')).toBe(
      '(see Toseland & Rivas, 2017, Chapter 2)',
    );
    expect(p.cite([{ key: 'reamer2018', suffix: ', for a review' }], 'parenthetical')).toBe('(Reamer, 2018, for a review)');
    expect(p.cite([{ key: 'examzify-breach' }], 'parenthetical')).toBe('(Examzify, n.d.)');
  });

  it('parenthetical with several sources, in APA order', () => {
    expect(p.cite([{ key: 'corey2018' }, { key: 'yalom2020' }], 'parenthetical')).toBe('(Corey et al., 2018; Yalom & Leszcz, 2020)');
    expect(p.cite([{ key: 'yalom2020' }, { key: 'corey2018' }], 'parenthetical')).toBe('(Corey et al., 2018; Yalom & Leszcz, 2020)');
  });

  it('suppressed author', () => {
    expect(p.cite([{ key: 'toseland2017', suppressAuthor: true }], 'parenthetical')).toBe('(2017)');
    expect(p.cite([{ key: 'toseland2017', suppressAuthor: true, locator: '12', label: 'page' }], 'parenthetical')).toBe('(2017, p. 12)');
    expect(p.cite([{ key: 'toseland2017', suppressAuthor: true }], 'narrative')).toBe('(2017)');
  });

  it('narrative: "and" between two authors, et al., group authors, locators', () => {
    expect(p.cite([{ key: 'toseland2017' }], 'narrative')).toBe('Toseland and Rivas (2017)');
    expect(p.cite([{ key: 'toseland2017', locator: '12', label: 'page' }], 'narrative')).toBe('Toseland and Rivas (2017, p. 12)');
    expect(p.cite([{ key: 'yalom2020' }], 'narrative')).toBe('Yalom and Leszcz (2020)');
    expect(p.cite([{ key: 'corey2018' }], 'narrative')).toBe('Corey et al. (2018)');
    expect(p.cite([{ key: 'nasw2021' }], 'narrative')).toBe('National Association of Social Workers (2021)');
    expect(p.cite([{ key: 'gitterman2005' }], 'narrative')).toBe('Gitterman and Shulman (2005)');
    expect(p.cite([{ key: 'examzify-breach' }], 'narrative')).toBe('Examzify (n.d.)');
    expect(f.cite([{ key: 'muller-nd' }], 'narrative')).toBe('Müller and O’Brien (n.d.)');
  });

  it('year suffixes match the full reference list, whatever is cited', () => {
    expect(p.cite([{ key: 'casw2005' }], 'parenthetical')).toBe('(Canadian Association of Social Workers, 2005a)');
    expect(p.cite([{ key: 'casw2005guidelines' }], 'narrative')).toBe('Canadian Association of Social Workers (2005b)');
    expect(p.cite([{ key: 'casw2005guidelines' }, { key: 'casw2005' }], 'parenthetical')).toBe(
      '(Canadian Association of Social Workers, 2005a, 2005b)',
    );
    expect(p.bibliography(['casw2005guidelines', 'casw2005']).map((b) => b.text)).toEqual([
      'Canadian Association of Social Workers. (2005a). Code of ethics.',
      'Canadian Association of Social Workers. (2005b). Guidelines for ethical practice.',
    ]);
  });

  it('works with no author: a law is named by its title (APA 7 11.5, 9.12), never "[NO_PRINTED_FORM]"', () => {
    const refs = loadReferences([
      {
        path: 'references/laws.json',
        text: JSON.stringify([
          { id: 'act2014', type: 'legislation', title: 'Care Act 2014', issued: { 'date-parts': [[2014]] } },
          { id: 'ada', type: 'legislation', title: 'Americans with Disabilities Act of 1990', 'container-title': 'U.S.C.', volume: '42', section: '12101', issued: { 'date-parts': [[1990]] } },
        ]),
      },
    ]).references;
    const laws = createFormatter(refs);
    expect(laws.cite([{ key: 'act2014' }], 'parenthetical')).toBe('(Care Act 2014, 2014)');
    expect(laws.cite([{ key: 'act2014' }], 'narrative')).toBe('Care Act 2014 (2014)');
    expect(laws.cite([{ key: 'act2014', locator: '3', label: 'section' }], 'narrative')).toBe('Care Act 2014 (2014, § 3)');
    expect(laws.cite([{ key: 'act2014', suppressAuthor: true }], 'parenthetical')).toBe('(2014)');
    // Two laws are two names, not one author's two works.
    expect(laws.cite([{ key: 'act2014' }, { key: 'ada' }], 'parenthetical')).toBe('(Americans with Disabilities Act of 1990, 1990; Care Act 2014, 2014)');
    expect(laws.bibliography(['act2014', 'ada']).map((b) => b.text)).toEqual(['Americans with Disabilities Act of 1990, 42 U.S.C. § 12101 (1990).', 'Care Act 2014 (2014).']);
  });

  it('an author list holding only null (a hand-made CSL-JSON) is no author: the work is cited by its title', () => {
    const refs = loadReferences([{ path: 'references/a.json', text: JSON.stringify([{ id: 'x', type: 'book', title: 'A book', author: [null], issued: { 'date-parts': [[2020]] } }]) }]).references;
    expect(createFormatter(refs).cite([{ key: 'x' }], 'parenthetical')).toBe('(A Book, 2020)');
  });

  it('a personal communication is cited in the text only (APA 7 8.9): no reference-list entry', () => {
    const refs = loadReferences([
      { path: 'references/a.json', text: JSON.stringify([{ id: 'smith2020', type: 'personal_communication', title: 'Conversation about group norms', author: [{ family: 'Smith', given: 'Jane' }], issued: { 'date-parts': [[2020, 3, 4]] } }]) },
      read('tests/fixtures/references/messy.bib'),
    ]).references;
    const pc = createFormatter(refs);
    expect(pc.cite([{ key: 'smith2020' }], 'parenthetical')).toBe('(J. Smith, personal communication, March 4, 2020)');
    expect(pc.cite([{ key: 'smith2020' }], 'narrative')).toBe('J. Smith (personal communication, March 4, 2020)');
    expect(pc.listed('smith2020')).toBe(false);
    expect(pc.listed('whitaker2001')).toBe(true);
    expect(pc.bibliography(['smith2020', 'whitaker2001']).map((b) => b.key)).toEqual(['whitaker2001']);
    expect(() => pc.bibliographyEntry('smith2020')).toThrow('it is a personal communication, which APA 7 (8.9) cites in the text only, never in a reference list');
  });

  it('unknown keys throw a CitationFormatError naming the key', () => {
    expect(() => p.cite([{ key: 'nope' }], 'parenthetical')).toThrow(new CitationFormatError('nope', 'unknown-key'));
    expect(() => p.cite([{ key: 'toseland2017' }, { key: 'nope' }], 'parenthetical')).toThrow(new CitationFormatError('nope', 'unknown-key'));
    expect(() => p.cite([{ key: 'nope' }], 'narrative')).toThrow(new CitationFormatError('nope', 'unknown-key'));
    expect(p.cite([], 'parenthetical')).toBe('');
  });

  it('formatters do not disturb one another (they share one citeproc engine)', () => {
    const only = new Map([...project].filter(([key]) => key === 'casw2005'));
    const g = createFormatter(only);
    expect(g.cite([{ key: 'casw2005', locator: '4', label: 'page' }], 'parenthetical')).toBe('(Canadian Association of Social Workers, 2005, p. 4)');
    expect(p.cite([{ key: 'casw2005', locator: '4', label: 'page' }], 'parenthetical')).toBe('(Canadian Association of Social Workers, 2005a, p. 4)');
    expect(() => g.cite([{ key: 'toseland2017' }], 'parenthetical')).toThrow(new CitationFormatError('toseland2017', 'unknown-key'));
    expect(p.cite([{ key: 'toseland2017' }], 'parenthetical')).toBe('(Toseland & Rivas, 2017)');
  });

  it('survives hand-written CSL-JSON that citeproc-js would choke on', () => {
    const odd = new Map<string, Reference>();
    const add = (key: string, csl: Record<string, unknown>) =>
      odd.set(key, { key, csl: { id: key, ...csl }, evidence: 'other', file: 'odd.json', line: 1, column: 1 });
    add('nulls', { type: 'book', title: 'Null Names', author: [{ family: 'Doe', given: 'Jane' }, null, 3], issued: { 'date-parts': [['x'], [2001]] } });
    add('numbers', { type: 'nonsense', title: 'Numbers', author: [{ literal: 'Org' }], issued: { 'date-parts': [[2002]] }, DOI: 5, edition: { x: 1 } });
    const g = createFormatter(odd);
    expect(g.cite([{ key: 'nulls' }, { key: 'numbers' }], 'parenthetical')).toBe('(Doe, 2001; Org, 2002)');
    expect(g.bibliography(['nulls', 'numbers']).map((b) => b.text)).toEqual([
      'Doe, J. (2001). Null names.',
      'Org. (2002). Numbers. https://doi.org/5',
    ]);
  });

  it('caches: thousands of citations stay fast', () => {
    const keys = [...project.keys()];
    const start = performance.now();
    for (let round = 0; round < 20; round++) {
      for (const key of keys) {
        for (let page = 1; page <= 5; page++) p.cite([{ key, locator: String(page), label: 'page' }], round % 2 ? 'narrative' : 'parenthetical');
      }
    }
    // 20 × 23 × 5 = 2300 calls, 230 of them formatted.
    expect(performance.now() - start).toBeLessThan(5000);
    expect(p.cite([{ key: 'toseland2017', locator: '5', label: 'page' }], 'narrative')).toBe('Toseland and Rivas (2017, p. 5)');
  });
});
