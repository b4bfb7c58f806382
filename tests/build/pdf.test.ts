// `groundwork pdf`: the handbook of a built knowledge base (the example agency handbook) as one
// PDF. The PDF's text is read with pdf.js (the npm package unpdf), so this needs no system tool.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageTexts } from '../../src/cli/pdf-text.ts';
import { APP_ROOT, groundwork, type RunResult } from './cli.ts';

const ROOT = join(APP_ROOT, 'examples/agency-handbook');
const work = mkdtempSync(join(tmpdir(), 'gw-pdf-'));
const out = join(work, 'site');
const file = join(out, 'handbook.pdf');
let run: RunResult;
let pdf: Buffer;
let pages: string[];
/** A page's text on one line. */
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

beforeAll(async () => {
  const built = await groundwork(['build', '--root', ROOT, '--out', out]);
  if (built.code !== 0) throw new Error(`build failed (exit ${built.code}):\n${built.stdout}${built.stderr}`);
  run = await groundwork(['pdf', '--root', ROOT, '--out', out, '--today', '2026-12-01']);
  if (run.code !== 0) throw new Error(`pdf failed (exit ${run.code}):\n${run.stdout}${run.stderr}`);
  pdf = readFileSync(file);
  pages = (await pdfPageTexts(pdf)).map(flat);
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('npm run pdf', () => {
  it('writes one PDF into the built site and says where', () => {
    expect(existsSync(file)).toBe(true);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(run.stdout).toContain(file);
    expect(run.stdout).toMatch(/Printed the handbook \(\d+ pages\)/);
    expect(pages.length).toBeGreaterThan(30);
  });

  it('starts with a cover: organisation, title, edition and generated date', () => {
    const cover = pages[0]!;
    expect(cover).toContain('Riverside Family Services');
    expect(cover).toContain('Riverside Group Work Practice Handbook');
    expect(cover).toContain('Edition 2, 2026');
    expect(cover).toContain('Generated: 2026-12-01');
  });

  it('has "Uncontrolled when printed" and "Page n of N" on every page', () => {
    pages.forEach((text, i) => {
      expect(text, `page ${i + 1}`).toContain('Uncontrolled when printed');
      expect(text, `page ${i + 1}`).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(text, `page ${i + 1}`).toContain('Generated 2026-12-01');
    });
  });

  it('has a contents list whose page numbers point at the right pages', () => {
    const contents = pages.findIndex((p) => p.includes('Contents'));
    expect(contents).toBe(1);
    const toc = pages.slice(1, 4).join(' ');
    for (const title of ['Beginning phase: establishing a beginning contract', 'NASW 1.07(f): Confidentiality agreements in group services', 'Strategies for ensuring confidentiality in groups', 'References']) {
      const m = new RegExp(`${title.replace(/[().]/g, '\\$&')} (\\d+)`).exec(toc);
      expect(m, `contents line for "${title}"`).not.toBeNull();
      const n = Number(m![1]);
      expect(n).toBeGreaterThan(2);
      expect(pages[n - 1], `page ${n} should show "${title}"`).toContain(title);
    }
  });

  it('prints the included entries with their agency policies, and the references', () => {
    const all = pages.join(' ');
    expect(all).toContain('NASW 1.07(f): Confidentiality agreements in group services');
    expect(all).toContain('Agency policy — Riverside Family Services'.toUpperCase());
    expect(all).toContain('Riverside procedure: the group confidentiality agreement');
    // An entry the profile leaves out is not in the contents (its title may still appear, unlinked, in text).
    expect(pages.slice(1, 4).join(' ')).not.toContain('Mutual aid in groups');
    const last = pages.findIndex((p) => p.includes('References Association for the Advancement of Social Work with Groups'));
    expect(last).toBeGreaterThan(1);
    expect(pages.slice(last).join(' ')).toContain('Riverside Family Services. (2026b). Group work confidentiality procedure (Policy GW-03).');
  });

  it('tells the person to build first when there is no built site', async () => {
    const r = await groundwork(['pdf', '--root', ROOT, '--out', join(work, 'not-built')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('run `npm run build');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('reads the profile where groundwork({ root }) puts the knowledge base, as check and build do', async () => {
    // A project whose knowledge base is in kb/, with a profile that turns the handbook off.
    const project = join(APP_ROOT, 'tests/artifacts', `gw-pdf-root-${process.pid}`);
    try {
      cpSync(join(APP_ROOT, 'tests/fixtures/kb-basic'), join(project, 'kb'), { recursive: true, filter: (src) => !src.includes('.groundwork') });
      writeFileSync(join(project, 'kb/groundwork.config.yaml'), `${readFileSync(join(project, 'kb/groundwork.config.yaml'), 'utf8')}handbook: false\n`);
      writeFileSync(join(project, 'astro.config.mjs'), "import { defineConfig } from 'astro/config';\nimport groundwork from 'groundwork-kb';\nexport default defineConfig({ integrations: [groundwork({ root: 'kb' })] });\n");
      mkdirSync(join(project, 'dist'));
      writeFileSync(join(project, 'dist/index.html'), '<p>a site without /handbook/</p>');
      const r = await groundwork(['pdf', '--root', project]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('has no printable handbook (/handbook/): groundwork.config.yaml turns it off (`handbook: false`)');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  });
});
