#!/usr/bin/env node
/**
 * Generate tests/fixtures/citations/pandoc-conformance.json: what real pandoc makes of a table of
 * citation strings. Run by hand (it needs pandoc: `apt-get install -y pandoc`); the tests read
 * the committed JSON and never run pandoc.
 *
 *   node scripts/pandoc-citations.mjs            # rewrite the fixture
 *   node scripts/pandoc-citations.mjs --check    # fail if the fixture is not what pandoc says now
 *
 * For each string we record two facts:
 *
 * 1. The Markdown reading, from `pandoc -f markdown -t json`: the paragraph as text pieces and
 *    Cite elements; per Cite its source text and, per citation, citationId, citationMode and
 *    citationPrefix/citationSuffix as plain text.
 * 2. How pandoc's citeproc splits each citationSuffix into locator label, locator and the rest.
 *    The JSON AST keeps the locator inside the suffix; the split happens in `pandoc --citeproc`.
 *    So we hand every citation's suffix, unchanged, to `pandoc -f json -t json --citeproc` in a
 *    NormalCitation of a dummy reference, with a CSL style whose citation layout prints
 *    `⟦<Y|N: has a locator>|<locator type>|<locator as CSL prints it>⟧` and nothing else; CSL
 *    puts the item's suffix right after the layout. The locator *as written* is then the part of
 *    the suffix citeproc consumed, less the optional `, ` and the label term; we check it against
 *    CSL's printed locator (which turns `-` into `–` and tidies spaces around commas).
 *
 * Plain text: Str as is, Space/SoftBreak as one space, Quoted with curly quotes, Span as its
 * content, and every other inline (Emph, Strong, Code, Link, a nested Cite, ...) as U+FFFC — the
 * placeholder our Markdown layer puts in a text value for an inline node.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'tests/fixtures/citations/pandoc-conformance.json');
const PLACEHOLDER = '\uFFFC';

/**
 * The table. `input` is Markdown (one paragraph); `about` says what the case is for. Inputs avoid
 * what pandoc's Markdown and ours read differently for reasons that have nothing to do with
 * citations (straight quotes, which pandoc's `smart` curls; `(@` at the start of a paragraph,
 * an example list to pandoc).
 */
