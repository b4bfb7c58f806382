import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP, groundwork, internals, type Run } from './cli.ts';
import { byId, htmlFiles, text } from './html.ts';

const FIXTURE = join(APP, 'tests/fixtures/kb-hostile');
let out: string;
let build: Run;

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'gw-hostile-'));
  rmSync(out, { recursive: true });
  build = await groundwork(['build', '--root', FIXTURE, '--out', out]);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('hostile strings are shown as text, never run', () => {
  it('builds, and warns where raw HTML was dropped', () => {
    expect(internals(build.stdout + build.stderr)).toEqual([]);
    expect(build.code).toBe(0);
    // Through Astro's logger (warnings go to stdout), with the path from where the command ran.
    expect(build.stdout).toContain('tests/fixtures/kb-hostile/content/topics/hostile.md:8:30  warning  markdown/raw-html  raw HTML `<script>` is not rendered: it is dropped, so it can never run a script');
  });

  it('drops the raw HTML of a Markdown body, on the entry\'s page and in the handbook', () => {
    const topic = readFileSync(join(out, 'topics/hostile/index.html'), 'utf8');
    const para = byId(topic, 'para-1');
    expect(para).not.toContain('<script');
    expect(text(para)).toMatch(/^A paragraph with inline HTML alert\(‘body’\) that is dropped \(Evil & /);
    const handbook = readFileSync(join(out, 'handbook/index.html'), 'utf8');
    expect(handbook).toContain('A paragraph with inline HTML alert(‘body’) that is dropped');
  });

  it('has no script but the site\'s own files, and no event-handler attributes', () => {
    let scripts = 0;
    for (const file of htmlFiles(out)) {
      // Attribute values may hold any text (escaped); look at the markup itself.
      const raw = readFileSync(file, 'utf8');
      const html = raw.replace(/"[^"]*"/g, '""');
      for (const s of html.matchAll(/<script\b[^>]*>/gi)) {
        expect(s[0], file).toMatch(/^<script( type="")? src=""( defer)?>$/);
        scripts++;
      }
      expect(html, file).not.toMatch(/<[a-z][^>]*\son[a-z]+\s*=/i);
      expect(html, file).not.toMatch(/<(img|svg|iframe|object|embed|form action="[^/])\b/i);
      expect(raw, file).not.toMatch(/href="\s*javascript:/i);
      // Script files of the site itself: Astro's bundles and Pagefind's UI.
      for (const m of raw.matchAll(/<script\b[^>]*\ssrc="([^"]+)"/g)) expect(m[1], file).toMatch(/^\/(_astro|pagefind)\/[\w.-]+\.js$/);
    }
    expect(scripts).toBeGreaterThan(5);
  });

  it('escapes frontmatter strings, reference fields and glossary text', () => {
    const topic = readFileSync(join(out, 'topics/hostile/index.html'), 'utf8');
    expect(topic).toContain('<h1 data-pagefind-meta="title">Title &lt;script&gt;alert(&#39;fm-title&#39;)&lt;/script&gt;</h1>');
    expect(topic).toContain('<p class="entry__summary">Summary &lt;img src=x onerror=alert(&#39;fm-summary&#39;)&gt;</p>');
    // In attribute values (the Highwire tags) only the quote needs escaping.
    expect(topic).toContain('<meta name="citation_title" content="Title <script>alert(\'fm-title\')</script>">');
    const refs = readFileSync(join(out, 'references/index.html'), 'utf8');
    expect(refs).toContain('Groups &#60;script&#62;alert(');
    expect(refs).not.toMatch(/<script>alert/);
    const term = readFileSync(join(out, 'glossary/term/index.html'), 'utf8');
    expect(byId(term, 'definition')).toContain('Defined as &lt;img src=x onerror=alert(‘definition’)&gt; plain text');
    expect(term).toContain('<dfn>Term &lt;svg onload=alert(&#39;term&#39;)&gt;</dfn>');
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
      expect(html.replace(/"[^"]*"/g, '""').match(/<script>/g) ?? [], file).toEqual([]); // attribute values may hold the text `<script>`
    }
  });
});

describe('unsafe reference URLs', () => {
  it('leaves a javascript: URL out of the reference, with a warning at the reference, and builds without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gw-unsafe-url-'));
    cpSync(FIXTURE, dir, { recursive: true });
    const bib = join(dir, 'references/hostile.bib');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace("  year = {2020},", "  year = {2020},\n  url = {javascript:alert('url')},"));
    const site = join(dir, 'site');
    const r = await groundwork(['build', '--root', dir, '--out', site]);
    try {
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).toContain("references/hostile.bib:1:1  warning  reference/unsafe-url  the `url` of `evil2020` is not a web address, so the reference is printed without it: `javascript:alert('url')`");
      const topic = readFileSync(join(site, 'topics/hostile/index.html'), 'utf8');
      expect(topic).toContain('id="ref-evil2020"');
      expect(topic).not.toContain('javascript:alert');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
