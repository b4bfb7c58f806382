import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, groundwork, type Run } from './cli.ts';

const FIXTURE = join(APP, 'tests/fixtures/kb-hostile');
let out: string;
let build: Run;

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'gw-hostile-'));
  rmSync(out, { recursive: true });
  build = await groundwork(['build', '--root', FIXTURE, '--out', out]);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('hostile strings are shown as text, never run', () => {
  it('builds, and warns where raw HTML was dropped', () => {
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('tests/fixtures/kb-hostile/content/topics/hostile.md:8:30  warning  markdown/raw-html');
  });

  it('has no script but the site\'s own files, and no event-handler attributes', () => {
    for (const file of htmlFiles(out)) {
      // Attribute values may hold any text (escaped); look at the markup itself.
      const html = readFileSync(file, 'utf8').replace(/"[^"]*"/g, '""');
      const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
      for (const s of scripts) expect(s, file).toBe('<script src="" defer>');
      expect(html, file).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html, file).not.toMatch(/<(img|svg|iframe|object)\b/i);
      expect(readFileSync(file, 'utf8'), file).not.toMatch(/href="\s*javascript:/i);
      const srcs = [...readFileSync(file, 'utf8').matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]);
      for (const src of srcs) expect(['/gw.js', '/search.js', '/pagefind/pagefind-ui.js']).toContain(src);
    }
  });

  it('escapes frontmatter strings, reference fields and glossary text', () => {
    const topic = readFileSync(join(out, 'topics/hostile/index.html'), 'utf8');
    expect(topic).toContain('<h1 data-pagefind-meta="title">Title &lt;script&gt;alert(&#39;fm-title&#39;)&lt;/script&gt;</h1>');
    expect(topic).toContain('<p class="entry__summary">Summary &lt;img src=x onerror=alert(&#39;fm-summary&#39;)&gt;</p>');
    const refs = readFileSync(join(out, 'references/index.html'), 'utf8');
    expect(refs).toContain('Groups &#60;script&#62;alert(');
    const term = readFileSync(join(out, 'glossary/term/index.html'), 'utf8');
    expect(term).toContain('Defined as &#x3C;img src=x onerror=alert(\'definition\')> plain text');
  });

  it('marks external links noopener noreferrer', () => {
    const topic = readFileSync(join(out, 'topics/hostile/index.html'), 'utf8');
    expect(topic).toContain('<a href="https://example.org/page" rel="noopener noreferrer" class="gw-external">a site</a>');
  });

  it('sends a Content-Security-Policy that allows no inline script', () => {
    for (const file of htmlFiles(out)) {
      const html = readFileSync(file, 'utf8');
      if (html.includes('http-equiv="refresh"')) continue;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
      expect(csp, file).toBeDefined();
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
      expect(csp).not.toContain('unsafe-inline');
      expect(html.match(/<script>/g) ?? [], file).toEqual([]);
    }
  });
});

describe('unsafe reference URLs', () => {
  it('refuses a javascript: URL in a reference, at the reference', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-unsafe-url-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const bib = join(dir, 'references/hostile.bib');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace("  year = {2020},", "  year = {2020},\n  url = {javascript:alert('url')},"));
    const r = await groundwork(['check', '--root', dir]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("references/hostile.bib:1:1  error  reference/unsafe-url  the url of `@evil2020` is not a web address: `javascript:alert('url')`");
  });
});
