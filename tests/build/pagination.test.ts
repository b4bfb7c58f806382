/**
 * Long lists are paginated, 100 to a page: a kind's index, the evidence map of a kind and the
 * References page. A source cited by many entries lists the first six under "Cited by", then a
 * count. Built from a generated knowledge base of 230 topics, each citing a source of its own
 * and one source they all cite.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groundwork, internals, type RunResult } from './cli.ts';
import { byClass, text } from './html.ts';

const N = 230;
const pad = (i: number) => String(i).padStart(3, '0');
let work: string;
let out: string;
let build: RunResult;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'gw-pages-'));
  const root = join(work, 'kb');
  mkdirSync(join(root, 'content/topics'), { recursive: true });
  mkdirSync(join(root, 'references'), { recursive: true });
  const bib = ['@book{shared2020, author = {Common, Ann}, title = {A source every topic cites}, publisher = {Press}, year = {2020}}'];
  for (let i = 1; i <= N; i++) {
    bib.push(`@book{src${pad(i)}, author = {Author${pad(i)}, Bea}, title = {Source number ${i}}, publisher = {Press}, year = {2001}}`);
    writeFileSync(join(root, `content/topics/t${pad(i)}.md`), `---\nkind: topic\ntitle: Topic ${pad(i)}\nsummary: Topic number ${i}.\n---\n\nGroups help their members [@src${pad(i)}; @shared2020].\n`);
  }
  writeFileSync(join(root, 'references/sources.bib'), `${bib.join('\n\n')}\n`);
  writeFileSync(join(root, 'groundwork.config.yaml'), 'title: Pagination\n');
  out = join(work, 'site');
  build = await groundwork(['build', '--root', root, '--out', out]);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const page = (path: string) => readFileSync(join(out, path, 'index.html'), 'utf8');
const nav = (html: string) => [...byClass(html, 'nav', 'pages').matchAll(/<a (aria-current="page" )?href="([^"]+)">(\d+)<\/a>/g)].map((m) => `${m[3]} ${m[2]}${m[1] ? ' (current)' : ''}`);

describe('pagination', () => {
  it('builds', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code, build.stdout + build.stderr).toBe(0);
  });

  it('a kind index: 100 entries a page, in order, with page navigation', () => {
    const first = page('topics');
    const third = page('topics/page/3');
    expect([...first.matchAll(/<li class="entry-card">/g)]).toHaveLength(100);
    expect([...third.matchAll(/<li class="entry-card">/g)]).toHaveLength(30);
    expect(first).toContain('<a href="/topics/t001/">Topic 001</a>');
    expect(third).toContain('<a href="/topics/t201/">Topic 201</a>');
    expect(third).toContain('<title>Topics (page 3 of 3)');
    expect(nav(first)).toEqual(['1 /topics/ (current)', '2 /topics/page/2/', '3 /topics/page/3/']);
    expect(nav(third)).toEqual(['1 /topics/', '2 /topics/page/2/', '3 /topics/page/3/ (current)']);
  });

  it('the References page: 100 sources a page in APA order, each cited-by list cut at six', () => {
    const first = page('references');
    const second = page('references/page/2');
    const third = page('references/page/3');
    const items = (html: string) => [...html.matchAll(/<li id="ref-([^"]+)">/g)].map((m) => m[1]!);
    expect(items(first)).toHaveLength(100);
    expect(items(third)).toHaveLength(N + 1 - 200);
    expect([...items(first), ...items(second), ...items(third)].sort()).toEqual(['shared2020', ...Array.from({ length: N }, (_, i) => `src${pad(i + 1)}`)].sort());
    // APA order: Author001 … Author230, then Common.
    expect(items(first)[0]).toBe('src001');
    expect(items(third).at(-1)).toBe('shared2020');
    expect(text(first)).toContain(`${N + 1} sources, in APA 7 style; this is page 1 of 3.`);
    expect(nav(second)).toEqual(['1 /references/', '2 /references/page/2/ (current)', '3 /references/page/3/']);
    const shared = /<li id="ref-shared2020">([\s\S]*?)<\/li>/.exec(third)![1]!;
    expect([...shared.matchAll(/<a href="\/topics\/t\d+\/">/g)]).toHaveLength(6);
    expect(text(shared)).toContain(`and ${N - 6} more (search for the source's author to find them)`);
  });

  it('the evidence map of a kind is paginated too', () => {
    const first = page('evidence/topics');
    expect(nav(first)).toEqual(['1 /evidence/topics/ (current)', '2 /evidence/topics/page/2/', '3 /evidence/topics/page/3/']);
    expect(page('evidence/topics/page/3')).toContain('/topics/t230/');
  });
});
