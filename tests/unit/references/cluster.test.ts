import { describe, expect, it } from 'vitest';
import { createFormatter, type AuthorForm, type CiteItem } from '../../../src/core/references/format.ts';
import { CitationFormatError } from '../../../src/core/references/format-error.ts';
import type { Reference } from '../../../src/core/references/load.ts';

/** References built by hand, as the loader gives them (CSL-JSON, plus `abbreviation`). */
function references(): Map<string, Reference> {
  const map = new Map<string, Reference>();
  const add = (key: string, csl: Record<string, unknown>, abbreviation?: string) =>
    map.set(key, { key, csl: { id: key, ...csl }, evidence: 'other', file: 'refs.json', line: 1, column: 1, ...(abbreviation ? { abbreviation } : {}) } as Reference);
  const year = (y: number) => ({ 'date-parts': [[y]] });
  const toseland = [{ family: 'Toseland', given: 'Ronald W.' }, { family: 'Rivas', given: 'Robert F.' }];
  add('toseland2017', { type: 'book', title: 'An Introduction to Group Work Practice', author: toseland, issued: year(2017), edition: '8th', publisher: 'Pearson' });
  add('toseland2005', { type: 'book', title: 'An Introduction to Group Work Practice', author: toseland, issued: year(2005), edition: '5th', publisher: 'Allyn and Bacon' });
  const casw = [{ literal: 'Canadian Association of Social Workers' }];
  add('casw2005', { type: 'report', title: 'Code of Ethics', author: casw, issued: year(2005) }, 'CASW');
  add('casw2005guidelines', { type: 'report', title: 'Guidelines for Ethical Practice', author: casw, issued: year(2005) }, 'CASW');
  add(
    'aaswg2006',
    { type: 'report', title: 'Standards for Social Work Practice with Groups', author: [{ literal: 'Association for the Advancement of Social Work with Groups' }], issued: year(2006), edition: '2', publisher: 'AASWG' },
    'AASWG',
  );
  add('corey2018', {
    type: 'book',
    title: 'Groups: Process and Practice',
    author: [{ family: 'Corey', given: 'Marianne Schneider' }, { family: 'Corey', given: 'Gerald' }, { family: 'Corey', given: 'Cindy' }],
    issued: year(2018),
    edition: '10th',
    publisher: 'Cengage Learning',
  });
  add('examzify-consent', { type: 'webpage', title: 'Informed Consent in Groups', author: [{ literal: 'Examzify' }], URL: 'https://example.org/consent' });
  add('examzify-confidentiality', { type: 'webpage', title: 'Confidentiality in Groups', author: [{ literal: 'Examzify' }], URL: 'https://example.org/confidentiality' });
  // An export's stray spaces and missing periods: `Bartley, M . AND Hanks, E`.
  add('bartley2020', {
    type: 'article-journal',
    title: 'Programming in R: A Guide to Type I Error for Group Researchers',
    author: [{ family: 'Bartley', given: 'M .' }, { family: 'Hanks', given: 'E' }],
    issued: year(2020),
    'container-title': 'Journal of Group Research',
    volume: '4',
    page: '1-10',
  });
  add('roe2019', {
    type: 'article-journal',
    title: 'Group A Streptococcus and Towards A Theory of Vitamin D',
    author: [{ family: 'Roe', given: 'J..' }, { family: 'Poe', given: 'A  B,' }, { family: ' Moe ', given: 'JE' }],
    issued: year(2019),
    'container-title': 'Health & Groups',
  });
  // An abbreviation on a work by people is not used.
  add('smith2020', { type: 'book', title: 'Groups', author: [{ family: 'Smith', given: 'Ann' }], issued: year(2020), publisher: 'P' }, 'SMITH');
  return map;
}

const f = createFormatter(references());
const all = [...references().keys()];
const par = (items: CiteItem[], form?: (key: string) => AuthorForm) => f.cluster(items, 'parenthetical', form).text;
const nar = (items: CiteItem[], form?: (key: string) => AuthorForm) => f.cluster(items, 'narrative', form).text;
const first = (): AuthorForm => 'first';
const subsequent = (): AuthorForm => 'subsequent';

