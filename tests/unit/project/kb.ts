/**
 * Tiny knowledge bases written to a temporary folder, checked with `checkProject` (the entry
 * point of `check` and of the build's check), and their problems as `file:line:col severity rule`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';
import type { Problem } from '../../../src/core/problems.ts';
import { checkProject, type CheckOptions } from '../../../src/core/project.ts';

export const TOSELAND = `@book{toseland2017,
  title = {An Introduction to Group Work Practice},
  author = {Toseland, Ronald W. and Rivas, Robert F.},
  edition = {8},
  publisher = {Pearson},
  year = {2017},
  keywords = {evidence:textbook}
}
`;

/** A valid topic entry citing `toseland2017`, with extra frontmatter lines. */
export function topic(extra = '', body = 'A claim [@toseland2017].\n'): string {
  return `---\nkind: topic\ntitle: A topic\nsummary: A summary.\n${extra}---\n\n${body}`;
}

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** Write the files (path → text) into a new folder; `references/sources.bib` defaults to Toseland. */
export function writeKb(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gw-unit-kb-'));
  made.push(root);
  for (const [path, text] of Object.entries({ 'references/sources.bib': TOSELAND, ...files })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export const at = (p: Problem) => `${p.file}:${p.line}:${p.column} ${p.severity} ${p.rule}`;

/** Check a knowledge base made of these files (no cache, one thread, a fixed today). */
export async function check(files: Record<string, string>, options: CheckOptions = {}) {
  return checkProject(writeKb(files), { cache: false, threads: 1, today: '2025-01-01', ...options });
}

/** Its problems, one line each: `file:line:col severity rule message`. */
export async function problems(files: Record<string, string>, options: CheckOptions = {}): Promise<string[]> {
  return (await check(files, options)).problems.map((p) => `${at(p)} ${p.message}`);
}

/** Only the errors (an entry that fails its schema leaves its references uncited: a warning). */
export async function errors(files: Record<string, string>, options: CheckOptions = {}): Promise<string[]> {
  return (await problems(files, options)).filter((line) => line.includes(' error '));
}
