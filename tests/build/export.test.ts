/**
 * A reference manager's export dropped unedited into references/ (tests/fixtures/kb-export): 100
 * made-up references in the shapes real exports have — mostly Zotero + Better BibLaTeX (date,
 * journaltitle, langid, file, urldate, shorttitle, ids, short DOIs, \vphantom around a literal
 * brace), with entries kept in JabRef (@String and month macros, crossref, `and others`,
 * {``}quoted{''} titles, @MastersThesis) and exported by Mendeley Desktop (double-braced titles,
 * several addresses in one url, {\'{i}} accents, \ldots, arXiv eprints with their prefix) — and
 * ten topics that cite every key. The CLI checks and builds a copy of it once.
 *
 * What the export is allowed to cost: one `reference/unclassified` warning for the file, and the
 * `and others` warning (reference/missing-field, a documented warning: APA lists every author up
 * to 20, so the names left out are worth saying). Nothing else, and the build succeeds.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ROOT, groundwork, internals, pool, type RunResult } from './cli.ts';

const FIXTURE = join(APP_ROOT, 'tests/fixtures/kb-export');
const TOPICS = [
  'attendance', 'carer-groups', 'culture', 'facilitation-skills', 'group-development',
  'online-groups', 'outcomes', 'peer-facilitation', 'psychoeducation', 'standards',
];
/** The references with an evidence type (`evidence:` in their keywords); the other 87 have none. */
const CLASSIFIED = [
  'Brennan2014', 'Garcia2013', 'Kowalczyk2018', 'Walsh2020', 'abebePsychoeducationFamiliesPeople2008',
  'brennanSocialWorkGroups2013', 'carersStandardsCommunityGroup2021', 'ivanovaParentingGroupsPrimary2016',
  'lefevreSelfHelpGroups2021', 'mensahFacilitatingSupportGroups2022', 'mensahMeasuringTherapeuticAlliance2023',
  'mullerPeerSupportGroups2019', 'nationalAccessGroupInterventions2022',
];

let work: string;
let root: string;
let out: string;
let build: RunResult;
let check: RunResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gw-export-'));
  root = join(work, 'kb');
  out = join(work, 'site');
  cpSync(FIXTURE, root, { recursive: true });
  const runs = await pool([
    () => groundwork(['check', '--root', root, '--format', 'json']),
    () => groundwork(['build', '--root', root, '--out', out]),
  ]);
  check = runs[0]!;
  build = runs[1]!;
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (topic: string) => readFileSync(join(out, 'topics', topic, 'index.html'), 'utf8');

/** Every reference list item on the built topic pages, by key (its inner HTML). */
function referenceItems(): Map<string, string> {
  const items = new Map<string, string>();
  for (const topic of TOPICS) {
    const list = /<ol class="reference-list">([\s\S]*?)<\/ol>/.exec(page(topic))?.[1] ?? '';
    for (const m of list.matchAll(/<li id="ref-([^"]+)"[^>]*>([\s\S]*?)<\/li>/g)) items.set(m[1]!, m[2]!);
  }
  return items;
}