describe('reference list', () => {
  it('is in APA order, with tidied names, sentence case, letters for same-author works, the full group name', () => {
    expect(f.bibliography(all).map((b) => b.text)).toEqual([
      'Association for the Advancement of Social Work with Groups. (2006). Standards for social work practice with groups (2nd ed.).',
      'Bartley, M., & Hanks, E. (2020). Programming in R: A guide to Type I error for group researchers. Journal of Group Research, 4, 1–10.',
      'Canadian Association of Social Workers. (2005a). Code of ethics.',
      'Canadian Association of Social Workers. (2005b). Guidelines for ethical practice.',
      'Corey, M. S., Corey, G., & Corey, C. (2018). Groups: Process and practice (10th ed.). Cengage Learning.',
      'Examzify. (n.d.-a). Confidentiality in groups. https://example.org/confidentiality',
      'Examzify. (n.d.-b). Informed consent in groups. https://example.org/consent',
      'Roe, J., Poe, A. B., & Moe, J. E. (2019). Group A streptococcus and towards a theory of vitamin D. Health & Groups.',
      'Smith, A. (2020). Groups. P.',
      'Toseland, R. W., & Rivas, R. F. (2005). An introduction to group work practice (5th ed.). Allyn and Bacon.',
      'Toseland, R. W., & Rivas, R. F. (2017). An introduction to group work practice (8th ed.). Pearson.',
    ]);
  });

  it('as HTML', () => {
    expect(f.bibliographyEntry('bartley2020')).toBe(
      'Bartley, M., &#38; Hanks, E. (2020). Programming in R: A guide to Type I error for group researchers. <i>Journal of Group Research</i>, <i>4</i>, 1–10.',
    );
    expect(f.bibliographyEntry('examzify-consent')).toBe(
      'Examzify. (n.d.-b). <i>Informed consent in groups</i>. <a href="https://example.org/consent">https://example.org/consent</a>',
    );
    expect(f.bibliography(['toseland2017', 'casw2005', 'toseland2017'])).toEqual([
      { key: 'casw2005', html: 'Canadian Association of Social Workers. (2005a). <i>Code of ethics</i>.', text: 'Canadian Association of Social Workers. (2005a). Code of ethics.' },
      {
        key: 'toseland2017',
        html: 'Toseland, R. W., &#38; Rivas, R. F. (2017). <i>An introduction to group work practice</i> (8th ed.). Pearson.',
        text: 'Toseland, R. W., & Rivas, R. F. (2017). An introduction to group work practice (8th ed.). Pearson.',
      },
    ]);
    expect(f.bibliography([])).toEqual([]);
  });
});

