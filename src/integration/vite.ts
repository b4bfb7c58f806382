/**
 * The virtual modules through which the routes read the site (as Starlight passes its
 * configuration to its pages):
 *
 * - `virtual:groundwork/site`: the site model (`src/site/model.ts`). It can be tens of
 *   megabytes, so the integration writes it to a file and the module reads that file, rather
 *   than putting it through the bundler as source code;
 * - `virtual:groundwork/mdx`: for each `.mdx` entry, a function that imports its compiled body.
 *
 * Loading either runs the check first: with errors, the module fails with the report, which
 * the dev server shows in its error overlay and the build prints.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { hasErrors } from '../core/knowledge-base.ts';
import { formatProblems, shownFrom } from '../cli/report.ts';
import type { Project } from './project.ts';
import { HANDBOOK_PREFIX } from './mdx.ts';
import { handbookEnabled } from '../site/model.ts';

export const SITE_MODULE = 'virtual:groundwork/site';
export const MDX_MODULE = 'virtual:groundwork/mdx';
const RESOLVED = new Map([SITE_MODULE, MDX_MODULE].map((id) => [id, `\0${id}`]));

/** The error a page gets when the knowledge base has errors (file:line:col for each). */
export class GroundworkCheckError extends Error {
  constructor(report: string, count: number) {
    super(`Groundwork found ${count} error${count === 1 ? '' : 's'} in the knowledge base:\n\n${report}`);
    this.name = 'GroundworkCheckError';
    // The report is the whole story: where the bundler prints the error, no stack frames under it.
    this.stack = `${this.name}: ${this.message}`;
  }
}

export async function ensureValid(project: Project): Promise<void> {
  const kb = await project.check();
  if (hasErrors(kb.problems)) {
    const errors = kb.problems.filter((p) => p.severity === 'error');
    throw new GroundworkCheckError(formatProblems(errors, { color: false, root: shownFrom(), base: project.root }), errors.length);
  }
}

export function groundworkVitePlugin(project: Project, options: { dataDir: string }): Plugin {
  return {
    name: 'groundwork:virtual',
    async resolveId(id, importer, options) {
      if (id.startsWith(HANDBOOK_PREFIX)) return `\0${id}`;
      // What a handbook copy of an .mdx body imports resolves from the real file.
      if (importer?.startsWith(`\0${HANDBOOK_PREFIX}`)) return this.resolve(id, importer.slice(HANDBOOK_PREFIX.length + 1), { ...options, skipSelf: true });
      return RESOLVED.get(id);
    },
    async load(id) {
      if (id === RESOLVED.get(SITE_MODULE)) {
        await ensureValid(project);
        const { model, pages, problems } = await project.model();
        if (hasErrors(problems)) throw new GroundworkCheckError(formatProblems(problems, { color: false, root: shownFrom(), base: project.root }), problems.length);
        // The site once, and each entry's page in a file of its own, read when that page is made.
        const dir = join(options.dataDir, `${process.pid}-${project.generation}`);
        mkdirSync(join(dir, 'entries'), { recursive: true });
        writeFileSync(join(dir, 'site.json'), JSON.stringify(model));
        pages.forEach((page, i) => writeFileSync(join(dir, 'entries', model.entries[i]!.file), JSON.stringify(page)));
        // The dev server writes a generation per change: the earlier ones of this process are done with.
        for (const name of readdirSync(options.dataDir)) {
          if (name.startsWith(`${process.pid}-`) && join(options.dataDir, name) !== dir) rmSync(join(options.dataDir, name), { recursive: true, force: true });
        }
        return [
          `import { readFileSync } from 'node:fs';`,
          `const dir = ${JSON.stringify(dir)};`,
          `export default JSON.parse(readFileSync(dir + '/site.json', 'utf8'));`,
          `export function entryPage(file) { return JSON.parse(readFileSync(dir + '/entries/' + file, 'utf8')); }`,
        ].join('\n');
      }
      if (id === RESOLVED.get(MDX_MODULE)) {
        await ensureValid(project);
        const kb = await project.check();
        const mdx = kb.entries.filter((e) => e.mdx);
        const lines = (prefix: string) => mdx.map((e) => `  ${JSON.stringify(e.id)}: () => import(${JSON.stringify(`${prefix}${resolve(project.root, e.file)}`)}),`).join('\n');
        // The bundler compiles every body it can import, called or not: the handbook's copies
        // only when there is a handbook (not with \`handbook: false\`, nor above the auto limit).
        const handbook = handbookEnabled(await project.site());
        return `export const bodies = {\n${lines('')}\n};\n// Compiled again for the handbook (ids prefixed, headings moved down).\nexport const handbookBodies = {\n${handbook ? lines(HANDBOOK_PREFIX) : ''}\n};\n`;
      }
      if (id.startsWith(`\0${HANDBOOK_PREFIX}`)) return readFileSync(id.slice(HANDBOOK_PREFIX.length + 1), 'utf8');
      return undefined;
    },
  };
}
