import { describe, expect, it } from 'vitest';
import { entryApa, entryBibtex, entryRis, withSuffixes, type EntryCitation } from '../../src/core/cite-entry.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const base: EntryCitation = {
  author: 'Groundwork editors',
  title: 'Mutual aid in groups',
  siteTitle: 'Social work with groups',
  url: 'https://kb.example.org/topics/mutual-aid/',
  date: '2026-11-20',
  retrieved: '2026-11-22',
  id: 'topics/mutual-aid',
};

describe('"cite this entry"', () => {
  it('is an APA 7 entry in an online reference work, with a retrieval date', () => {
    expect(entryApa(base, esc).text).toBe(
      'Groundwork editors. (2026, November 20). Mutual aid in groups. In Social work with groups. Retrieved November 22, 2026, from https://kb.example.org/topics/mutual-aid/',
    );
    expect(entryApa({ ...base, date: undefined }, esc).text).toContain('Groundwork editors. (n.d.). Mutual aid in groups.');
    expect(entryApa(base, esc).html).toContain('In <i>Social work with groups</i>. Retrieved November 22, 2026, from <a href="https://kb.example.org/topics/mutual-aid/">');
  });

  it('letters works by the same author and date in title order (2026a, 2026b)', () => {
    const other = { ...base, title: 'Cohesion', id: 'glossary/cohesion', url: 'https://kb.example.org/glossary/cohesion/' };
    const later = { ...base, title: 'Norms', date: '2026-12-01', id: 'topics/norms' };
    const [a, b, c] = withSuffixes([base, other, later]);
    expect(entryApa(a!, esc).text).toMatch(/^Groundwork editors\. \(2026b, November 20\)\. Mutual aid/);
    expect(entryApa(b!, esc).text).toMatch(/^Groundwork editors\. \(2026a, November 20\)\. Cohesion/);
    expect(entryApa(c!, esc).text).toMatch(/^Groundwork editors\. \(2026, December 1\)\. Norms/);
  });

  it('exports BibTeX and RIS', () => {
    expect(entryBibtex(base)).toBe(
      '@online{topics-mutual-aid,\n  author = {{Groundwork editors}},\n  title = {Mutual aid in groups},\n  organization = {Social work with groups},\n  date = {2026-11-20},\n  url = {https://kb.example.org/topics/mutual-aid/},\n  urldate = {2026-11-22},\n}\n',
    );
    expect(entryRis(base)).toBe(
      'TY  - ELEC\r\nAU  - Groundwork editors\r\nTI  - Mutual aid in groups\r\nT2  - Social work with groups\r\nDA  - 2026/11/20\r\nPY  - 2026\r\nUR  - https://kb.example.org/topics/mutual-aid/\r\nY2  - 2026/11/22\r\nER  - \r\n',
    );
  });
});