describe('parenthetical citations', () => {
  it('one source, with locators', () => {
    expect(par([{ key: 'toseland2017' }])).toBe('(Toseland & Rivas, 2017)');
    expect(par([{ key: 'toseland2017', locator: '12', label: 'page' }])).toBe('(Toseland & Rivas, 2017, p. 12)');
    expect(par([{ key: 'toseland2017', locator: '12' }])).toBe('(Toseland & Rivas, 2017, p. 12)');
    expect(par([{ key: 'toseland2017', locator: '33–35', label: 'page' }])).toBe('(Toseland & Rivas, 2017, pp. 33–35)');
    expect(par([{ key: 'aaswg2006', locator: 'II.A.5', label: 'section' }])).toBe('(Association for the Advancement of Social Work with Groups, 2006, Section II.A.5)');
    expect(par([{ key: 'toseland2017', locator: '3', label: 'chapter' }])).toBe('(Toseland & Rivas, 2017, Chapter 3)');
    expect(par([{ key: 'toseland2017', locator: '4', label: 'paragraph' }])).toBe('(Toseland & Rivas, 2017, para. 4)');
    expect(par([{ key: 'corey2018' }])).toBe('(Corey et al., 2018)');
    expect(par([{ key: 'bartley2020' }])).toBe('(Bartley & Hanks, 2020)');
    expect(par([{ key: 'examzify-consent' }])).toBe('(Examzify, n.d.-b)');
  });

  it('prefix and suffix where APA puts them, outside the link', () => {
    expect(f.cluster([{ key: 'toseland2017', prefix: 'see', locator: '12', label: 'page', suffix: ', for details' }], 'parenthetical')).toEqual({
      open: '(',
      close: ')',
      pieces: [{ key: 'toseland2017', before: 'see ', text: 'Toseland & Rivas, 2017, p. 12', after: ', for details' }],
      text: '(see Toseland & Rivas, 2017, p. 12, for details)',
    });
    expect(par([{ key: 'corey2018', prefix: 'e.g.,' }, { key: 'toseland2017', prefix: 'see also' }])).toBe('(e.g., Corey et al., 2018; see also Toseland & Rivas, 2017)');
  });

  it('suppressed author', () => {
    expect(par([{ key: 'toseland2017', suppressAuthor: true }])).toBe('(2017)');
    expect(f.cluster([{ key: 'toseland2017', suppressAuthor: true, locator: '12', label: 'page' }], 'parenthetical')).toEqual({
      open: '(',
      close: ')',
      pieces: [{ key: 'toseland2017', before: '', text: '2017, p. 12', after: '' }],
      text: '(2017, p. 12)',
    });
    expect(par([{ key: 'toseland2017', suppressAuthor: true }, { key: 'toseland2005', suppressAuthor: true }])).toBe('(2005, 2017)');
  });

  it('several sources in reference-list order, same-author works merged, each linked on its own', () => {
    expect(f.cluster([{ key: 'toseland2017' }, { key: 'corey2018' }, { key: 'toseland2005' }], 'parenthetical')).toEqual({
      open: '(',
      close: ')',
      pieces: [
        { key: 'corey2018', before: '', text: 'Corey et al., 2018', after: '' },
        { key: 'toseland2005', before: '; ', text: 'Toseland & Rivas, 2005', after: '' },
        { key: 'toseland2017', before: ', ', text: '2017', after: '' },
      ],
      text: '(Corey et al., 2018; Toseland & Rivas, 2005, 2017)',
    });
    expect(par([{ key: 'casw2005guidelines' }, { key: 'casw2005' }])).toBe('(Canadian Association of Social Workers, 2005a, 2005b)');
    expect(par([{ key: 'examzify-consent' }, { key: 'examzify-confidentiality' }])).toBe('(Examzify, n.d.-a, n.d.-b)');
    expect(par([{ key: 'toseland2005', locator: '3' }, { key: 'toseland2017', locator: '5' }])).toBe('(Toseland & Rivas, 2005, p. 3, 2017, p. 5)');
    // The same source at two places gives its date once (APA 8.13).
    expect(par([{ key: 'aaswg2006', locator: 'II.A.5', label: 'section' }, { key: 'aaswg2006', locator: 'III.B', label: 'section' }])).toBe(
      '(Association for the Advancement of Social Work with Groups, 2006, Section II.A.5, Section III.B)',
    );
    expect(par([{ key: 'toseland2017', locator: '3' }, { key: 'toseland2017', locator: '5' }, { key: 'toseland2005' }])).toBe('(Toseland & Rivas, 2005, 2017, p. 3, p. 5)');
    // Once without a place, the date stays: the second citation has nothing else to link.
    expect(par([{ key: 'toseland2017', locator: '3' }, { key: 'toseland2017' }])).toBe('(Toseland & Rivas, 2017, p. 3, 2017)');
    // A prefixed source after the first keeps its place after the others (APA 8.12); each group is in reference-list order.
    expect(par([{ key: 'toseland2017' }, { key: 'corey2018', prefix: 'see also ' }])).toBe('(Toseland & Rivas, 2017; see also Corey et al., 2018)');
    expect(par([{ key: 'toseland2017' }, { key: 'corey2018' }, { key: 'toseland2005', prefix: 'see also ' }, { key: 'corey2018' }])).toBe('(Corey et al., 2018; Toseland & Rivas, 2017; see also Toseland & Rivas, 2005; Corey et al., 2018)');
    // Not merged across a prefix or a suffix.
    expect(par([{ key: 'toseland2005' }, { key: 'toseland2017', prefix: 'see' }])).toBe('(Toseland & Rivas, 2005; see Toseland & Rivas, 2017)');
    expect(par([{ key: 'toseland2005', suffix: ', for a history' }, { key: 'toseland2017' }])).toBe('(Toseland & Rivas, 2005, for a history; Toseland & Rivas, 2017)');
    expect(par([{ key: 'toseland2005' }, { key: 'toseland2017', suffix: ', for details' }])).toBe('(Toseland & Rivas, 2005, 2017, for details)');
  });

  it('group authors with an abbreviation: first and subsequent citations', () => {
    expect(par([{ key: 'aaswg2006' }], first)).toBe('(Association for the Advancement of Social Work with Groups [AASWG], 2006)');
    expect(par([{ key: 'aaswg2006' }], subsequent)).toBe('(AASWG, 2006)');
    expect(par([{ key: 'aaswg2006' }], () => 'full')).toBe('(Association for the Advancement of Social Work with Groups, 2006)');
    expect(par([{ key: 'aaswg2006', locator: 'III.A.1', label: 'section' }], first)).toBe(
      '(Association for the Advancement of Social Work with Groups [AASWG], 2006, Section III.A.1)',
    );
    expect(par([{ key: 'aaswg2006', locator: '3', label: 'paragraph', prefix: 'see' }], subsequent)).toBe('(see AASWG, 2006, para. 3)');
    expect(f.cluster([{ key: 'casw2005guidelines' }, { key: 'casw2005' }, { key: 'toseland2017' }], 'parenthetical', first)).toEqual({
      open: '(',
      close: ')',
      pieces: [
        { key: 'casw2005', before: '', text: 'Canadian Association of Social Workers [CASW], 2005a', after: '' },
        { key: 'casw2005guidelines', before: ', ', text: '2005b', after: '' },
        { key: 'toseland2017', before: '; ', text: 'Toseland & Rivas, 2017', after: '' },
      ],
      text: '(Canadian Association of Social Workers [CASW], 2005a, 2005b; Toseland & Rivas, 2017)',
    });
    expect(par([{ key: 'casw2005' }, { key: 'casw2005guidelines' }], subsequent)).toBe('(CASW, 2005a, 2005b)');
    // Introduced once within a citation, even when the works are not merged.
    expect(par([{ key: 'casw2005' }, { key: 'casw2005guidelines', prefix: 'see' }], first)).toBe('(Canadian Association of Social Workers [CASW], 2005a; see CASW, 2005b)');
    // The form is asked per source, only of sources with an abbreviation.
    const asked: string[] = [];
    const form = (key: string): AuthorForm => {
      asked.push(key);
      return key === 'casw2005' ? 'subsequent' : 'first';
    };
    expect(par([{ key: 'aaswg2006' }, { key: 'casw2005' }, { key: 'corey2018' }, { key: 'smith2020' }], form)).toBe(
      '(Association for the Advancement of Social Work with Groups [AASWG], 2006; CASW, 2005a; Corey et al., 2018; Smith, 2020)',
    );
    expect(asked).toEqual(['aaswg2006', 'casw2005']);
  });
});

