import { describe, expect, it } from 'vitest';
import { apaFixups, editionNumber, protectNames, toSentenceCase } from '../../../src/core/references/apa.ts';

describe('toSentenceCase', () => {
  const cases: [string, string][] = [
    ['An Introduction to Group Work Practice', 'An introduction to group work practice'],
    ['Groups: Process and Practice', 'Groups: Process and practice'],
    // Acronyms and hyphenated compounds.
    [
      'Efficacy of Group Psychotherapy to Reduce Depressive Symptoms among HIV-Infected Individuals: A Systematic Review and Meta-Analysis',
      'Efficacy of group psychotherapy to reduce depressive symptoms among HIV-infected individuals: A systematic review and meta-analysis',
    ],
    ['NASW, ASWB, CSWE, and CSWA Standards for Technology', 'NASW, ASWB, CSWE, and CSWA standards for technology'],
    ['Meta-Analysis of Self-Help Groups', 'Meta-analysis of self-help groups'],
    // Inner capitals, the pronoun I, apostrophes.
    ['What iPhone Users and McDonald Tell O\'Brien', 'What iPhone users and McDonald tell O\'Brien'],
    ["What I Learned: A Worker's Guide", "What I learned: A worker's guide"],
    // Question mark, exclamation mark and em dash (spaced or not) start a new clause.
    ['Why Groups? Because Members Help Each Other! Mostly', 'Why groups? Because members help each other! Mostly'],
    ['Group Formation—Tasks, Methods, and Skills', 'Group formation—Tasks, methods, and skills'],
    ['Group Formation — Tasks and Skills', 'Group formation — Tasks and skills'],
    // The first word is capitalised even when written in lower case.
    ['the strengths perspective', 'The strengths perspective'],
    // Protected spans are left exactly as they are, markup is kept.
    [
      'Summary: Estimates of <span class="nocase">HIV</span> Incidence and <span class="nocase">Canada</span>\'s Progress',
      'Summary: Estimates of <span class="nocase">HIV</span> incidence and <span class="nocase">Canada</span>\'s progress',
    ],
    ['<span class="nocase">van Gogh</span>: The Life', '<span class="nocase">van Gogh</span>: The life'],
    ['Reading <i>The Group</i> Today', 'Reading <i>the group</i> today'],
    ['<i>Groups</i>: <b>Process</b> and Practice', '<i>Groups</i>: <b>Process</b> and practice'],
    // Unknown proper nouns are lower-cased unless protected (documented limitation).
    ['Social Work in Ontario', 'Social work in ontario'],
    ['COVID-19 and Group Work in 2020', 'COVID-19 and group work in 2020'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(toSentenceCase(input)).toBe(expected);
  });
});

describe('editionNumber', () => {
  it('reads ordinals in words and figures', () => {
    expect(['second', 'Second edition', '2nd', '2nd ed.', '3rd edn', 'twentieth', 'Eleventh Edition', '21st', '8'].map(editionNumber)).toEqual([
      2, 2, 2, 2, 3, 20, 11, 21, 8,
    ]);
    expect(['Revised', '2nd rev. ed.', 'twenty-first', ''].map(editionNumber)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('protectNames', () => {
  it('protects a group author named in the title', () => {
    expect(
      protectNames('Code of Ethics of the National Association of Social Workers', ['National Association of Social Workers']),
    ).toBe('Code of Ethics of the <span class="nocase">National Association of Social Workers</span>');
  });
});

describe('apaFixups', () => {
  it('sentence-cases book and chapter titles and the book a chapter is in, not journal names', () => {
    const chapter = apaFixups({
      id: 'c',
      type: 'chapter',
      title: 'Group Formation: Tasks, Methods, and Skills',
      'container-title': 'Mutual Aid Groups, Vulnerable and Resilient Populations, and the Life Cycle',
    });
    expect(chapter['title']).toBe('Group formation: Tasks, methods, and skills');
    expect(chapter['container-title']).toBe('Mutual aid groups, vulnerable and resilient populations, and the life cycle');
    const article = apaFixups({
      id: 'a',
      type: 'article-journal',
      title: 'Developmental Sequence in Small Groups',
      'container-title': 'Psychological Bulletin',
    });
    expect(article['title']).toBe('Developmental sequence in small groups');
    expect(article['container-title']).toBe('Psychological Bulletin');
    const page = apaFixups({ id: 'w', type: 'webpage', title: 'About Us', 'container-title': 'Social Work Today' });
    expect(page['title']).toBe('About us');
    expect(page['container-title']).toBe('Social Work Today');
  });

  it('leaves titles of works in other languages alone', () => {
    expect(apaFixups({ id: 'g', type: 'book', title: 'Soziale Gruppenarbeit', language: 'de' })['title']).toBe('Soziale Gruppenarbeit');
    expect(apaFixups({ id: 'e', type: 'book', title: 'Social Group Work', language: 'en-US' })['title']).toBe('Social group work');
  });

  it('makes an ordinal edition numeric and leaves other editions', () => {
    expect(apaFixups({ id: 'b', type: 'book', edition: 'Second edition' })['edition']).toBe('2');
    expect(apaFixups({ id: 'b', type: 'book', edition: '8th' })['edition']).toBe('8');
    expect(apaFixups({ id: 'b', type: 'book', edition: 'Rev.' })['edition']).toBe('Rev.');
  });

  it('drops a publisher that is the group author, BibTeX genres, DOI URLs and an n.d. date', () => {
    const item = apaFixups({
      id: 'r',
      type: 'report',
      title: 'X',
      genre: 'techreport',
      author: [{ literal: 'Public Health Agency of Canada' }],
      publisher: 'Public Health Agency of Canada',
      DOI: 'https://doi.org/10.1000/XYZ',
      issued: { literal: 'n.d.' },
    });
    expect(item).toEqual({ id: 'r', type: 'report', title: 'X', author: [{ literal: 'Public Health Agency of Canada' }], DOI: '10.1000/XYZ' });
    expect(apaFixups({ id: 't', type: 'thesis', genre: 'phdthesis' })['genre']).toBe('Doctoral dissertation');
    expect(apaFixups({ id: 't', type: 'thesis', genre: 'mastersthesis' })['genre']).toBe("Master's thesis");
  });

  it('does not change its input', () => {
    const input = { id: 'b', type: 'book', title: 'Big Title', edition: 'second' };
    apaFixups(input);
    expect(input).toEqual({ id: 'b', type: 'book', title: 'Big Title', edition: 'second' });
  });
});