const CASES = [
  // Keys
  ['key-plain', 'Groups help [@smith2000].', 'a bare parenthetical citation'],
  ['key-colon-digits', 'As shown [@Kim:2009p4370].', 'internal colon, letters and digits'],
  ['key-period', 'See [@smith.2010].', 'internal period'],
  ['key-underscore-hyphen', 'See [@doe_2020-a].', 'underscore and internal hyphen'],
  ['key-leading-underscore', 'See [@_private2020].', 'a key may start with _'],
  ['key-leading-digit', 'See [@2020report].', 'a key may start with a digit'],
  ['key-internal-punct', 'See [@a#b$c%d&e+f?g<h>i~j/k].', 'every internal punctuation character'],
  ['key-unicode', 'See [@müller2019].', 'non-ASCII letters'],
  ['key-trailing-period', 'This follows @smith2000.', 'trailing period is not part of the key'],
  ['key-trailing-colon', '@smith2000: groups help.', 'trailing colon is not part of the key'],
  ['key-trailing-comma', 'As @smith2000, and others, say.', 'trailing comma'],
  ['key-trailing-question', 'Did @smith2000? Yes.', 'trailing question mark'],
  ['key-manual-trailing-period', 'In @Foo_bar.baz. the key ends early.', 'manual: @Foo_bar.baz. is Foo_bar.baz'],
  ['key-manual-double-punct', 'In @Foo_bar--baz the key ends early.', 'manual: repeated punctuation ends the key'],
  ['key-double-period', 'See @a..b here.', 'repeated period ends the key'],
  ['key-possessive', 'In @smith2000\'s view, groups help.', 'apostrophe ends the key'],
  ['key-url-unbraced', 'See @http://example.com/x for it.', 'unbraced URL key: :// is allowed'],
  ['key-braced-url', 'See [@{https://example.com/bib?name=foobar&date=2000}, p. 33].', 'manual: braced URL key with locator'],
  ['key-braced-trailing-period', 'See [@{Foo_bar.baz.}].', 'manual: braces keep the final period'],
  ['key-braced-nested', 'See [@{a{b}c}].', 'balanced braces inside a braced key'],
  ['key-braced-punct', 'See [@{smith;2000]x}].', 'a braced key may hold ; and ]'],
  ['key-braced-space', 'See [@{Smith 2000}].', 'a braced key may not hold a space'],
  ['key-braced-unclosed', 'See [@{smith2000].', 'a braced key that is never closed'],
  ['key-braced-narrative', '@{braced:key.} says so.', 'narrative braced key'],
  ['key-star', 'See [@*].', '@* is the nocite wildcard'],
  // Locators: every term, singular and plural, long and short
  ['loc-p', '[@k, p. 33]', 'p.'],
  ['loc-pp', '[@k, pp. 33-35]', 'pp. with a hyphen range'],
  ['loc-page', '[@k, page 33]', 'page'],
  ['loc-pages', '[@k, pages 33 and 35]', 'pages; and is suffix'],
  ['loc-page-caps', '[@k, P. 33]', 'terms ignore case'],
  ['loc-p-nospace', '[@k, p.33]', 'no space after the term'],
  ['loc-chap', '[@k, chap. 2]', 'chap.'],
  ['loc-chaps', '[@k, chaps. 2-3]', 'chaps.'],
  ['loc-chapter', '[@k, chapter 2]', 'chapter'],
  ['loc-chapters', '[@k, chapters 2 and 3]', 'chapters'],
  ['loc-ch', '[@k, ch. 2]', 'ch. is not a term in the en-US locale'],
  ['loc-sec', '[@k, sec. 1.07(f)]', 'sec. with a dotted number and a parenthesis'],
  ['loc-secs', '[@k, secs. 3-4]', 'secs.'],
  ['loc-section', '[@k, section 4]', 'section'],
  ['loc-sections', '[@k, sections 4, 5]', 'sections, comma list'],
  ['loc-section-symbol', '[@k, § 4]', '§'],
  ['loc-section-symbols', '[@k, §§ 4-6]', '§§'],
  ['loc-sec-roman', '[@k, sec. II.A.5]', 'roman numeral outline number'],
  ['loc-sec-roman-letter', '[@k, sec. VI.B]', 'roman numeral and letter'],
  ['loc-sec-word', '[@k, sec. Introduction]', 'a word with no digit and no roman numeral is no locator'],
  ['loc-para', '[@k, para. 12]', 'para.'],
  ['loc-paras', '[@k, paras. 12-14]', 'paras.'],
  ['loc-paragraph', '[@k, paragraph 12]', 'paragraph'],
  ['loc-pilcrow', '[@k, ¶ 12]', '¶'],
  ['loc-pilcrows', '[@k, ¶¶ 12-13]', '¶¶'],
  ['loc-vol', '[@k, vol. 3]', 'vol.'],
  ['loc-vols', '[@k, vols. 3-4]', 'vols.'],
  ['loc-volume', '[@k, volume 3]', 'volume'],
  ['loc-no', '[@k, no. 7]', 'no. is the issue term'],
  ['loc-nos', '[@k, nos. 7-8]', 'nos.'],
  ['loc-number', '[@k, number 7]', 'number'],
  ['loc-l', '[@k, l. 10]', 'l.'],
  ['loc-ll', '[@k, ll. 10-12]', 'll.'],
  ['loc-line', '[@k, line 10]', 'line'],
  ['loc-lines', '[@k, lines 10-12]', 'lines'],
  ['loc-fig', '[@k, fig. 2]', 'fig.'],
  ['loc-figs', '[@k, figs. 2-3]', 'figs.'],
  ['loc-figure', '[@k, figure 2]', 'figure'],
  ['loc-n', '[@k, n. 4]', 'n. (note)'],
  ['loc-nn', '[@k, nn. 4-5]', 'nn.'],
  ['loc-note', '[@k, note 4]', 'note'],
  ['loc-op', '[@k, op. 9]', 'op.'],
  ['loc-opp', '[@k, opp. 9-10]', 'opp.'],
  ['loc-opus', '[@k, opus 9]', 'opus'],
  ['loc-opera', '[@k, opera 9]', 'opera (plural of opus)'],
  ['loc-sv', '[@k, s.v. 12]', 's.v.'],
  ['loc-svv', '[@k, s.vv. 12]', 's.vv.'],
  ['loc-sub-verbo', '[@k, sub verbo 12]', 'sub verbo: a term with a space'],
  ['loc-sv-word', '[@k, s.v. Group]', 's.v. followed by a word: no locator'],
  ['loc-v', '[@k, v. 16]', 'v. (verse)'],
  ['loc-vv', '[@k, vv. 16-18]', 'vv.'],
  ['loc-verse', '[@k, verse 16]', 'verse'],
  ['loc-pt', '[@k, pt. 2]', 'pt.'],
  ['loc-pts', '[@k, pts. 2-3]', 'pts.'],
  ['loc-part', '[@k, part 2]', 'part'],
  ['loc-col', '[@k, col. 5]', 'col.'],
  ['loc-cols', '[@k, cols. 5-6]', 'cols.'],
  ['loc-column', '[@k, column 5]', 'column'],
  ['loc-fol', '[@k, fol. 3]', 'fol.'],
  ['loc-fols', '[@k, fols. 3-4]', 'fols.'],
  ['loc-folio', '[@k, folio 3]', 'folio'],
  ['loc-bk', '[@k, bk. 1]', 'bk.'],
  ['loc-bks', '[@k, bks. 1-2]', 'bks.'],
  ['loc-book', '[@k, book 1]', 'book'],
  ['loc-books', '[@k, books 1 and 2]', 'books'],
  ['loc-not-a-term', '[@k, pg 12]', 'pg is not a term'],
  ['loc-table', '[@k, tbl. 2]', 'tbl. is not a term'],
  // Bare numbers, roman numerals, ranges
  ['bare-number', '[@k, 33]', 'a bare number is a page'],
  ['bare-number-no-comma', '[@k 33]', 'the comma is optional'],
  ['bare-range', '[@k, 33-35]', 'bare hyphen range'],
  ['bare-range-double-hyphen', '[@k, 33--35]', 'double hyphen (an en dash with smart)'],
  ['bare-list', '[@k, 33, 35, 40-42]', 'bare list of pages'],
  ['bare-alnum', '[@k, 33a]', 'digits and letters'],
  ['bare-roman', '[@k, iv]', 'a bare roman numeral is no locator (a digit is required)'],
  ['roman-page', '[@k, p. iv]', 'roman numeral after a term'],
  ['roman-range', '[@k, pp. iv-vii]', 'roman range'],
  ['roman-upper', '[@k, p. XII]', 'upper-case roman numeral'],
  ['roman-quirk', '[@k, p. 33 I think]', 'a roman-numeral word continues the locator'],
  ['range-list', '[@k, pp. 33-35, 40]', 'range then a further page'],
  ['range-en-dash', '[@k, pp. 33–35]', 'en dash range as typed'],
  ['locator-colon', '[@k, p. 3:12]', 'colon stays inside a locator'],
  ['locator-parens', '[@k, p. 34(1)(a)]', 'parenthesised parts'],
  ['locator-then-suffix', '[@k, p. 33, for details]', 'suffix after the locator'],
  ['locator-then-words', '[@k, pp. 33-35 and passim]', 'words after the locator'],
  ['locator-then-period', '[@k, p. 33. The end.]', 'period ends the locator'],
  ['locator-vol-page', '[@k, vol. 3, p. 12]', 'only one locator: the rest is suffix'],
  // Forced locators
  ['forced-manual-1', '[@smith{ii, A, D-Z}, with a suffix]', 'manual: braces right after the key'],
  ['forced-manual-2', '[@smith, {pp. iv, vi-xi, (xv)-(xvii)} with suffix here]', 'manual: braces with a term'],
  ['forced-manual-3', '[@smith{}, 99 years later]', 'manual: empty braces stop locator parsing'],
  ['forced-page', '[@k, {p. 33}]', 'a term inside braces'],
  ['forced-word', '[@k, {Introduction}]', 'a word forced as locator'],
  // Prefix and suffix
  ['suffix-only', '[@k, for details]', 'suffix with no locator'],
  ['suffix-no-comma', '[@k and passim]', 'suffix after a space'],
  ['suffix-only-space', '[@k ]', 'only a space after the key'],
  ['prefix', '[see @k]', 'prefix'],
  ['prefix-punct', '[see, e.g., @k]', 'prefix with punctuation'],
  ['prefix-abbrev-locator', '[cf. @k, p. 3]', 'prefix, locator'],
  ['prefix-locator-suffix', '[see @k, pp. 33-35, and passim]', 'prefix, locator and suffix'],
  ['prefix-emphasis', '[see *the* classic @k]', 'an inline node in the prefix'],
  ['suffix-emphasis', '[@k, p. 33, *passim*]', 'an inline node in the suffix'],
  ['prefix-hyphen', '[see-@k]', 'a hyphen after a word: no suppression'],
  ['prefix-newline', '[see\n@k, p. 4]', 'a line break in the cluster'],
  // Suppress author, narrative
  ['suppress', 'Smith says [-@smith04].', 'suppress author'],
  ['suppress-locator', 'Smith says [-@smith04, p. 33].', 'suppress author with locator'],
  ['suppress-prefix', '[see -@smith04]', 'prefix then suppress'],
  ['suppress-narrative', 'Not -@smith04 here.', '-@ outside brackets is text plus a narrative citation'],
  ['narrative', '@smith04 says blah.', 'narrative'],
  ['narrative-locator', '@smith04 [p. 33] says blah.', 'narrative with locator'],
  ['narrative-locator-nospace', '@smith04[p. 33] says blah.', 'no space before the bracket'],
  ['narrative-suffix', '@smith04 [see above] says.', 'narrative with a suffix'],
  ['narrative-locator-suffix', '@smith04 [chap. 2, for the method] says.', 'narrative with locator and suffix'],
  ['narrative-cluster', '@smith04 [@doe99] agree.', 'a citation list after a narrative citation'],
  ['narrative-locator-more', '@smith04 [p. 3; @doe99, ch. 2] agree.', 'narrative locator then more items'],
  ['narrative-bad-bracket', '@smith04 [see above; more] says.', 'a bracket that is neither'],
  // Several items
  ['multi', '[see @a, p. 1; also @b, ch. 2]', 'two items, each with prefix and locator'],
  ['multi-no-space', '[@a;@b]', 'no space after ;'],
  ['multi-three', '[@a; @b, p. 2; -@c]', 'three items, one suppressed'],
  ['multi-manual', 'Blah [see @doe99, pp. 33-35 and *passim*; @smith04, chap. 1].', 'manual example'],
  // Not citations, and mistakes
  ['email', 'Write to name@example.org for help.', 'an e-mail address'],
  ['email-bracket', '[contact name@example.org]', 'an e-mail address in brackets'],
  ['plain-bracket', 'As noted [see above].', 'a bracket with no @'],
  ['empty', 'A claim [@].', 'an @ with no key'],
  ['empty-suppress', 'A claim [-@].', '-@ with no key'],
  ['empty-locator', 'A claim [@, p. 3].', 'no key but a locator'],
  ['empty-item-end', 'A claim [@a; ].', 'empty item after ;'],
  ['empty-item-start', 'A claim [; @a].', 'empty item before ;'],
  ['lone-at-second', 'A claim [@a; @].', 'second item has no key'],
  ['lone-at-suffix', 'A claim [@a, @].', 'an @ in the suffix'],
  ['item-no-key', 'A claim [@a; see above].', 'an item with no key'],
  ['space-after-at', 'A claim [@ smith2000].', 'a space after @'],
  ['at-quote', 'A claim [@(smith)].', 'a key cannot start with ('],
  ['nested-suffix', 'A claim [@a, see @b].', 'a citation in the suffix'],
  ['nested-missing-semicolon', 'A claim [@a @b].', 'two keys with no ;'],
  ['nested-bracket', '[see [@a] for @b]', 'a bracketed citation in a prefix'],
  ['nested-open', '[see [a @k]', 'an unclosed outer bracket'],
  ['escaped-at', 'Tweet \\@smith2000 now.', 'escaped @ is text'],
  ['escaped-bracket', 'Text \\[@k] here.', 'escaped [ opens nothing'],
  ['escaped-at-in-bracket', 'Text [\\@k] here.', 'escaped @ in brackets'],
  ['after-word', 'x.@g and a@b', '@ right after a word or period'],
  ['after-hyphen', 'a-@i here', '@ after a hyphen'],
  ['after-ellipsis', 'wait...@k here', '@ after an ellipsis'],
  ['lone-at-text', 'meet me @ noon', 'a lone @ in text'],
  ['reference-link', 'See [@k][ref] here.', '[...] followed by [ is a reference link'],
  ['bracket-then-paren-space', 'See [@k] (2000).', 'a space before ( keeps the citation'],
  // Positions
  ['start-narrative', '@smith04 argues this.', 'narrative at the start'],
  ['start-bracket', '[@smith04] argues this.', 'bracket at the start'],
  ['end-bracket', 'It is so [@smith04]', 'bracket at the end'],
  ['end-narrative', 'So says @smith04', 'narrative at the end'],
  ['parens-narrative', 'as noted (@smith04)', 'narrative inside parentheses'],
  ['parens-locator', 'as noted (see @smith04, p. 3)', 'narrative with text inside parentheses'],
  ['parens-bracket', 'as noted ([@smith04])', 'bracket inside parentheses'],
  ['bracket-no-space-before', 'noted[@smith04].', 'no space before ['],
  ['bracket-then-period', 'Groups help [@a; @b].', 'sentence ends after the bracket'],
  // What pandoc's inline parser does around citations
  ['prefix-bracketed-text', '[see [foo] @key]', 'a bracket in a prefix is text (an undefined link)'],
  ['suffix-bracketed-text', '[@a, x[1] y]', 'a bracket in a suffix is text'],
  ['email-then-at', 'x@y@z here', 'after an @label that is not a citation, @ may start one'],
  ['narrative-adjacent', '@a.b@c here', 'a citation right after a citation'],
  ['after-emphasis', '*Smith*@key says', 'no citation right after emphasis'],
  ['after-code', '`code`@key says', 'a citation right after inline code'],
  ['narrative-footnote', '@key [^1] says', 'a footnote reference is not a bracketed locator'],
  ['locator-ampersand', '[@k, pp. 3 & 5]', 'an ampersand ends the locator'],
  ['suffix-line-break', '[@k, p. 3,\nfor details]', 'a line break in the suffix'],
  ['narrative-suppress-bracket', '@a [-@b] agree', 'a suppressed item after a narrative one'],
];

