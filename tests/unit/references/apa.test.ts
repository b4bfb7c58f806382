import { describe, expect, it } from 'vitest';
import { apaFixups, editionNumber } from '../../../src/core/references/apa.ts';
import { protectNames, toSentenceCase } from '../../../src/core/references/sentence-case.ts';
import { tidyGiven, tidyName } from '../../../src/core/references/tidy-names.ts';

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

describe('toSentenceCase: single capital letters and the nouns before them', () => {
  const cases: [string, string][] = [
    // A one-letter capital is kept: a language named R, vitamin D, Plan B, B-cell, R's.
    ['Programming in R: A Guide for Group Researchers', 'Programming in R: A guide for group researchers'],
    ['The Role of Vitamin D in Depression', 'The role of vitamin D in depression'],
    ['B-Cell Counts in R’s Output', 'B-cell counts in R’s output'],
    // Nouns APA capitalises before a number or letter keep the capital the source gives them.
    ['Controlling the Type I Error Rate', 'Controlling the Type I error rate'],
    ['Scoring Rules in Appendix C', 'Scoring rules in Appendix C'],
    ['Results of Study 2 and Phase 3 Trials', 'Results of Study 2 and Phase 3 trials'],
    ['Scoring Page 3 of Form B', 'Scoring page 3 of Form B'],
    ['Controlling the type I error rate', 'Controlling the type I error rate'],
    ['Type <span class="nocase">I</span> Errors in Group Research', 'Type <span class="nocase">I</span> errors in group research'],
    // Other words before a letter are lower-cased as usual; the pronoun I is not a numeral.
    ['Preventing Hepatitis C in Groups', 'Preventing hepatitis C in groups'],
    ['Lessons That I Learned', 'Lessons that I learned'],
    // "A": the letter after a series noun, at the end of a title or phrase, or when the title
    // writes articles in lower case ...
    ['When Plan A Fails: Plan B for Group Leaders', 'When Plan A fails: Plan B for group leaders'],
    ['Effects of Group A Streptococcus in Schools', 'Effects of Group A streptococcus in schools'],
    ['Preventing Hepatitis A', 'Preventing hepatitis A'],
    ['Hepatitis A, B, and C Among Youth', 'Hepatitis A, B, and C among youth'],
    ['Vitamin A Deficiency in the Elderly', 'Vitamin A deficiency in the elderly'],
    // ... otherwise the article; first in the title or after a colon or em dash it is capitalised.
    ['Towards A Theory Of Mutual Aid', 'Towards a theory of mutual aid'],
    ['Building A Group', 'Building a group'],
    ['A Guide to Groups: A Primer', 'A guide to groups: A primer'],
    ['Plan B—A Second Look', 'Plan B—A second look'],
    // Protected (braced) words and letters stay as they are.
    ['Vitamin <span class="nocase">A</span> and <span class="nocase">Canada</span>', 'Vitamin <span class="nocase">A</span> and <span class="nocase">Canada</span>'],
    ['Building <span class="nocase">A</span> Group', 'Building <span class="nocase">A</span> group'],
  ];
  it.each(cases)('%s', (input, expected) => {
    expect(toSentenceCase(input)).toBe(expected);
  });
});

describe('names', () => {
  it('tidies given names', () => {
    const cases: [string, string][] = [
      ['M .', 'M.'],
      ['E', 'E.'],
      ['J..', 'J.'],
      ['Jane  E', 'Jane E.'],
      [' Jane, ', 'Jane'],
      ['John Q.,', 'John Q.'],
      ['JE', 'J. E.'],
      ['b', 'b.'],
      ['. M', 'M.'],
      ['Marianne Schneider', 'Marianne Schneider'],
      ['M.-L.', 'M.-L.'],
    ];
    expect(cases.map(([input]) => tidyGiven(input))).toEqual(cases.map(([, output]) => output));
  });

  it('tidies every part of a name and leaves what is not a name alone', () => {
    expect(tidyName({ family: ' Bartley ,', given: 'M .', suffix: 'Jr.,', 'non-dropping-particle': 'van  der' })).toEqual({
      family: 'Bartley',
      given: 'M.',
      suffix: 'Jr.',
      'non-dropping-particle': 'van der',
    });
    expect(tidyName({ literal: '  Public Health  Agency of Canada, ' })).toEqual({ literal: 'Public Health Agency of Canada' });
    expect(tidyName({ family: 'Doe', given: ' , ' })).toEqual({ family: 'Doe' });
    expect(tidyName(null)).toBe(null);
    expect(tidyName(3)).toBe(3);
  });

  it('apaFixups tidies the names of every name variable', () => {
    const item = apaFixups({
      id: 'b',
      type: 'chapter',
      author: [{ family: 'Bartley', given: 'M .' }, { family: 'Hanks', given: 'E' }],
      editor: [{ family: 'Roe', given: 'J..' }],
    });
    expect(item['author']).toEqual([{ family: 'Bartley', given: 'M.' }, { family: 'Hanks', given: 'E.' }]);
    expect(item['editor']).toEqual([{ family: 'Roe', given: 'J.' }]);
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
    const abbreviated = apaFixups({ id: 'a', type: 'report', author: [{ literal: 'Association for the Advancement of Social Work with Groups' }], publisher: 'AASWG' }, { abbreviation: 'AASWG' });
    expect(abbreviated['publisher']).toBeUndefined();
    expect(apaFixups({ id: 'a', type: 'report', author: [{ literal: 'National Association of Social Workers' }], publisher: 'NASW Press' }, { abbreviation: 'NASW' })['publisher']).toBe('NASW Press');
    expect(apaFixups({ id: 't', type: 'thesis', genre: 'phdthesis' })['genre']).toBe('Doctoral dissertation');
    expect(apaFixups({ id: 't', type: 'thesis', genre: 'mastersthesis' })['genre']).toBe("Master's thesis");
  });

  it('does not change its input', () => {
    const input = { id: 'b', type: 'book', title: 'Big Title', edition: 'second' };
    apaFixups(input);
    expect(input).toEqual({ id: 'b', type: 'book', title: 'Big Title', edition: 'second' });
  });
});
