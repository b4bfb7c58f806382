import { describe, expect, it } from 'vitest';
import { parseLocator, scanCitations, type CitationCluster } from '../../../src/core/citations/syntax.ts';

const clusters = (text: string) => scanCitations(text).parts.filter((p): p is CitationCluster => typeof p !== 'string');
const strip = (c: CitationCluster) => ({ mode: c.mode, items: c.items.map(({ offset: _o, at: _a, ...rest }) => rest) });

describe('pandoc citation syntax', () => {
  it('reads a bare parenthetical citation', () => {
    expect(clusters('Groups help [@toseland2017].').map(strip)).toEqual([{ mode: 'parenthetical', items: [{ key: 'toseland2017' }] }]);
  });
  it('reads page, page range and section locators', () => {
    expect(strip(clusters('[@toseland2017, p. 12]')[0]!).items).toEqual([{ key: 'toseland2017', label: 'page', locator: '12' }]);
    expect(strip(clusters('[@toseland2017, pp. 3-4]')[0]!).items).toEqual([{ key: 'toseland2017', label: 'page', locator: '3–4' }]);
    expect(strip(clusters('[@nasw2021, sec. 1.07(f)]')[0]!).items).toEqual([{ key: 'nasw2021', label: 'section', locator: '1.07(f)' }]);
    expect(strip(clusters('[@aaswg2006, sec. II.A.5]')[0]!).items).toEqual([{ key: 'aaswg2006', label: 'section', locator: 'II.A.5' }]);
  });
  it('reads several sources, a prefix and a chapter', () => {
    expect(strip(clusters('[see @toseland2017, ch. 2; @corey2018]')[0]!).items).toEqual([
      { key: 'toseland2017', prefix: 'see', label: 'chapter', locator: '2' },
      { key: 'corey2018' },
    ]);
  });
  it('reads suppress-author and narrative citations', () => {
    expect(strip(clusters('as they say [-@toseland2017]')[0]!).items).toEqual([{ key: 'toseland2017', suppressAuthor: true }]);
    expect(clusters('@toseland2017 argue that').map(strip)).toEqual([{ mode: 'narrative', items: [{ key: 'toseland2017' }] }]);
    expect(clusters('as @toseland2017 [p. 12] argue').map(strip)).toEqual([{ mode: 'narrative', items: [{ key: 'toseland2017', label: 'page', locator: '12' }] }]);
  });
  it('drops sentence punctuation after a narrative key', () => {
    expect(clusters('This follows @toseland2017.').map(strip)).toEqual([{ mode: 'narrative', items: [{ key: 'toseland2017' }] }]);
  });
  it('does not read e-mail addresses or bracketed text as citations', () => {
    expect(clusters('write to help@example.org [see below]')).toEqual([]);
  });
  it('reports an empty citation', () => {
    const r = scanCitations('A claim [@].');
    expect(r.problems).toEqual([{ rule: 'citation/empty', message: 'empty citation: `@` with no key', hint: 'write the key of a reference after `@`, e.g. `[@toseland2017]`', offset: 9 }]);
  });
  it('reports a malformed locator with a fix', () => {
    const r = scanCitations('A claim [@toseland2017, pg 12].');
    expect(r.problems[0]!.rule).toBe('citation/malformed-locator');
    expect(r.problems[0]!.message).toBe('`pg` is not a locator label in `[@toseland2017, pg 12]`');
    expect(r.problems[0]!.hint).toContain('`p. 12`');
    expect(r.parts).toEqual(['A claim [@toseland2017, pg 12].']);
  });
  it('treats a bare number as a page, as pandoc does', () => {
    expect(parseLocator('12')).toEqual({ label: 'page', locator: '12' });
    expect(parseLocator('p.')).toEqual({ error: 'the locator label `p.` has no value', hint: 'write the number after it, e.g. `p. 12`' });
    expect(parseLocator('p. twelve')).toMatchObject({ error: '`p. twelve` is not a page or page range' });
  });
});
