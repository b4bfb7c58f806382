/**
 * Groundwork as a dependency: pack the package as npm would publish it, install the tarball into
 * a copy of the starter (examples/starter) in a temporary folder outside this repository, and
 * build it with the starter's own commands (plain `astro build`). Then: an uncited paragraph
 * inside an imported MDX component stops the build at its file:line:col, `groundwork check`
 * works from the installed package, and the site is served with its search index.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from '../../src/cli/serve.ts';

const APP = resolve(import.meta.dirname, '../..');
const STARTER = join(APP, 'examples/starter');

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((ok, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' };
    delete env['FORCE_COLOR'];
    delete env['npm_config_prefix'];
    // As a person runs it, not as Vitest's environment would make it.
    for (const name of Object.keys(env)) if (name === 'NODE_ENV' || name.startsWith('VITEST')) delete env[name];
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', fail);
    child.on('close', (code) => ok({ code, output }));
  });
}

let tmp = '';
let project = '';

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'groundwork-starter-'));
  const packed = await run('npm', ['pack', '--pack-destination', tmp, '--silent'], APP);
  expect(packed.code, packed.output).toBe(0);
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeTruthy();
  project = join(tmp, 'my-knowledge-base');
  cpSync(STARTER, project, { recursive: true, filter: (src) => !/[\\/](node_modules|dist|\.astro|\.groundwork)([\\/]|$)/.test(src) });
  const pkg = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8'));
  pkg.dependencies['groundwork-kb'] = `file:${join(tmp, tarball!)}`;
  writeFileSync(join(project, 'package.json'), JSON.stringify(pkg, null, 2));
  const installed = await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], project);
  expect(installed.code, installed.output).toBe(0);
}, 600_000);

afterAll(() => {
  if (tmp && !process.env.GROUNDWORK_KEEP_STARTER) rmSync(tmp, { recursive: true, force: true });
});

describe('the starter, with Groundwork installed from its packed tarball', () => {
  it('is outside this repository and depends on the tarball, not on this checkout', () => {
    expect(project.startsWith(APP)).toBe(false);
    expect(existsSync(join(project, 'node_modules/groundwork-kb/package.json'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/groundwork-kb/tests'))).toBe(false);
    const files = readdirSync(project).sort();
    expect(files).toEqual(expect.arrayContaining(['astro.config.mjs', 'components', 'content', 'groundwork.config.yaml', 'package.json', 'references']));
  });

  it('builds with plain `astro build`: pages, citations, the MDX component, search index, downloads', async () => {
    const built = await run('npm', ['run', 'build'], project);
    expect(built.code, built.output).toBe(0);
    expect(built.output).toContain('0 errors, 0 warnings in 4 entries and 3 references');
    const dist = join(project, 'dist');
    for (const f of ['index.html', 'topics/stages-of-a-group/index.html', 'glossary/mutual-aid/index.html', 'readings/week-1/index.html', 'pagefind/pagefind.js', 'references.json', 'cite/readings/week-1.ris', 'sitemap-index.xml']) {
      expect(existsSync(join(dist, f)), f).toBe(true);
    }
    const page = readFileSync(join(dist, 'topics/what-members-gain/index.html'), 'utf8');
    // The component rendered, with the citation inside it rendered by Groundwork.
    expect(page).toContain('<div class="key-point"><p><strong>Key point</strong></p>');
    expect(page).toContain('<a href="#ref-yalom2020">Yalom &amp; Leszcz, 2020</a>');
    expect(page).toContain('<li id="ref-yalom2020" popover tabindex="-1">Yalom, I. D., &#38; Leszcz, M. (2020). <i>The theory and practice of group psychotherapy</i> (6th ed.). Basic Books.</li>');
    const stages = readFileSync(join(dist, 'topics/stages-of-a-group/index.html'), 'utf8');
    expect(stages).toContain('(<a href="#ref-tuckman1965">Tuckman, 1965</a>)');
    expect(stages).toContain('<meta name="citation_title" content="Stages of a group">');
    // A reading list links a section of an entry; in the handbook (also a PDF) the same link
    // stays inside the document, and the list's downloads are absolute addresses.
    const reading = readFileSync(join(dist, 'readings/week-1/index.html'), 'utf8');
    expect(reading).toContain('<a href="/topics/stages-of-a-group/#a-developmental-sequence">Stages of a group — “A developmental sequence”</a>');
    expect(reading).toContain('href="/cite/readings/week-1.bib"');
    const handbook = readFileSync(join(dist, 'handbook/index.html'), 'utf8');
    expect(handbook).toContain('<a href="#entry-topics--stages-of-a-group--a-developmental-sequence">Stages of a group — “A developmental sequence”</a>');
    expect(handbook).toContain('id="entry-topics--stages-of-a-group--a-developmental-sequence"');
    expect(handbook).toContain('href="https://example.org/cite/readings/week-1.bib"');
    expect(handbook).not.toMatch(/href="[^"]*#[^"]*#/);
  }, 300_000);

  it('serves the built site with its search', async () => {
    const server = await serveStatic(join(project, 'dist'));
    try {
      const search = await fetch(`${server.url}/search/`);
      expect(search.status).toBe(200);
      expect(await search.text()).toContain('/pagefind/pagefind-ui.js');
      const index = await fetch(`${server.url}/pagefind/pagefind-entry.json`);
      expect(index.status).toBe(200);
      const entry = (await index.json()) as { languages: Record<string, { page_count: number }> };
      expect(Object.values(entry.languages)[0]!.page_count).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('`groundwork build` from the installed package: Astro in its child process, then the search index, then the swap', async () => {
    const built = await run('npx', ['groundwork', 'build', '--out', 'site'], project);
    expect(built.code, built.output).toBe(0);
    expect(built.output).toMatch(/Built the site into site in \d+\.\d s\.\n$/);
    const site = join(project, 'site');
    for (const f of ['index.html', 'topics/what-members-gain/index.html', 'pagefind/pagefind.js', 'pagefind/pagefind-entry.json', 'references.json']) expect(existsSync(join(site, f)), f).toBe(true);
    expect(readdirSync(site).filter((f) => f.startsWith('.'))).toEqual([]);
    const entry = JSON.parse(readFileSync(join(site, 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    expect(Object.values(entry.languages)[0]!.page_count).toBe(4);
    // Nothing is left inside the installed package.
    expect(readdirSync(join(project, 'node_modules/groundwork-kb/.groundwork')).filter((f) => f.startsWith('site-'))).toEqual([]);
  }, 300_000);

  it('refuses an uncited paragraph inside an imported component, in check and in build, at its file:line:col', async () => {
    const file = join(project, 'content/topics/what-members-gain.mdx');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace(' with a problem [@yalom2020].', ' with a problem.'));
    try {
      const expected = 'content/topics/what-members-gain.mdx:12:3  error  claim/uncited  This paragraph makes a claim without a citation';
      const checked = await run('npm', ['run', 'check'], project);
      expect(checked.code).not.toBe(0);
      expect(checked.output).toContain(expected);
      rmSync(join(project, 'dist'), { recursive: true, force: true });
      const built = await run('npm', ['run', 'build'], project);
      expect(built.code).not.toBe(0);
      expect(built.output).toContain(expected);
      expect(built.output).toContain('Nothing was built.');
      expect(existsSync(join(project, 'dist/index.html'))).toBe(false);
    } finally {
      writeFileSync(file, good);
    }
  }, 300_000);
});