describe('narrative citations', () => {
  it('"and" between two authors, et al., locators, n.d.', () => {
    expect(nar([{ key: 'toseland2017' }])).toBe('Toseland and Rivas (2017)');
    expect(f.cluster([{ key: 'toseland2017', locator: '12', label: 'page' }], 'narrative')).toEqual({
      open: '',
      close: '',
      pieces: [{ key: 'toseland2017', before: '', text: 'Toseland and Rivas (2017, p. 12)', after: '' }],
      text: 'Toseland and Rivas (2017, p. 12)',
    });
    expect(nar([{ key: 'corey2018', locator: '3', label: 'chapter' }])).toBe('Corey et al. (2018, Chapter 3)');
    expect(nar([{ key: 'examzify-confidentiality' }])).toBe('Examzify (n.d.-a)');
    expect(nar([{ key: 'bartley2020' }])).toBe('Bartley and Hanks (2020)');
    expect(nar([{ key: 'toseland2017', suffix: ', for details' }])).toBe('Toseland and Rivas (2017, for details)');
    expect(nar([{ key: 'toseland2017', suppressAuthor: true, locator: '12' }])).toBe('(2017, p. 12)');
  });

  it('group authors with an abbreviation: first and subsequent citations', () => {
    expect(nar([{ key: 'aaswg2006' }], first)).toBe('Association for the Advancement of Social Work with Groups (AASWG, 2006)');
    expect(nar([{ key: 'aaswg2006' }], subsequent)).toBe('AASWG (2006)');
    expect(nar([{ key: 'aaswg2006' }])).toBe('Association for the Advancement of Social Work with Groups (2006)');
    expect(nar([{ key: 'aaswg2006', locator: 'VI.B', label: 'section' }], first)).toBe('Association for the Advancement of Social Work with Groups (AASWG, 2006, Section VI.B)');
    expect(nar([{ key: 'casw2005guidelines', locator: '4', label: 'paragraph' }], subsequent)).toBe('CASW (2005b, para. 4)');
    expect(nar([{ key: 'smith2020' }], first)).toBe('Smith (2020)');
  });
});