function pandoc(args, input) {
  return execFileSync('pandoc', args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}

/** Plain text of inlines (see the header). */
function plain(inlines) {
  let out = '';
  for (const il of inlines) {
    switch (il.t) {
      case 'Str': out += il.c; break;
      case 'Space': case 'SoftBreak': case 'LineBreak': out += ' '; break;
      case 'Span': out += plain(il.c[1]); break;
      case 'Quoted': out += il.c[0].t === 'SingleQuote' ? `‘${plain(il.c[1])}’` : `“${plain(il.c[1])}”`; break;
      default: out += PLACEHOLDER;
    }
  }
  return out;
}

const MODES = { NormalCitation: 'NormalCitation', AuthorInText: 'AuthorInText', SuppressAuthor: 'SuppressAuthor' };

/** The en-US locator term forms (citeproc's locales/en-US.xml), by CSL locator type. */
const TERMS = {
  book: ['book', 'books', 'bk.', 'bks.'], chapter: ['chapter', 'chapters', 'chap.', 'chaps.'],
  column: ['column', 'columns', 'col.', 'cols.'], figure: ['figure', 'figures', 'fig.', 'figs.'],
  folio: ['folio', 'folios', 'fol.', 'fols.'], issue: ['number', 'numbers', 'no.', 'nos.'],
  line: ['line', 'lines', 'l.', 'll.'], note: ['note', 'notes', 'n.', 'nn.'], opus: ['opus', 'opera', 'op.', 'opp.'],
  page: ['page', 'pages', 'p.', 'pp.'], paragraph: ['paragraph', 'paragraphs', 'para.', 'paras.', '¶', '¶¶'],
  part: ['part', 'parts', 'pt.', 'pts.'], section: ['section', 'sections', 'sec.', 'secs.', '§', '§§'],
  'sub verbo': ['sub verbo', 'sub verbis', 's.v.', 's.vv.'], verse: ['verse', 'verses', 'v.', 'vv.'],
  volume: ['volume', 'volumes', 'vol.', 'vols.'],
};

/** CSL locator types (as CSL conditions spell them) and the name pandoc 2.17 gives each. */
const TYPES = Object.keys(TERMS).map((name) => [name === 'sub verbo' ? 'sub-verbo' : name, name]);

const STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
  <info><title>Locator probe</title><id>groundwork-locator-probe</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation>
    <layout>
      <text value="⟦"/>
      <choose><if variable="locator"><text value="Y"/></if><else><text value="N"/></else></choose>
      <text value="|"/>
      <choose>
${TYPES.map(([csl, name], n) => `        <${n === 0 ? 'if' : 'else-if'} locator="${csl}"><text value="${name}"/></${n === 0 ? 'if' : 'else-if'}>`).join('\n')}
        <else><text value="?"/></else>
      </choose>
      <text value="|"/>
      <text variable="locator"/>
      <text value="⟧"/>
    </layout>
  </citation>
</style>
`;

const hsStrip = (s) => s.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, '');

/** The locator as written: what citeproc consumed of the suffix, less `, `, braces and the term. */
function writtenLocator(consumed, label) {
  let c = consumed;
  if (c.startsWith(',')) c = c.slice(1);
  if (/^[ \u00a0]/.test(c)) c = c.slice(1);
  const delimited = c.startsWith('{') && c.endsWith('}');
  if (delimited) c = c.slice(1, -1).replace(/^[ \u00a0]+/, '');
  let term = '';
  for (let n = c.length; n > 0; n--) {
    if (TERMS[label]?.includes(hsStrip(c.slice(0, n)).toLowerCase())) {
      term = c.slice(0, n);
      break;
    }
  }
  return c.slice(term.length).replace(/\u00a0/g, ' ');
}

function generate() {
  const version = pandoc(['--version'], '').split('\n')[0].replace(/^pandoc\s+/, '');
  const citeproc = /citeproc ([\d.]+)/.exec(pandoc(['--version'], ''))?.[1] ?? 'unknown';
  const cases = [];
  const probes = []; // [caseIndex, citeIndex, itemIndex, suffix inlines]
  let apiVersion;
  for (const [id, input, about] of CASES) {
    const doc = JSON.parse(pandoc(['-f', 'markdown', '-t', 'json'], input));
    apiVersion = doc['pandoc-api-version'];
    if (doc.blocks.length !== 1 || !['Para', 'Plain'].includes(doc.blocks[0].t)) throw new Error(`${id}: not one paragraph`);
    const parts = [];
    for (const il of doc.blocks[0].c) {
      if (il.t === 'Cite') {
        const [citations, content] = il.c;
        const items = citations.map((c) => {
          const item = { key: c.citationId, mode: MODES[c.citationMode.t], prefix: plain(c.citationPrefix), suffix: plain(c.citationSuffix) };
          // citeproc renders a citation nested in a suffix into the outer one's place; its
          // split of such a suffix is not a fact worth keeping.
          if (c.citationSuffix.some((il) => il.t === 'Cite')) item.citeproc = 'not probed: the suffix holds a nested citation';
          else probes.push([cases.length, parts.length, citations.indexOf(c), c.citationSuffix]);
          return item;
        });
        parts.push({ raw: plain(content), items });
      } else if (typeof parts.at(-1) === 'string') parts[parts.length - 1] += plain([il]);
      else parts.push(plain([il]));
    }
    cases.push({ id, about, input, parts });
  }

  // One citeproc run for every suffix: a paragraph per citation.
  const dir = mkdtempSync(join(tmpdir(), 'pandoc-citations-'));
  try {
    writeFileSync(join(dir, 'probe.csl'), STYLE);
    writeFileSync(join(dir, 'refs.yaml'), '---\nreferences:\n- id: k\n  type: book\n  title: T\n...\n');
    const blocks = probes.map(([, , , suffix]) => ({
      t: 'Para',
      c: [{ t: 'Cite', c: [[{ citationId: 'k', citationPrefix: [], citationSuffix: suffix, citationMode: { t: 'NormalCitation' }, citationNoteNum: 1, citationHash: 0 }], [{ t: 'Str', c: 'x' }]] }],
    }));
    const input = JSON.stringify({ 'pandoc-api-version': apiVersion, meta: {}, blocks });
    const out = JSON.parse(pandoc(['-f', 'json', '-t', 'json', '--citeproc', `--csl=${join(dir, 'probe.csl')}`, `--metadata-file=${join(dir, 'refs.yaml')}`], input));
    const paras = out.blocks.filter((b) => b.t === 'Para');
    if (paras.length !== probes.length) throw new Error(`citeproc returned ${paras.length} paragraphs for ${probes.length} citations`);
    probes.forEach(([caseIndex, partIndex, itemIndex], n) => {
      const cite = paras[n].c.find((il) => il.t === 'Cite');
      const rendered = plain(cite.c[1]);
      const m = /^⟦([YN])\|([^|]*)\|([^⟧]*)⟧([\s\S]*)$/.exec(rendered);
      const c = cases[caseIndex];
      const item = c.parts[partIndex].items[itemIndex];
      if (!m) throw new Error(`${c.id}: cannot read citeproc output ${JSON.stringify(rendered)}`);
      const [, has, label, printed, rest] = m;
      if (has === 'N') {
        item.citeproc = { label: null, locator: null, suffix: rest };
        if (rest !== item.suffix && rest !== `, ${item.suffix}` && (rest + item.suffix).trim() !== '') console.warn(`${c.id}: suffix ${JSON.stringify(item.suffix)} came back as ${JSON.stringify(rest)}`);
      } else {
        if (!item.suffix.endsWith(rest)) throw new Error(`${c.id}: rest ${JSON.stringify(rest)} is not the end of ${JSON.stringify(item.suffix)}`);
        const locator = writtenLocator(item.suffix.slice(0, item.suffix.length - rest.length), label);
        const norm = (s) => s.replace(/[-–]+/g, '–').replace(/\s+/g, '');
        if (norm(locator) !== norm(printed)) console.warn(`${c.id}: locator ${JSON.stringify(locator)} printed as ${JSON.stringify(printed)}`);
        item.citeproc = { label, locator, printed, suffix: rest };
      }
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  return {
    about: 'What pandoc makes of pandoc citation syntax. Generated by scripts/pandoc-citations.mjs; do not edit by hand.',
    pandoc: version,
    citeproc,
    commands: ['pandoc -f markdown -t json', 'pandoc -f json -t json --citeproc --csl=<locator probe style>'],
    conventions: [
      'input: one Markdown paragraph, as an author writes it.',
      'parts: the paragraph in order: plain-text strings and Cite elements.',
      'plain text: Str as is, Space/SoftBreak as one space, Quoted with curly quotes, Span as its content, any other inline (Emph, Code, Link, a nested Cite, ...) as U+FFFC.',
      'raw: the Cite element\'s own text (its source as pandoc keeps it).',
      'items[].prefix / items[].suffix: citationPrefix / citationSuffix as plain text; the suffix still holds the locator.',
      'items[].citeproc: how pandoc --citeproc splits that suffix: label (CSL locator type, null when none), locator as written (null when none), printed (the locator as CSL prints it), suffix (what CSL receives after the locator).',
      'pandoc -f markdown has the smart extension: -- and --- become dashes, ... an ellipsis, and a no-break space follows known abbreviations (p., pp., ...).',
    ],
    cases,
  };
}

const data = generate();
const text = `${JSON.stringify(data, null, 2)}\n`;
if (process.argv.includes('--check')) {
  const old = readFileSync(OUT, 'utf8');
  if (old !== text) {
    console.error(`${OUT} differs from what pandoc ${data.pandoc} says now; run without --check to rewrite it`);
    process.exit(1);
  }
  console.log(`${data.cases.length} cases agree with pandoc ${data.pandoc}`);
} else {
  writeFileSync(OUT, text);
  console.log(`wrote ${data.cases.length} cases (pandoc ${data.pandoc}, citeproc ${data.citeproc}) to ${OUT}`);
}
