#!/usr/bin/env node
// `npm run bench`: Groundwork against a bare Astro build of the same pages.
//
// Generates a deterministic synthetic knowledge base of N entries (bench/work/kb-N/), a bare
// Astro project over the same Markdown files (bench/work/bare-N/) and, at one size, the same
// entries written as .mdx (bench/work/kb-N-mdx/), and measures, side by side in one run:
//   (a) bare Astro build + Pagefind, (b) Groundwork's full build (with the share of its search
//   index), (c) Groundwork's check alone: cold, warm, and warm after editing one entry,
//   (d) the built pages: entry page HTML and JavaScript, the largest page, the most links to
//   entry pages on any one page, (e) one Groundwork build of the .mdx variant.
// Writes bench/results.md (or bench/work/smoke-results.md with --smoke) and prints the tables.
// Exit 0 even when a target is missed; exit 1 when a build or check fails. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(APP_ROOT, 'bench');
const WORK_DIR = join(BENCH_DIR, 'work');
const NODE = process.execPath;
const ASTRO_BIN = join(APP_ROOT, 'node_modules/.bin/astro');
const PAGEFIND_BIN = join(APP_ROOT, 'node_modules/.bin/pagefind');
const TIME_BIN = '/usr/bin/time';

const USAGE = `Usage: node scripts/bench.mjs [options]

  --sizes 1000,10000  knowledge-base sizes (entries) to measure; default 1000,10000
  --runs N            runs per size (median is reported); default 3 for N <= 1000, else 1
  --mdx-size N        the size at which the .mdx variant is also built once (0: never);
                      default 1000 if measured, else the smallest size
  --smoke             N = 50, one run, no target verdicts; writes bench/work/smoke-results.md
  --seed N            seed of the generator; default 20261122
  --generate-only     write the knowledge bases and bare projects, measure nothing
  --no-time           measure peak memory with a Node preload instead of /usr/bin/time -v
  --no-verbose        build without GROUNDWORK_VERBOSE=1 (then the search index's share is
                      not reported; to see that the verbose log costs nothing)
  --groundwork FILE   the CLI to measure; default scripts/groundwork.mjs of this checkout
  --out FILE          where to write the results; default bench/results.md
                      (bench/work/smoke-results.md with --smoke)
  -h, --help          this text
`;

// ---------------------------------------------------------------------------------------------
// Options

let args;
try {
  args = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      runs: { type: 'string' },
      'mdx-size': { type: 'string' },
      smoke: { type: 'boolean', default: false },
      seed: { type: 'string', default: '20261122' },
      'generate-only': { type: 'boolean', default: false },
      'no-time': { type: 'boolean', default: false },
      'no-verbose': { type: 'boolean', default: false },
      groundwork: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  }).values;
} catch (error) {
  process.stderr.write(`${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const SMOKE = args.smoke;
const SIZES = SMOKE ? [50] : args.sizes.split(',').map((s) => Number(s.trim()));
if (SIZES.some((n) => !Number.isInteger(n) || n < 20)) {
  process.stderr.write(`--sizes must be whole numbers of at least 20, not ${args.sizes}\n`);
  process.exit(2);
}
if (new Set(SIZES).size !== SIZES.length) {
  process.stderr.write(`--sizes lists a size twice: ${args.sizes}\n`);
  process.exit(2);
}
// The size at which the same entries are also built as .mdx (one build).
const MDX_SIZE = args['mdx-size'] !== undefined ? Number(args['mdx-size']) : SIZES.includes(1000) ? 1000 : Math.min(...SIZES);
if (!(MDX_SIZE === 0 || SIZES.includes(MDX_SIZE))) {
  process.stderr.write(`--mdx-size must be one of the sizes measured (${SIZES.join(', ')}) or 0, not ${args['mdx-size']}\n`);
  process.exit(2);
}
const SEED = Number(args.seed) >>> 0;
// The Groundwork CLI to measure: this checkout's, or another's (e.g. to compare two versions).
const GROUNDWORK_BIN = resolve(args.groundwork ?? join(APP_ROOT, 'scripts/groundwork.mjs'));
const runsFor = (n) => (SMOKE ? 1 : args.runs ? Math.max(1, Number(args.runs)) : n <= 1000 ? 3 : 1);
const USE_TIME = !args['no-time'] && existsSync(TIME_BIN);
// The measured builds log through Astro's logger at level info, which includes the line
// `indexed N pages for search in S.SS s` (the search index's share of the build).
const VERBOSE = !args['no-verbose'];
// A command that runs longer than this is stopped and counts as failed.
const TIMEOUT_MS = (SMOKE ? 5 : 40) * 60 * 1000;
// A page that links to more than this share of the entries lists "everything" (a verdict at
// the largest size).
const LINK_SHARE_LIMIT = 0.1;
// Peak memory limit at the largest size, in KiB (4 GiB).
const MEMORY_LIMIT_KB = 4096 * 1024;

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (mulberry32)

function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  // Zipf-like choice: early items of the list are much more frequent, as in real prose.
  const zipf = (list) => list[Math.min(list.length - 1, Math.floor(list.length * next() ** 2.2))];
  return { next, int, pick, zipf };
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const WORDS = `the of and to in a that is for group members with as worker on are by be this it can
or their from at which an practice they social work each other groups may when its not
have more session who one sessions purpose help support often agency also what how about
between both these where should into than must only through before within while after
confidentiality consent trust norms cohesion meeting meetings process stage stages phase
beginning middle ending planning contract goals tasks roles feedback conflict leadership
facilitator facilitation participation discussion agenda records evaluation outcomes
evidence standards ethics values dignity respect autonomy self-determination privacy
disclosure information risk harm safety boundaries supervision colleagues training
community communities families children adults older young people carers parents
students service services setting settings programme programmes policy policies
assessment intervention recovery resilience strengths needs resources barriers access
culture cultural diversity identity language power inclusion exclusion difference
mutual aid sharing listening learning reflection experience experiences knowledge skills
behaviour behaviours attitudes beliefs emotions feelings anxiety stress grief loss change
composition size membership attendance duration structure format open closed online
electronic video platform recording notes documentation report reports review reviews
questions answers problems solutions decisions agreement agreements rules expectations
responsibility accountability transparency honesty fairness justice equity rights duty
protection mandated involuntary voluntary referral intake screening preparation orientation
termination transition follow-up continuity relationships relationship communication
dialogue silence conversation story stories narrative meaning purpose direction
practitioners professionals clinicians educators researchers managers volunteers leaders
study studies trial trials review findings results data sample method methods design
qualitative quantitative observational controlled systematic analysis measure measures
effect effects benefit benefits limitation limitations strength weakness approach approaches
model models theory theories framework frameworks principle principles guidance guidelines
careful clear consistent explicit shared common different distinct particular specific
early late regular brief long short small large diverse similar useful important central
helps shapes supports limits describes explains suggests reports shows notes argues finds
builds protects requires allows encourages reduces increases improves clarifies balances`.split(/\s+/).filter(Boolean);

const HEADING_WORDS = `Purpose Scope Planning Preparation Beginnings Contracting Norms Cohesion Conflict Endings
Evaluation Records Consent Confidentiality Privacy Disclosure Supervision Training Culture Diversity
Safety Risk Boundaries Roles Leadership Participation Outcomes Evidence Practice Ethics Policy
Reflection Feedback Access Inclusion Transitions Follow-up Documentation Online Composition Structure`.split(/\s+/);

const SURNAMES = `Abbott Adeyemi Alvarez Andersen Baptiste Bennett Bhatt Brennan Carvalho Chen Costa Dlamini
Duarte Eriksen Fischer Fitzgerald Garcia Gallagher Haddad Hartley Ibrahim Jansen Kaur Kowalski
Lindqvist Lopez MacLeod Mensah Moreau Murphy Nakamura Nguyen Novak Okafor Olsen Osei Patel Petrov
Quinn Rahman Reyes Richter Rossi Sato Schmidt Silva Singh Sorensen Tanaka Thompson Torres Varga
Walsh Weber Whitaker Yamamoto Zhang Zimmermann`.split(/\s+/);
const INITIALS = 'A B C D E F G H J K L M N P R S T V W'.split(' ');
const JOURNALS = [
  'Social Work with Groups',
  'Journal of Social Work Practice',
  'Groupwork',
  'British Journal of Social Work',
  'Research on Social Work Practice',
  'Journal of Evidence-Based Social Work',
  'Clinical Social Work Journal',
  'International Journal of Group Psychotherapy',
  'Health and Social Care in the Community',
  'Qualitative Social Work',
];
const PUBLISHERS = ['Pearson', 'Routledge', 'Oxford University Press', 'Columbia University Press', 'Sage', 'Guilford Press', 'NASW Press', 'Cengage Learning', 'Jessica Kingsley', 'Policy Press'];
const ORGS = [
  'National Council for Group Practice',
  'Association of Community Social Workers',
  'Institute for Family Services',
  'Regional Health and Care Partnership',
  'Federation of Youth Work Agencies',
  'Commission on Practice Standards',
  'Centre for Evidence in Social Care',
  'Council of Human Services Boards',
];
const EVIDENCE_BY_TYPE = {
  article: ['systematic-review', 'controlled-trial', 'observational-study', 'qualitative-study'],
  book: ['textbook'],
  report: ['code-of-ethics', 'practice-standard', 'organisational-policy', 'other'],
};

const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);
const pad = (n) => String(n).padStart(4, '0');

// ---------------------------------------------------------------------------------------------
// Generator: references

function generateReferences(count, rnd) {
  const refs = [];
  const usedKeys = new Set();
  const perType = { article: 0, book: 0, report: 0 };
  for (let i = 0; i < count; i++) {
    // Cycle through the types so that even a small base has all of them.
    const type = ['article', 'article', 'book', 'report', 'article', 'book', 'article', 'report', 'article', 'report'][i % 10];
    const evidence = EVIDENCE_BY_TYPE[type][perType[type]++ % EVIDENCE_BY_TYPE[type].length];
    const year = rnd.int(1995, 2025);
    const titleWords = Array.from({ length: rnd.int(4, 9) }, () => rnd.pick(WORDS.slice(40)));
    const title = cap(titleWords.join(' '));
    const fields = [];
    let keyBase;
    if (type === 'report') {
      const org = ORGS[i % ORGS.length];
      keyBase = org.split(' ').filter((w) => w.length > 3)[0].toLowerCase();
      fields.push(['title', title], ['author', `{${org}}`], ['institution', org]);
      if (rnd.next() < 0.5) fields.push(['number', String(rnd.int(1, 40))]);
      if (rnd.next() < 0.5) fields.push(['url', `https://example.org/reports/${year}/${i}`]);
    } else {
      const n = type === 'article' ? rnd.int(1, 5) : rnd.int(1, 3);
      const people = Array.from({ length: n }, () => `${rnd.pick(SURNAMES)}, ${rnd.pick(INITIALS)}.${rnd.next() < 0.4 ? ` ${rnd.pick(INITIALS)}.` : ''}`);
      keyBase = people[0].split(',')[0].toLowerCase();
      const edited = type === 'book' && rnd.next() < 0.25;
      fields.push(['title', title], [edited ? 'editor' : 'author', people.join(' and ')]);
      if (type === 'article') {
        fields.push(
          ['journal', rnd.pick(JOURNALS)],
          ['volume', String(rnd.int(1, 48))],
          ['number', String(rnd.int(1, 6))],
          ['pages', `${rnd.int(1, 300)}--${rnd.int(301, 340)}`],
          ['doi', `10.5555/bench.${year}.${pad(i)}`],
        );
      } else {
        fields.push(['publisher', rnd.pick(PUBLISHERS)]);
        if (rnd.next() < 0.7) fields.push(['edition', String(rnd.int(2, 9))]);
      }
    }
    fields.push(['year', String(year)], ['keywords', `evidence:${evidence}`]);
    let key = `${keyBase}${year}`;
    for (let s = 0; usedKeys.has(key); s++) key = `${keyBase}${year}${String.fromCharCode(97 + (s % 26))}${s >= 26 ? s : ''}`;
    usedKeys.add(key);
    refs.push({ key, type, evidence, fields });
  }
  return refs;
}