describe('the plain-text API', () => {
  it('cite is the cluster text with every author in full', () => {
    expect(f.cite([{ key: 'casw2005' }, { key: 'casw2005guidelines' }], 'parenthetical')).toBe('(Canadian Association of Social Workers, 2005a, 2005b)');
    expect(f.cite([{ key: 'aaswg2006' }], 'narrative')).toBe('Association for the Advancement of Social Work with Groups (2006)');
    expect(f.cite([], 'parenthetical')).toBe('');
  });

  it('caches by mode, items and forms; results are frozen', () => {
    const a = f.cluster([{ key: 'aaswg2006' }], 'parenthetical', first);
    expect(f.cluster([{ key: 'aaswg2006' }], 'parenthetical', first)).toBe(a);
    expect(f.cluster([{ key: 'aaswg2006' }], 'parenthetical', subsequent)).not.toBe(a);
    expect(Object.isFrozen(a) && Object.isFrozen(a.pieces) && Object.isFrozen(a.pieces[0])).toBe(true);
  });

  it('abbreviation: only for a single group author, not when two groups share it', () => {
    expect(f.abbreviation('aaswg2006')).toBe('AASWG');
    expect(f.abbreviation('casw2005')).toBe('CASW');
    expect(f.abbreviation('smith2020')).toBeUndefined();
    expect(f.abbreviation('toseland2017')).toBeUndefined();
    expect(f.abbreviation('nope')).toBeUndefined();
    const refs = references();
    refs.set('apa2020', { key: 'apa2020', csl: { id: 'apa2020', type: 'book', title: 'Manual', author: [{ literal: 'American Psychological Association' }], issued: { 'date-parts': [[2020]] } }, evidence: 'other', file: 'x', line: 1, column: 1, abbreviation: 'APA' } as Reference);
    refs.set('apa2013', { key: 'apa2013', csl: { id: 'apa2013', type: 'book', title: 'DSM-5', author: [{ literal: 'American Psychiatric Association' }], issued: { 'date-parts': [[2013]] } }, evidence: 'other', file: 'x', line: 1, column: 1, abbreviation: 'APA' } as Reference);
    const g = createFormatter(refs);
    expect(g.abbreviation('apa2020')).toBeUndefined();
    expect(g.cite([{ key: 'apa2013' }], 'parenthetical')).toBe('(American Psychiatric Association, 2013)');
    expect(g.cluster([{ key: 'apa2013' }], 'parenthetical', first).text).toBe('(American Psychiatric Association, 2013)');
    expect(g.abbreviation('casw2005')).toBe('CASW');
  });
});

describe('failures are explicit', () => {
  const failure = (run: () => unknown): CitationFormatError => {
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(CitationFormatError);
      return error as CitationFormatError;
    }
    throw new Error('expected a CitationFormatError');
  };

  it('an unknown key throws, naming the key; nothing is rendered in its place', () => {
    for (const mode of ['parenthetical', 'narrative'] as const) {
      const error = failure(() => f.cluster([{ key: 'toseland2017' }, { key: 'toseland2071' }], mode));
      expect([error.key, error.reason, error.message]).toEqual(['toseland2071', 'unknown-key', 'no reference has the key `toseland2071`']);
      expect(failure(() => f.cite([{ key: 'nope' }], mode)).key).toBe('nope');
    }
    expect(failure(() => f.bibliographyEntry('nope')).reason).toBe('unknown-key');
    expect(failure(() => f.bibliography(['toseland2017', 'nope'])).key).toBe('nope');
  });

  it('a reference that cannot be formatted throws, with the reason', () => {
    const refs = references();
    const csl: Record<string, unknown> = { id: 'broken', type: 'book' };
    Object.defineProperty(csl, 'title', { enumerable: true, get: () => { throw new Error('unreadable title'); } });
    refs.set('broken', { key: 'broken', csl, evidence: 'other', file: 'x', line: 1, column: 1 });
    const g = createFormatter(refs);
    const error = failure(() => g.cite([{ key: 'broken' }], 'parenthetical'));
    expect([error.key, error.reason, error.detail, error.message]).toEqual([
      'broken',
      'format-failed',
      'unreadable title',
      'the reference `broken` could not be formatted in APA style: unreadable title',
    ]);
    expect(failure(() => g.bibliography(['broken', 'toseland2017'])).key).toBe('broken');
    expect(failure(() => g.bibliographyEntry('broken')).reason).toBe('format-failed');
    // The others are unaffected.
    expect(g.cite([{ key: 'toseland2017' }], 'parenthetical')).toBe('(Toseland & Rivas, 2017)');
  });
});