/** The keys the fixture's bibliography defines, in file order. */
function bibKeys(): string[] {
  const text = readFileSync(join(FIXTURE, 'references/library.bib'), 'utf8');
  return [...text.matchAll(/^@(\w+)\{([^,\s]+),/gm)].filter((m) => !/^(string|comment)$/i.test(m[1]!)).map((m) => m[2]!);
}

describe('an unedited export in references/', () => {
  it('checks with two warnings and no error: the unclassified references (one warning for the file, all 87 counted) and `and others`', () => {
    expect(internals(check.stdout + check.stderr)).toEqual([]);
    expect(check.code).toBe(0);
    const report = JSON.parse(check.stdout) as {
      problems: { file: string; line: number; column: number; severity: string; rule: string; message: string }[];
      summary: { errors: number; warnings: number; entries: number; references: number };
    };
    expect(report.summary).toMatchObject({ errors: 0, warnings: 2, entries: 10, references: 100 });
    const bib = join(root, 'references/library.bib');
    expect(report.problems.map((p) => ({ ...p, file: join(APP_ROOT, p.file) }))).toEqual([
      expect.objectContaining({
        file: bib,
        line: 29,
        column: 1,
        severity: 'warning',
        rule: 'reference/unclassified',
        message:
          '87 references in references/library.bib have no evidence type: `oneillAttendanceDropOut2012`, `fitzgeraldGroupCohesionOutcome2008`, `oseiMembersValueMutual2010`, `brennanFacilitatorTrainingPeer2010`, `duboisOnlineFaceFace2019`, `haddadConfidentialityAgreementsOpen2011`, `chenLonelinessOlderCarers2012`, `lefevreCoFacilitationGroups2011`, `eriksenStagesGroupDevelopment2022`, `schaferCulturalAdaptationGroup2018` and 77 more',
      }),
      expect.objectContaining({
        file: bib,
        line: 1206,
        column: 3,
        severity: 'warning',
        rule: 'reference/missing-field',
        message: 'the entry `Osei2012` ends its `author` list with `and others`; only the names given are printed',
      }),
    ]);
    expect(bibKeys().length - CLASSIFIED.length).toBe(87);
  });

  it('builds, reporting the same two warnings', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    const output = build.stdout + build.stderr;
    expect(output).toContain('⚠ 0 errors, 2 warnings in 10 entries and 100 references');
    expect(output).toContain('reference/unclassified');
  });

  it('writes every entry page, each listing exactly the references it cites, and every reference once', () => {
    const listed: string[] = [];
    for (const topic of TOPICS) {
      expect(existsSync(join(out, 'topics', topic, 'index.html'))).toBe(true);
      const html = page(topic);
      const cited = [...new Set([...html.matchAll(/<a href="#ref-([^"]+)"/g)].map((m) => m[1]!))].sort();
      const list = /<ol class="reference-list">([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
      const keys = [...list.matchAll(/<li id="ref-([^"]+)"/g)].map((m) => m[1]!);
      expect([...keys].sort()).toEqual(cited);
      listed.push(...keys);
    }
    expect(readdirSync(join(out, 'topics'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()).toEqual(TOPICS);
    expect([...new Set(listed)].sort()).toEqual(bibKeys().sort());
    const json = JSON.parse(readFileSync(join(out, 'references.json'), 'utf8')) as { id: string }[];
    expect(json.map((r) => r.id).sort()).toEqual(bibKeys().sort());
  });

  it('prints APA 7 references from each exporter’s habits', () => {
    const items = referenceItems();
    const expected: Record<string, string> = {
      // Better BibLaTeX: journaltitle, date, {{A}} after a colon, {\"u}, an e-page, url and doi (the DOI wins).
      mullerPeerSupportGroups2019:
        'Müller, J., Haddad, Y., &#38; Brennan, S. (2019). Peer support groups for carers: A randomised controlled trial. <i>Qualitative Practice Research</i>, <i>24</i>(3), e7669. <a href="https://doi.org/10.5555/gpq.3044">https://doi.org/10.5555/gpq.3044</a>',
      // Better BibLaTeX: a group author that is also the institution (not repeated as publisher).
      internationalSupportGroupsUnpaid2019:
        'International Council for Group Work. (2019). <i>Support groups for unpaid carers: A national survey</i>. <a href="https://reports.example.org/internationalsupportgroupsunpaid2019.pdf">https://reports.example.org/internationalsupportgroupsunpaid2019.pdf</a>',
      // Better BibTeX's \{\vphantom\}{{R}}\vphantom\{\}: the literal braces of the Zotero title, nothing else.
      brandtAnalysingGroupData2024: 'Brandt, J., &#38; Ode, L. (Eds.). (2024). <i>Analysing group data with {R}</i>. Fennick Books.',
      // langid = {ngerman}: the title is not put in English sentence case.
      ahmedGruppenarbeitPflegendenAngehorigen2019:
        'Ahmed, O., &#38; Schäfer, L. (2019). Gruppenarbeit mit pflegenden Angehörigen: Eine qualitative Studie. <i>Zeitschrift für Gemeindepflege</i>, <i>12</i>(2), 88–101. <a href="https://doi.org/10.5555/zfg.2019.088">https://doi.org/10.5555/zfg.2019.088</a>',
      // JabRef: {``}…{''} quotation marks, an @String journal, a month macro.
      Brennan2014:
        'Brennan, S., Walsh, C., &#38; Fitzgerald, M. (2014). “We are not alone”: Carers’ accounts of group membership. <i>Journal of Group Work Practice</i>, <i>19</i>(3), 211–229. <a href="https://doi.org/10.5555/jgwp.2014.0211">https://doi.org/10.5555/jgwp.2014.0211</a>',
      // JabRef: `and others` dropped (the warning above), an @String with \&, {Accra} kept.
      Osei2012:
        'Osei, A., Mensah, K., Abebe, T., &#38; Haddad, Y. (2012). Attendance at community support groups in Accra and Kumasi. <i>Health &#38; Community Care</i>, <i>7</i>, 45–59. <a href="https://doi.org/10.5555/hcc.2012.045">https://doi.org/10.5555/hcc.2012.045</a>',
      // JabRef: crossref to an @Proceedings (editors, title, publisher inherited).
      Holm2019:
        'Holm, I., &#38; Eriksen, T. (2019). Peer facilitators in rural carer groups. In P. Lindqvist &#38; K. Andersson (Eds.), <i>Proceedings of the Nordic symposium on group work</i> (pp. 15–24). Nordic Group Work Society.',
      // JabRef: @MastersThesis.
      Park2021: 'Park, M. (2021b). <i>Online peer support during lockdown</i> [Master’s thesis]. Harbour University.',
      // JabRef: {\v{r}} and {\'\i} accents.
      Dvorak2011:
        'Dvořák, T., &#38; Novák, J. (2011). Self-help groups in Czech mental health services. <i>Health &#38; Community Care</i>, <i>6</i>(1), 1–14. <a href="https://doi.org/10.5555/hcc.2011.001">https://doi.org/10.5555/hcc.2011.001</a>',
      // Mendeley: {\'{i}} accents, \textit in a double-braced title, a particle (de la Cruz).
      Garcia2013:
        'García, L., de la Cruz, M., &#38; Lefèvre, C. (2013). Group work with families in <i>barrios</i> of Madrid. <i>Qualitative Practice Research</i>, <i>12</i>(3), 150–166. <a href="https://doi.org/10.5555/qpr.2013.0150">https://doi.org/10.5555/qpr.2013.0150</a>',
      // Mendeley: \ldots ending a cut-short name, two addresses in url (the first is linked).
      Mbeki2012:
        'Mbeki, T., &#38; Osei, A. (2012). Community health workers as group facilitators. <i>Proceedings of the Annual Conference on Community …</i>, 212–219. <a href="http://www.example.org/proceedings/2012/212">http://www.example.org/proceedings/2012/212</a>',
      // Mendeley: eprint = {arXiv:1907.01234}.
      Nakamura2019: 'Nakamura, H., &#38; Chen, L. (2019). <i>Modelling attendance in open groups</i>. <a href="https://arxiv.org/abs/1907.01234">https://arxiv.org/abs/1907.01234</a>',
    };
    for (const [key, html] of Object.entries(expected)) expect({ key, html: items.get(key) }).toEqual({ key, html });
  });

  it('cites a group author with its abbreviation, and drops the names after `and others` from et al. too', () => {
    expect(page('culture')).toContain(
      '<span class="gw-cite">(see <a href="#ref-internationalSupportGroupsUnpaid2019">International Council for Group Work [ICGW], 2019, pp. 6–34</a>)</span>',
    );
    expect(page('psychoeducation')).toMatch(/<a href="#ref-Osei2012">Osei et al\., 2012[^<]*<\/a>/);
  });
});
