import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP, groundwork } from './cli.ts';

const work = mkdtempSync(join(tmpdir(), 'gw-cache-'));
const root = join(work, 'kb');
cpSync(join(APP, 'tests/fixtures/kb-basic'), root, { recursive: true, filter: (src) => !src.includes('.groundwork') && !src.endsWith('/dist') });
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the parse cache', () => {
  it('is written by a check and never hides a change', async () => {
    expect((await groundwork(['check', '--root', root])).code).toBe(0);
    expect(existsSync(join(root, '.groundwork/cache/entries.json'))).toBe(true);
    const file = join(root, 'content/topics/confidentiality.md');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('Ground rules are agreed at the first meeting [-@toseland2017].', 'Ground rules are agreed at the first meeting.'));
    const broken = await groundwork(['check', '--root', root]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/content\/topics\/confidentiality\.md:\d+:1 {2}error {2}claim\/uncited/);
    writeFileSync(file, good);
    expect((await groundwork(['check', '--root', root])).code).toBe(0);
  });

  it('is keyed by the kinds\' schemas and vocabularies: a profile change is never hidden', async () => {
    const entry = join(root, 'content/ethics/basw.md');
    mkdirSync(join(root, 'content/ethics'), { recursive: true });
    writeFileSync(entry, '---\nkind: ethics\ntitle: BASW on confidentiality\nsummary: S.\ncode: BASW\nedition: 2021\nsource: nasw2021\n---\n\nA claim [@nasw2021].\n');
    expect((await groundwork(['check', '--root', root])).code).toBe(0);
    const profile = join(root, 'groundwork.config.yaml');
    const before = readFileSync(profile, 'utf8');
    writeFileSync(profile, `${before}vocabularies:\n  codes: [NASW, CASW]\n`);
    const narrowed = await groundwork(['check', '--root', root]);
    expect(narrowed.code).toBe(1);
    expect(narrowed.stdout).toContain('content/ethics/basw.md:5:1  error  frontmatter/invalid-field  field `code` `BASW` is not in the `codes` vocabulary');
    writeFileSync(profile, before);
    rmSync(entry);
    expect((await groundwork(['check', '--root', root])).code).toBe(0);
  });

  it('builds the same pages from cached entries as from fresh ones', async () => {
    await groundwork(['check', '--root', root]); // warm
    const warm = await groundwork(['build', '--root', root, '--out', join(work, 'warm')]);
    const cold = await groundwork(['build', '--root', root, '--out', join(work, 'cold'), '--no-cache']);
    expect(warm.code).toBe(0);
    expect(cold.code).toBe(0);
    for (const page of ['topics/stages/index.html', 'topics/confidentiality/index.html', 'models/support-groups/index.html', 'references/index.html']) {
      expect(readFileSync(join(work, 'warm', page), 'utf8'), page).toBe(readFileSync(join(work, 'cold', page), 'utf8'));
    }
  });
});