function bibtex(refs) {
  const out = ['% Synthetic references generated by scripts/bench.mjs (deterministic). Not real sources.', ''];
  for (const r of refs) {
    out.push(`@${r.type}{${r.key},`);
    out.push(r.fields.map(([k, v]) => `  ${k} = {${v}}`).join(',\n'));
    out.push('}', '');
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Generator: entries

function sentence(rnd, min = 9, max = 17) {
  const n = rnd.int(min, max);
  const words = [];
  for (let i = 0; i < n; i++) words.push(rnd.zipf(WORDS));
  words[0] = cap(words[0]);
  return words;
}

/** One entry: ~500 words, 3 sections of 2 paragraphs, 2 citations and 2 links per paragraph. */
function generateEntry(i, n, refs, rnd) {
  const id = `topics/t${pad(i)}`;
  const title = `${cap(rnd.pick(WORDS.slice(60)))} and ${rnd.pick(WORDS.slice(60))} in group work (${pad(i)})`;
  const summary = `What ${rnd.pick(WORDS.slice(60))} and ${rnd.pick(WORDS.slice(60))} mean for group work, and how the worker approaches them.`;
  const stats = { words: 0, citations: 0, links: 0 };
  // The first citation of entry i is reference i mod R, so every reference is cited somewhere.
  let firstRef = refs[i % refs.length].key;
  const refKey = () => {
    if (firstRef) {
      const k = firstRef;
      firstRef = undefined;
      return k;
    }
    return rnd.pick(refs).key;
  };
  const target = () => {
    // Mostly near neighbours (a section of related entries), sometimes anywhere.
    let t;
    do t = rnd.next() < 0.6 ? Math.min(n, Math.max(1, i + rnd.int(-30, 30))) : rnd.int(1, n);
    while (t === i);
    return `topics/t${pad(t)}`;
  };
  const citation = () => {
    stats.citations++;
    const r = rnd.next();
    if (r < 0.4) return { atom: `[@${refKey()}]` };
    if (r < 0.65) {
      const loc = rnd.next();
      const locator = loc < 0.6 ? `p. ${rnd.int(2, 380)}` : loc < 0.8 ? `pp. ${rnd.int(2, 200)}-${rnd.int(201, 260)}` : loc < 0.9 ? `ch. ${rnd.int(1, 14)}` : `sec. ${rnd.int(1, 9)}.${rnd.int(1, 9)}`;
      return { atom: `[@${refKey()}, ${locator}]` };
    }
    if (r < 0.85) {
      const a = refKey();
      let b = rnd.pick(refs).key;
      if (b === a && refs.length > 1) b = refs[(refs.indexOf(refs.find((x) => x.key === a)) + 1) % refs.length].key;
      return { atom: `[@${a}; @${b}]` };
    }
    return { narrative: `@${refKey()}` };
  };
  const link = () => {
    stats.links++;
    const t = target();
    if (rnd.next() < 0.4) {
      const label = Array.from({ length: rnd.int(1, 3) }, () => rnd.pick(WORDS.slice(60))).join(' ');
      return `[[${t}|${label}]]`;
    }
    return `[[${t}]]`;
  };

  const body = [];
  const usedHeadings = new Set();
  for (let s = 0; s < 3; s++) {
    let heading;
    do heading = `${rnd.pick(HEADING_WORDS)} and ${rnd.pick(HEADING_WORDS).toLowerCase()}`;
    while (usedHeadings.has(heading));
    usedHeadings.add(heading);
    body.push(`## ${heading}`, '');
    stats.words += heading.split(' ').length;
    for (let p = 0; p < 2; p++) {
      const nSent = rnd.int(5, 7);
      const sentences = Array.from({ length: nSent }, () => sentence(rnd));
      // Two citations: one at the end of a sentence, one at the end of the paragraph (so that
      // every paragraph cites). Two links inside sentences.
      const cites = [citation(), citation()];
      const citeAt = [rnd.int(0, nSent - 2), nSent - 1];
      const links = [link(), link()];
      const linkAt = [rnd.int(0, nSent - 1), rnd.int(0, nSent - 1)];
      const atoms = [];
      sentences.forEach((words, si) => {
        const c = cites.find((_, k) => citeAt[k] === si && cites[k].narrative);
        if (c && citeAt[cites.indexOf(c)] === si) {
          words = [c.narrative, rnd.pick(['argue', 'report', 'note', 'describe', 'find']), 'that', words[0].toLowerCase(), ...words.slice(1)];
        }
        stats.words += words.length;
        const ls = links.filter((_, k) => linkAt[k] === si);
        for (const l of ls) {
          const at = rnd.int(2, words.length - 1);
          const lead = rnd.pick(['see', 'as in', 'compare', 'also']);
          words.splice(at, 0, `(${lead} ${l})`);
          stats.words += lead.split(' ').length;
        }
        const cs = cites.filter((x, k) => citeAt[k] === si && x.atom);
        atoms.push(...words.slice(0, -1));
        const last = words[words.length - 1];
        if (cs.length > 0) atoms.push(last, ...cs.slice(0, -1).map((x) => x.atom), `${cs[cs.length - 1].atom}.`);
        else atoms.push(`${last}.`);
      });
      body.push(...wrap(atoms, 92), '');
    }
  }
  const text = ['---', 'kind: topic', `title: ${JSON.stringify(title)}`, `summary: ${JSON.stringify(summary)}`, '---', '', ...body].join('\n');
  return { id, text, stats };
}

/** Wrap atoms (words, or whole citations and links) into lines of at most `width` characters. */
function wrap(atoms, width) {
  const lines = [];
  let line = '';
  for (const a of atoms) {
    // Multi-word atoms ("[@a, p. 12]", "(see", "[[x|a b]]") are joined with spaces inside but
    // never broken across lines.
    if (line && line.length + 1 + a.length > width) {
      lines.push(line);
      line = a;
    } else line = line ? `${line} ${a}` : a;
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * The body of an entry as valid MDX: `{`, `}` and `<` would start an expression or a JSX tag,
 * so each is escaped with a backslash (a Markdown character escape). The frontmatter is YAML
 * and stays as it is. The generator writes none of them today; the count says if it ever does.
 */
function toMdx(text) {
  const end = text.indexOf('\n---\n', 4) + 5;
  let escaped = 0;
  const body = text.slice(end).replace(/[{}<]/g, (c) => {
    escaped++;
    return `\\${c}`;
  });
  return { text: text.slice(0, end) + body, escaped };
}

/**
 * Knowledge base kb-N (or kb-N-mdx: the same entries, from the same seed, written to .mdx
 * files). Returns its folder, averages per entry and what the warm-check edit needs.
 */
function generateKb(n, { mdx = false } = {}) {
  const dir = join(WORK_DIR, `kb-${n}${mdx ? '-mdx' : ''}`);
  const rnd = prng(SEED ^ Math.imul(n, 2654435761));
  const refs = generateReferences(Math.max(5, Math.ceil(n / 10)), rnd);
  rmSync(join(dir, 'content'), { recursive: true, force: true });
  rmSync(join(dir, 'references'), { recursive: true, force: true });
  mkdirSync(join(dir, 'content/topics'), { recursive: true });
  mkdirSync(join(dir, 'references'), { recursive: true });
  writeFileSync(
    join(dir, 'groundwork.config.yaml'),
    `# Synthetic knowledge base generated by scripts/bench.mjs (N = ${n}, seed ${SEED}${mdx ? ', entries as .mdx' : ''}).\ntitle: Benchmark knowledge base (${n} entries)\ndescription: A synthetic knowledge base for measuring build times. Its text and sources are invented.\nsite: https://bench.example.org\n`,
  );
  writeFileSync(join(dir, 'references/bench.bib'), bibtex(refs));
  const totals = { words: 0, citations: 0, links: 0 };
  let escaped = 0;
  const ext = mdx ? 'mdx' : 'md';
  for (let i = 1; i <= n; i++) {
    const e = generateEntry(i, n, refs, rnd);
    let text = e.text;
    if (mdx) {
      const m = toMdx(text);
      text = m.text;
      escaped += m.escaped;
    }
    writeFileSync(join(dir, 'content', `${e.id}.${ext}`), `${text}\n`);
    for (const k of Object.keys(totals)) totals[k] += e.stats[k];
  }
  return {
    dir,
    n,
    references: refs.length,
    words: totals.words / n,
    citations: totals.citations / n,
    links: totals.links / n,
    escaped,
    // The entry edited before the "warm check after one edit", and a reference it can cite.
    editFile: join(dir, 'content', `topics/t${pad(1)}.${ext}`),
    editRef: refs[0].key,
  };
}

// ---------------------------------------------------------------------------------------------
// Bare Astro project over the same Markdown files

function generateBare(n) {
  const dir = join(WORK_DIR, `bare-${n}`);
  rmSync(join(dir, 'src'), { recursive: true, force: true });
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  // Defaults only. It lives inside /work/main (bench/work), so `astro` resolves from the
  // project's node_modules: no package.json, no install.
  writeFileSync(join(dir, 'astro.config.mjs'), `import { defineConfig } from 'astro/config';\n\nexport default defineConfig({});\n`);
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// The same Markdown files as ../kb-${n}; citations and [[links]] stay plain text.
const entries = defineCollection({
  loader: glob({ pattern: '**/*.md', base: '../kb-${n}/content' }),
  schema: z.object({ kind: z.string(), title: z.string(), summary: z.string() }),
});

export const collections = { entries };
`,
  );
  writeFileSync(
    join(dir, 'src/pages/[...id].astro'),
    `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  const entries = await getCollection('entries');
  return entries.map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}

const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>{entry.data.title}</title>
    <meta name="description" content={entry.data.summary} />
  </head>
  <body>
    <main data-pagefind-body>
      <h1>{entry.data.title}</h1>
      <p>{entry.data.summary}</p>
      <Content />
    </main>
  </body>
</html>
`,
  );
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Measuring a child process: wall time and peak memory

const RSS_PRELOAD = `data:text/javascript;base64,${Buffer.from(
  "import{appendFileSync}from'node:fs';process.on('exit',()=>{try{appendFileSync(process.env.BENCH_RSS_FILE,process.resourceUsage().maxRSS+'\\n')}catch{}});",
).toString('base64')}`;

// Whole-tree memory: every SAMPLE_MS the resident sets of the child and all its descendants
// (e.g. Node and the Pagefind binary it runs as a service) are added up from /proc. A sample
// can miss a short peak; /usr/bin/time's figure (the largest single process) is exact.
const SAMPLE_MS = 250;
const HAS_PROC = existsSync('/proc/self/stat');
const PAGE_KB = (() => {
  try {
    return Number(execFileSync('getconf', ['PAGESIZE'], { encoding: 'utf8' }).trim()) / 1024 || 4;
  } catch {
    return 4;
  }
})();

// /proc/PID/task/TID/children lists a thread's child processes (Linux 3.5+): the tree is then
// walked from the root alone; without it, every process's stat is read to find the tree.
const HAS_CHILDREN = existsSync(`/proc/${process.pid}/task/${process.pid}/children`);

/** Resident set of `root` and all its descendants, in KiB (NaN without /proc). */
function treeRssKB(root) {
  if (!HAS_CHILDREN) return treeRssKBByScan(root);
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    let tasks;
    try {
      // statm: size resident shared … in pages.
      total += Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_KB;
      tasks = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue; // ended meanwhile
    }
    for (const tid of tasks) {
      try {
        for (const child of readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ')) if (child) stack.push(Number(child));
      } catch {}
    }
  }
  return total;
}

function treeRssKBByScan(root) {
  let names;
  try {
    names = readdirSync('/proc');
  } catch {
    return NaN;
  }
  const children = new Map();
  const rss = new Map();
  for (const name of names) {
    if (name.charCodeAt(0) > 57) continue; // not a process id
    let stat;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // After "pid (comm) ": state ppid pgrp … rss is the 24th field of the line.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pid = Number(name);
    const ppid = Number(f[1]);
    rss.set(pid, Number(f[21]) * PAGE_KB);
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop();
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * Run `node <args>` as a child process. Peak memory is the largest resident set of the child
 * or any descendant it waited for (e.g. the Pagefind binary): /usr/bin/time -v reports it;
 * without it, a preload records the peak of every Node process (not of the Pagefind binary).
 * `treeKB` is the sampled peak of the whole process tree (all processes added up).
 */
// Children still running when the benchmark is interrupted are stopped with it, and an entry
// edited for the warm check is put back.
const running = new Set();
let undoEdit;
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    for (const pid of running) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {}
    }
    undoEdit?.();
    process.exit(130);
  });
}

async function measure(label, nodeArgs, { cwd = APP_ROOT, log, env: extraEnv = {} }) {
  const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  delete env.GROUNDWORK_VERBOSE;
  Object.assign(env, extraEnv);
  const rssFile = join(WORK_DIR, `.rss-${process.pid}`);
  rmSync(rssFile, { force: true });
  let cmd = NODE;
  let cmdArgs = nodeArgs;
  if (USE_TIME) {
    cmd = TIME_BIN;
    cmdArgs = ['-v', '-o', rssFile, NODE, ...nodeArgs];
  } else {
    env.BENCH_RSS_FILE = rssFile;
    env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} --import=${RSS_PRELOAD}`.trim();
  }
  appendFileSync(log, `\n$ ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v} `).join('')}${[NODE, ...nodeArgs].join(' ')}   (cwd ${cwd})\n`);
  const t0 = performance.now();
  // Its own process group, so that a command that hangs can be stopped with its children.
  const child = spawn(cmd, cmdArgs, { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
  running.add(child.pid);
  let treeKB = NaN;
  const sampler = HAS_PROC
    ? setInterval(() => {
        const kb = treeRssKB(child.pid);
        if (kb > treeKB || Number.isNaN(treeKB)) treeKB = kb;
      }, SAMPLE_MS)
    : undefined;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  }, TIMEOUT_MS);
  const status = await new Promise((res) => {
    child.on('error', (e) => {
      stderr += `${e.message}\n`;
      res(-1);
    });
    child.on('close', (code, signal) => res(code ?? signal));
  });
  clearTimeout(timer);
  clearInterval(sampler);
  running.delete(child.pid);
  const ms = performance.now() - t0;
  appendFileSync(log, `${stdout}${stderr}`);
  let rssKB = NaN;
  if (existsSync(rssFile)) {
    const text = readFileSync(rssFile, 'utf8');
    if (USE_TIME) rssKB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]);
    else rssKB = Math.max(...text.split('\n').filter(Boolean).map(Number));
    if (USE_TIME) appendFileSync(log, text);
    rmSync(rssFile, { force: true });
  }
  const ok = status === 0 && !timedOut;
  if (!ok) {
    const tail = `${stdout}${stderr}`.trim().split('\n').slice(-25).join('\n');
    const why = timedOut ? `stopped after ${TIMEOUT_MS / 60000} min` : `exit ${status}`;
    process.stderr.write(`\n${label} failed (${why}). Last lines (full log: ${relative(APP_ROOT, log)}):\n${tail}\n`);
  }
  // The tree's peak is at least that of its largest process (a sample can miss the peak, and a
  // command shorter than one sample has none).
  if (Number.isFinite(rssKB)) treeKB = Number.isFinite(treeKB) ? Math.max(treeKB, rssKB) : rssKB;
  return { ok, ms, rssKB, treeKB, stdout, output: `${stdout}${stderr}` };
}

// ---------------------------------------------------------------------------------------------
// Inspecting built pages

function entryPages(dist, n) {
  const pages = [];
  for (let i = 1; i <= n; i++) pages.push({ url: `/topics/t${pad(i)}/`, file: join(dist, `topics/t${pad(i)}/index.html`) });
  return pages;
}

/** Every .html file of a built site (outside pagefind/ and _astro/), with the URL it is served at. */
function htmlFiles(dist) {
  const out = [];
  const walk = (d) => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      if (ent.isDirectory()) {
        if (ent.name !== 'pagefind' && ent.name !== '_astro') walk(join(d, ent.name));
      } else if (ent.name.endsWith('.html')) {
        const file = join(d, ent.name);
        const url = `/${relative(dist, file).split(/[\\/]/).join('/')}`.replace(/(^|\/)index\.html$/, '$1');
        out.push({ file, url });
      }
    }
  };
  if (existsSync(dist)) walk(dist);
  return out;
}

// The generated config's site: absolute links to it (canonical, cite-this) are internal.
const SITE_ORIGIN = 'https://bench.example.org';
const ENTRY_URL = /^\/topics\/t\d+\/$/;

/** The distinct entry pages a page links to (itself not counted), by href. */
function entryLinkCount(page) {
  const html = readFileSync(page.file, 'utf8');
  const targets = new Set();
  for (const m of html.matchAll(/\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) {
    let href = (m[1] ?? m[2] ?? m[3]).replace(/&amp;/g, '&');
    if (href.startsWith(SITE_ORIGIN)) href = href.slice(SITE_ORIGIN.length) || '/';
    else if (/^[a-z][a-z\d+.-]*:|^\/\//i.test(href)) continue; // another site, mailto: …
    href = href.split(/[?#]/)[0];
    if (href === '') continue; // a fragment of the same page
    let abs = posix.resolve(posix.dirname(page.url.endsWith('/') ? `${page.url}x` : page.url), href).replace(/\/index\.html$/, '');
    if (!abs.endsWith('/')) abs += '/';
    if (ENTRY_URL.test(abs) && abs !== page.url) targets.add(abs);
  }
  return targets.size;
}

const JS_TYPES = new Set(['', 'module', 'text/javascript', 'application/javascript']);
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g;

/**
 * JavaScript an entry page loads before search is used: every <script src> (and
 * <link rel=modulepreload>) file with the modules it imports statically, plus inline scripts.
 * Dynamic import() (e.g. Pagefind on first search) is not counted.
 */
function pageJs(dist, page) {
  const html = readFileSync(page.file, 'utf8');
  const files = new Set();
  const missing = [];
  let inline = 0;
  const toFile = (url, fromUrl) => {
    if (/^[a-z]+:|^\/\//i.test(url)) return undefined; // external: counted as missing
    const abs = posix.resolve(posix.dirname(fromUrl.endsWith('/') ? `${fromUrl}x` : fromUrl), url.split(/[?#]/)[0]);
    return { url: abs, file: join(dist, abs) };
  };
  const queue = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attrs = m[1];
    const type = (/\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1] ?? '').toLowerCase();
    if (!JS_TYPES.has(type)) continue;
    const src = /\bsrc\s*=\s*["']?([^"'\s>]+)/i.exec(attrs)?.[1];
    if (src) queue.push(toFile(src, page.url) ?? { url: src, file: undefined });
    else inline += Buffer.byteLength(m[2]);
  }
  for (const m of html.matchAll(/<link\b[^>]*rel\s*=\s*["']?modulepreload[^>]*>/gi)) {
    const href = /\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1];
    if (href) queue.push(toFile(href, page.url) ?? { url: href, file: undefined });
  }
  let external = 0;
  while (queue.length > 0) {
    const f = queue.shift();
    if (!f.file || !existsSync(f.file)) {
      missing.push(f.url);
      external++;
      continue;
    }
    if (files.has(f.file)) continue;
    files.add(f.file);
    const js = readFileSync(f.file, 'utf8');
    for (const m of js.matchAll(STATIC_IMPORT)) {
      const t = toFile(m[1], f.url);
      if (t && !files.has(t.file)) queue.push(t);
    }
  }
  let fileBytes = 0;
  for (const f of files) fileBytes += statSync(f).size;
  return { bytes: fileBytes + inline, files: files.size, inline, missing };
}

/**
 * What the built site weighs: the N entry pages (median HTML, the gzip size of the median page,
 * JavaScript before search) and, with `scan`, every HTML page (the largest one, and the most
 * distinct entry pages any one page links to).
 */
function inspectSite(dist, n, { scan = false } = {}) {
  const pages = entryPages(dist, n);
  const present = pages.filter((p) => existsSync(p.file)).map((p) => ({ ...p, bytes: statSync(p.file).size }));
  const bySize = [...present].sort((a, b) => a.bytes - b.bytes);
  // The median page (the lower of the two middle ones for an even count), gzipped as a server
  // would send it (zlib's default level, 6).
  const medianPage = bySize[(bySize.length - 1) >> 1];
  const medianGzip = medianPage ? gzipSync(readFileSync(medianPage.file)).length : NaN;
  // JS: 25 entry pages spread across the site, worst case reported.
  const step = Math.max(1, Math.floor(present.length / 25));
  let js = { bytes: 0, files: 0, inline: 0, missing: [] };
  for (let k = 0; k < present.length; k += step) {
    const r = pageJs(dist, present[k]);
    if (r.bytes >= js.bytes) js = r;
  }
  const all = htmlFiles(dist);
  const site = {
    entryPages: present.length,
    htmlPages: all.length,
    medianHtml: median(bySize.map((p) => p.bytes)),
    medianGzip,
    js,
    pagefind: existsSync(join(dist, 'pagefind')),
    handbook: existsSync(join(dist, 'handbook/index.html')),
    topicIndexPages: all.filter((p) => /^\/topics\/(page\/\d+\/)?$/.test(p.url)).length,
  };
  if (scan) {
    let largest = { bytes: -1, url: '' };
    let mostLinks = { count: -1, url: '' };
    for (const p of all) {
      const bytes = statSync(p.file).size;
      if (bytes > largest.bytes) largest = { bytes, url: p.url };
      const count = entryLinkCount(p);
      if (count > mostLinks.count) mostLinks = { count, url: p.url };
    }
    Object.assign(site, { largest, mostLinks });
  }
  return site;
}

// ---------------------------------------------------------------------------------------------
// Runs

function median(xs) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The run whose total time is the median one (so that its parts and memory go together). */
function medianRun(runs) {
  const s = [...runs].sort((a, b) => a.ms - b.ms);
  return s[(s.length - 1) >> 1];
}

async function runBare(n, dir, log) {
  for (const d of ['dist', '.astro', 'node_modules']) rmSync(join(dir, d), { recursive: true, force: true });
  const astro = await measure(`bare Astro build (N=${n})`, [ASTRO_BIN, 'build', '--root', dir], { cwd: dir, log });
  if (!astro.ok) return { ok: false };
  const pf = await measure(`Pagefind on the bare build (N=${n})`, [PAGEFIND_BIN, '--site', join(dir, 'dist')], { cwd: dir, log });
  if (!pf.ok) return { ok: false };
  // Astro and Pagefind run one after the other: the peak is the larger of the two.
  return { ok: true, ms: astro.ms + pf.ms, astroMs: astro.ms, pagefindMs: pf.ms, rssKB: Math.max(astro.rssKB, pf.rssKB), astroRssKB: astro.rssKB, pagefindRssKB: pf.rssKB, treeKB: Math.max(astro.treeKB, pf.treeKB) };
}

const INDEXED = /indexed (\d+) pages for search in ([\d.]+) s/;

/** One cold Groundwork build (no site, no parse cache), logging at level info (VERBOSE). */
async function runGroundworkBuild(label, kbDir, log) {
  const out = join(kbDir, 'dist');
  rmSync(out, { recursive: true, force: true });
  // From scratch: no parse cache from earlier runs.
  rmSync(join(kbDir, '.groundwork'), { recursive: true, force: true });
  const r = await measure(label, [GROUNDWORK_BIN, 'build', '--root', kbDir, '--out', out, '--no-cache'], { log, env: VERBOSE ? { GROUNDWORK_VERBOSE: '1' } : {} });
  const indexed = INDEXED.exec(r.output.replace(/\x1b\[[\d;]*m/g, ''));
  return { ok: r.ok, ms: r.ms, rssKB: r.rssKB, treeKB: r.treeKB, indexPages: indexed ? Number(indexed[1]) : NaN, indexMs: indexed ? Number(indexed[2]) * 1000 : NaN };
}

async function runCheckOnce(label, kbDir, log, { cache }) {
  const r = await measure(label, [GROUNDWORK_BIN, 'check', '--root', kbDir, '--format', 'json', ...(cache ? [] : ['--no-cache'])], { log });
  let summary;
  try {
    summary = JSON.parse(r.stdout).summary;
  } catch {
    summary = undefined;
  }
  return { ok: r.ok, ms: r.ms, rssKB: r.rssKB, treeKB: r.treeKB, internalMs: summary?.ms, errors: summary?.errors, warnings: summary?.warnings };
}

/** An entry with one more cited sentence at the end of its last paragraph (the base stays valid). */
function editedEntry(text, ref, run) {
  return `${text.trimEnd()} The benchmark added this sentence to measure a check after one edit (run ${run}) [@${ref}].\n`;
}

/**
 * `check` three ways: cold (every file parsed: --no-cache); warm (after one unmeasured run has
 * filled the parse cache, nothing changed); and warm after one edit (one entry changed, as when
 * an author saves a file and re-runs check). The edited entry is put back afterwards.
 */
async function runChecks(n, kb, log, run) {
  const cold = await runCheckOnce(`Groundwork check, cold (N=${n})`, kb.dir, log, { cache: false });
  if (!cold.ok) return { ok: false };
  const fill = await runCheckOnce(`Groundwork check, filling the cache (N=${n})`, kb.dir, log, { cache: true });
  if (!fill.ok) return { ok: false };
  const warm = await runCheckOnce(`Groundwork check, warm (N=${n})`, kb.dir, log, { cache: true });
  if (!warm.ok) return { ok: false };
  const original = readFileSync(kb.editFile, 'utf8');
  undoEdit = () => writeFileSync(kb.editFile, original);
  let edit;
  try {
    writeFileSync(kb.editFile, editedEntry(original, kb.editRef, run));
    edit = await runCheckOnce(`Groundwork check, warm after editing ${relative(kb.dir, kb.editFile)} (N=${n})`, kb.dir, log, { cache: true });
  } finally {
    undoEdit();
    undoEdit = undefined;
  }
  return { ok: edit.ok, cold, warm, edit };
}

// ---------------------------------------------------------------------------------------------
// Formatting

const fmtS = (ms) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(ms < 10000 ? 2 : 1)} s` : '—');
const fmtMs = (ms) => (Number.isFinite(ms) ? `${ms < 10 ? ms.toFixed(2) : ms.toFixed(1)} ms` : '—');
const fmtMiB = (kb) => (Number.isFinite(kb) ? `${Math.round(kb / 1024)} MiB` : '—');
const fmtKB = (b) => (!Number.isFinite(b) ? '—' : b < 1000 ? `${Math.round(b)} B` : `${(b / 1000).toFixed(1)} KB`);
const fmtX = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : '—');
const fmtPct = (x) => (Number.isFinite(x) ? `${(100 * x).toFixed(x < 0.1 ? 1 : 0)} %` : '—');

function table(head, rows) {
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map((h, i) => (i < 2 ? '---' : '---:')).join(' | ')} |`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}

function machine() {
  const cpus = os.cpus();
  return {
    nproc: os.availableParallelism?.() ?? cpus.length,
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    load: os.loadavg().map((x) => x.toFixed(2)).join(', '),
    astro: JSON.parse(readFileSync(join(APP_ROOT, 'node_modules/astro/package.json'), 'utf8')).version,
    pagefind: JSON.parse(readFileSync(join(APP_ROOT, 'node_modules/pagefind/package.json'), 'utf8')).version,
  };
}

// ---------------------------------------------------------------------------------------------
// Main

async function main() {
  mkdirSync(WORK_DIR, { recursive: true });
  const log = join(WORK_DIR, SMOKE ? 'smoke.log' : 'bench.log');
  writeFileSync(log, `Groundwork benchmark log, ${new Date().toISOString()}\n`);
  const started = performance.now();
  const mach = machine();
  console.log(`Groundwork benchmark: sizes ${SIZES.join(', ')}${SMOKE ? ' (smoke)' : ''}${MDX_SIZE ? `, .mdx variant at ${MDX_SIZE}` : ''}; ${mach.nproc} CPUs, ${mach.memory}, Node ${mach.node}; peak memory via ${USE_TIME ? '/usr/bin/time -v' : 'a Node preload (process.resourceUsage)'}${HAS_PROC ? ' and /proc samples of the process tree' : ''}`);

  const results = [];
  let failed = false;
  for (const n of SIZES) {
    const t0 = performance.now();
    const kb = generateKb(n);
    const bareDir = generateBare(n);
    const mdxKb = n === MDX_SIZE ? generateKb(n, { mdx: true }) : undefined;
    console.log(`\nN = ${n}: generated ${n} entries (${kb.words.toFixed(0)} words, ${kb.citations.toFixed(1)} citations, ${kb.links.toFixed(1)} links each on average) and ${kb.references} references${mdxKb ? `, and the same entries as .mdx (${mdxKb.escaped} characters escaped)` : ''} in ${fmtS(performance.now() - t0)}`);
    if (args['generate-only']) continue;
    const runs = runsFor(n);
    const bare = [];
    const build = [];
    const check = [];
    const warm = [];
    const edit = [];
    for (let k = 1; k <= runs; k++) {
      process.stdout.write(`  run ${k}/${runs}: bare Astro… `);
      const b = await runBare(n, bareDir, log);
      if (!b.ok) {
        failed = true;
        break;
      }
      bare.push(b);
      process.stdout.write(`${fmtS(b.ms)}; Groundwork build… `);
      const g = await runGroundworkBuild(`Groundwork build (N=${n})`, kb.dir, log);
      if (!g.ok) {
        failed = true;
        break;
      }
      build.push(g);
      process.stdout.write(`${fmtS(g.ms)}; check cold, warm, after one edit… `);
      const c = await runChecks(n, kb, log, k);
      if (!c.ok) {
        failed = true;
        break;
      }
      check.push(c.cold);
      warm.push(c.warm);
      edit.push(c.edit);
      console.log(`${fmtS(c.cold.ms)}, ${fmtS(c.warm.ms)}, ${fmtS(c.edit.ms)}`);
    }
    if (failed) break;
    let mdx;
    if (mdxKb) {
      process.stdout.write(`  the same entries as .mdx: Groundwork build… `);
      const g = await runGroundworkBuild(`Groundwork build of the .mdx variant (N=${n})`, mdxKb.dir, log);
      if (!g.ok) {
        failed = true;
        break;
      }
      console.log(fmtS(g.ms));
      mdx = { build: g, site: inspectSite(join(mdxKb.dir, 'dist'), n) };
    }
    process.stdout.write('  inspecting the built pages… ');
    const t1 = performance.now();
    const bareSite = inspectSite(join(bareDir, 'dist'), n);
    const gwSite = inspectSite(join(kb.dir, 'dist'), n, { scan: true });
    console.log(fmtS(performance.now() - t1));
    for (const [name, site] of [
      ['bare Astro', bareSite],
      ['Groundwork', gwSite],
      ...(mdx ? [['Groundwork (.mdx)', mdx.site]] : []),
    ]) {
      if (site.entryPages !== n || !site.pagefind) {
        process.stderr.write(`\nThe ${name} build at N=${n} is incomplete: ${site.entryPages} of ${n} entry pages, ${site.pagefind ? 'with' : 'without'} a search index.\n`);
        failed = true;
      }
      if (site.js.missing.length > 0) console.log(`  note: ${name} entry pages reference scripts that are not in the build: ${site.js.missing.join(', ')}`);
    }
    for (const [what, c] of [
      ['check (cold)', check[0]],
      ['check (warm)', warm[0]],
      ['check after one edit', edit[0]],
    ]) {
      if (c.errors !== 0 || c.warnings !== 0) console.log(`  note: ${what} reported ${c.errors} errors and ${c.warnings} warnings on the generated base`);
    }
    if (VERBOSE && !Number.isFinite(build[0].indexMs)) console.log(`  note: the Groundwork build did not log "indexed N pages for search in S s"; the search index's share is not known`);
    results.push({
      n,
      kb,
      runs,
      bare: medianRun(bare),
      build: medianRun(build),
      check: medianRun(check),
      checkInternal: median(check.map((c) => c.internalMs)),
      warm: medianRun(warm),
      warmInternal: median(warm.map((c) => c.internalMs)),
      edit: medianRun(edit),
      editInternal: median(edit.map((c) => c.internalMs)),
      mdx,
      mdxEscaped: mdxKb?.escaped,
      bareSite,
      gwSite,
      all: { bare, build, check, warm, edit },
    });
    if (failed) break;
  }
  if (args['generate-only']) return 0;

  // Main table.
  const html = (site) => `${fmtKB(site.medianHtml)} (gzip ${fmtKB(site.medianGzip)})`;
  const js = (site) => `${fmtKB(site.js.bytes)} (${site.js.files} file${site.js.files === 1 ? '' : 's'}${site.js.inline ? ` + ${site.js.inline} B inline` : ''})`;
  const buildTime = (b) => `${fmtS(b.ms)}${Number.isFinite(b.indexMs) ? ` (search index ${fmtS(b.indexMs)}, ${fmtPct(b.indexMs / b.ms)})` : ''}`;
  const tree = (x) => `${fmtMiB(x.rssKB)} (tree ${fmtMiB(x.treeKB)})`;
  const rows = [];
  for (const r of results) {
    rows.push([r.n, 'Bare Astro + Pagefind', `${fmtS(r.bare.ms)} (astro ${fmtS(r.bare.astroMs)} + pagefind ${fmtS(r.bare.pagefindMs)})`, r.runs, fmtMs(r.bare.ms / r.n), `astro ${fmtMiB(r.bare.astroRssKB)}, pagefind ${fmtMiB(r.bare.pagefindRssKB)}`, r.bareSite.htmlPages, html(r.bareSite), fmtKB(r.bareSite.js.bytes)]);
    rows.push([r.n, 'Groundwork build (check + build + search index), cold', buildTime(r.build), r.runs, fmtMs(r.build.ms / r.n), tree(r.build), r.gwSite.htmlPages, html(r.gwSite), js(r.gwSite)]);
    rows.push([r.n, 'Groundwork check, cold (--no-cache)', `${fmtS(r.check.ms)} (in-process ${fmtS(r.checkInternal)})`, r.runs, fmtMs(r.check.ms / r.n), fmtMiB(r.check.rssKB), '—', '—', '—']);
    rows.push([r.n, 'Groundwork check, warm parse cache, nothing changed', `${fmtS(r.warm.ms)} (in-process ${fmtS(r.warmInternal)})`, r.runs, fmtMs(r.warm.ms / r.n), fmtMiB(r.warm.rssKB), '—', '—', '—']);
    rows.push([r.n, 'Groundwork check, warm parse cache, after one edit', `${fmtS(r.edit.ms)} (in-process ${fmtS(r.editInternal)})`, r.runs, fmtMs(r.edit.ms / r.n), fmtMiB(r.edit.rssKB), '—', '—', '—']);
    if (r.mdx) rows.push([r.n, 'Groundwork build of the same entries as .mdx, cold', buildTime(r.mdx.build), 1, fmtMs(r.mdx.build.ms / r.n), tree(r.mdx.build), r.mdx.site.htmlPages, html(r.mdx.site), js(r.mdx.site)]);
    rows.push([r.n, '**Groundwork ÷ bare Astro**', `**${fmtX(r.build.ms / r.bare.ms)}**`, '', '', fmtX(r.build.rssKB / r.bare.rssKB), '', fmtX(r.gwSite.medianHtml / r.bareSite.medianHtml), '']);
    if (r.mdx) rows.push([r.n, '**.mdx ÷ .md (Groundwork build)**', `**${fmtX(r.mdx.build.ms / r.build.ms)}**`, '', '', fmtX(r.mdx.build.rssKB / r.build.rssKB), '', fmtX(r.mdx.site.medianHtml / r.gwSite.medianHtml), '']);
  }
  const tbl = table(['N', 'What', 'Wall time (median)', 'Runs', 'ms / entry', 'Peak memory', 'HTML pages', 'Entry HTML (median)', 'Entry JS before search'], rows);
  const pageRows = results.map((r) => {
    const s = r.gwSite;
    return [r.n, 'Groundwork', s.htmlPages, s.topicIndexPages, `${fmtKB(s.largest.bytes)} (${s.largest.url})`, `${s.mostLinks.count} (${s.mostLinks.url}; ${fmtPct(s.mostLinks.count / r.n)} of the entries)`, s.handbook ? 'yes' : 'no'];
  });
  const pageTbl = table(['N', 'Site', 'HTML pages', '/topics/ index pages', 'Largest HTML page', 'Most entry pages linked from one page', '/handbook/'], pageRows);

  // Verdicts (not in smoke mode).
  const verdicts = [];
  const at = (n) => results.find((r) => r.n === n);
  // The scale verdicts: at N=10000, or else at the largest size measured.
  const big = at(10000) ?? results.reduce((a, r) => (!a || r.n > a.n ? r : a), undefined);
  if (!SMOKE && results.length > 0) {
    const v = (target, measured, pass) => verdicts.push([target, measured, pass === undefined ? 'n/a' : pass ? 'PASS' : 'MISS']);
    const r1 = at(1000);
    if (r1) {
      v('Full build ≤ 1.25× bare Astro + Pagefind at N=1000 (cold, median)', `${fmtX(r1.build.ms / r1.bare.ms)} (${fmtS(r1.build.ms)} vs ${fmtS(r1.bare.ms)})`, r1.build.ms <= 1.25 * r1.bare.ms);
      v('Check ≤ 1.5 s at N=1000, cold: every file parsed (whole process, wall time)', `${fmtS(r1.check.ms)} (in-process ${fmtS(r1.checkInternal)})`, r1.check.ms <= 1500);
      v('Check ≤ 0.5 s at N=1000, warm, after one edit (whole process, wall time)', `${fmtS(r1.edit.ms)} (in-process ${fmtS(r1.editInternal)})`, r1.edit.ms <= 500);
    } else v('Full build, cold and warm check at N=1000', 'N=1000 not measured', undefined);
    for (const r of results) {
      v(`Entry page ≤ 12 KB HTML at N=${r.n} (median)`, html(r.gwSite), r.gwSite.medianHtml <= 12000);
      v(`Entry page ≤ 10 KB JS at N=${r.n} (before search)`, fmtKB(r.gwSite.js.bytes), r.gwSite.js.bytes <= 10000);
    }
    const r10 = at(10000);
    if (r1 && r10) v('Build time at N=10000 ≤ 11× time at N=1000', `${fmtX(r10.build.ms / r1.build.ms)} (${fmtS(r10.build.ms)} vs ${fmtS(r1.build.ms)})`, r10.build.ms <= 11 * r1.build.ms);
    else if (results.length >= 2) {
      const lo = results.reduce((a, r) => (r.n < a.n ? r : a));
      const allowed = 1.1 * (big.n / lo.n);
      v(`Build time at N=${big.n} ≤ ${allowed.toFixed(2)}× time at N=${lo.n} (1.1× linear)`, `${fmtX(big.build.ms / lo.build.ms)} (${fmtS(big.build.ms)} vs ${fmtS(lo.build.ms)})`, big.build.ms <= allowed * lo.build.ms);
    } else v('Build time at N=10000 ≤ 11× time at N=1000', 'needs two sizes', undefined);
    const cmds = [
      ['build', big.build],
      ['check', big.check],
      ['warm check', big.warm],
      ['check after an edit', big.edit],
    ];
    const peak = Math.max(...cmds.map(([, c]) => Math.max(c.rssKB, c.treeKB)).filter(Number.isFinite));
    v(`Peak memory < 4 GiB (4,096 MiB) at N=${big.n}: every Groundwork command, its whole process tree`, `${fmtMiB(peak)} (build: largest process ${fmtMiB(big.build.rssKB)}, tree ${fmtMiB(big.build.treeKB)}; cold check ${fmtMiB(big.check.rssKB)})`, peak < MEMORY_LIMIT_KB);
    const s = big.gwSite;
    v(`No page links to more than ${fmtPct(LINK_SHARE_LIMIT)} of the entries at N=${big.n} (at most ${Math.floor(LINK_SHARE_LIMIT * big.n)})`, `${s.mostLinks.count} (${s.mostLinks.url}); largest page ${fmtKB(s.largest.bytes)} (${s.largest.url})`, s.mostLinks.count <= LINK_SHARE_LIMIT * big.n);
  }
  const verdictTable = verdicts.length > 0 ? ['| Target | Measured | Verdict |', '| --- | --- | --- |', ...verdicts.map((x) => `| ${x.join(' | ')} |`)].join('\n') : '';

  // Figures reported without a target.
  const reported = [];
  for (const r of results) {
    const b = r.build;
    reported.push(
      Number.isFinite(b.indexMs)
        ? `- Search index's share of the Groundwork build at N=${r.n}: ${fmtS(b.indexMs)} of ${fmtS(b.ms)} (${fmtPct(b.indexMs / b.ms)}), ${b.indexPages} pages indexed (the median build's own log line). Bare Astro's separate \`pagefind\`: ${fmtS(r.bare.pagefindMs)} for ${r.bareSite.htmlPages} pages.`
        : `- Search index's share of the Groundwork build at N=${r.n}: not known (the build did not log it${VERBOSE ? '' : '; --no-verbose'}).`,
    );
  }
  if (big) reported.push(`- Pagefind's peak memory at N=${big.n}: ${fmtMiB(big.bare.pagefindRssKB)}, measured on the bare run's separate \`pagefind --site\` process, which indexes the same ${big.n} entry pages (inside Groundwork's build Pagefind runs as a service of the build's Node process and is counted in its tree).`);
  for (const r of results.filter((x) => x.mdx)) reported.push(`- The same ${r.n} entries as .mdx (${r.mdxEscaped} characters escaped for MDX): one cold Groundwork build in ${fmtS(r.mdx.build.ms)}, ${fmtX(r.mdx.build.ms / r.build.ms)} the .md build (${fmtS(r.build.ms)}, median of ${r.runs}); peak memory ${fmtMiB(r.mdx.build.rssKB)} vs ${fmtMiB(r.build.rssKB)}; entry page ${fmtKB(r.mdx.site.medianHtml)} vs ${fmtKB(r.gwSite.medianHtml)}.`);

  const date = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const outFile = args.out ? resolve(args.out) : SMOKE ? join(WORK_DIR, 'smoke-results.md') : join(BENCH_DIR, 'results.md');
  const argv = process.argv.slice(2);
  const list = (xs, digits = 1) => xs.map((x) => (x.ms / 1000).toFixed(digits)).join(', ');
  const kbLines = results.map((r) => `- N = ${r.n}: ${r.kb.references} references; entries average ${r.kb.words.toFixed(0)} words, ${r.kb.citations.toFixed(1)} citations and ${r.kb.links.toFixed(1)} cross-links; ${r.runs} run${r.runs === 1 ? '' : 's'}. All runs (s): bare ${list(r.all.bare)}; build ${list(r.all.build)}; check cold ${list(r.all.check, 2)}; warm ${list(r.all.warm, 2)}; after one edit ${list(r.all.edit, 2)}${r.mdx ? `; .mdx build ${list([r.mdx.build])}` : ''}.`);
  const md = [
    SMOKE ? '# Benchmark smoke run' : '# Benchmark results',
    '',
    `Generated by \`npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}\` on ${date} (seed ${SEED}). See [bench/README.md](${relative(dirname(outFile), join(BENCH_DIR, 'README.md')).split(/[\\/]/).join('/')}) for what each figure means.`,
    '',
    ...(args.groundwork ? [`Groundwork CLI measured: \`${relative(APP_ROOT, GROUNDWORK_BIN)}\` (not this checkout's).`, ''] : []),
    ...(VERBOSE ? [] : ['Built with --no-verbose: the search index\'s share of the build is not known.', '']),
    `Machine: ${mach.nproc} CPUs (${mach.cpu}), ${mach.memory} memory, Node ${mach.node}, ${mach.os}; Astro ${mach.astro}, Pagefind ${mach.pagefind}. Load average (1, 5, 15 min) at the start: ${mach.load}; at the end: ${os.loadavg().map((x) => x.toFixed(2)).join(', ')} (other work on the machine slows every figure). Peak memory: the largest single process, from ${USE_TIME ? '`/usr/bin/time -v`' : 'a Node preload (`process.resourceUsage().maxRSS`, Node processes only)'}${HAS_PROC ? `; "tree": all processes of the command added up, sampled every ${SAMPLE_MS} ms from /proc` : ''}. MiB = 1,048,576 bytes; KB = 1,000 bytes.`,
    '',
    tbl,
    '',
    '## Pages of the Groundwork site',
    '',
    pageTbl,
    '',
    ...(verdictTable ? ['## Targets', '', verdictTable, ''] : []),
    '## Also measured',
    '',
    ...reported,
    '',
    '## Runs',
    '',
    ...kbLines,
    '',
    `Total benchmark time: ${fmtS(performance.now() - started)}.`,
    '',
  ].join('\n');

  if (results.length > 0) {
    if (!failed || SMOKE) writeFileSync(outFile, md);
    console.log(`\n${tbl}\n\n${pageTbl}\n`);
    if (verdictTable) console.log(`${verdictTable}\n`);
    console.log(`${reported.join('\n')}\n`);
    if (!failed) console.log(`Written to ${relative(APP_ROOT, outFile)}; log in ${relative(APP_ROOT, log)}. Total ${fmtS(performance.now() - started)}.`);
  }
  if (failed) {
    console.error(`\nBenchmark stopped: a build failed or was incomplete (log: ${relative(APP_ROOT, log)}).${SMOKE ? '' : ` ${args.out ?? 'bench/results.md'} was not updated.`}`);
    return 1;
  }
  return 0;
}

process.exitCode = await main();
