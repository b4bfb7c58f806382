/**
 * A project's astro.config: where it is, and the options it gives `groundwork()`, loaded the way
 * Astro loads the file, so that `check` validates what the build would.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OPTIONS, optionsSchema, type ResolvedOptions } from '../integration/options.ts';
import { displayPath } from './report.ts';

const CONFIG_FILES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts'];

/** Whether Astro can be found from a folder (it has, or sits inside, a node_modules with Astro). */
export function resolvesAstro(root: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve('astro/package.json');
    return true;
  } catch {
    return false;
  }
}

export function astroConfigFile(root: string): string | undefined {
  return CONFIG_FILES.map((f) => join(root, f)).find((f) => existsSync(f));
}

/** The default export of an astro.config file, loaded the way Astro loads it. */
async function loadAstroConfig(file: string, root: string): Promise<unknown> {
  // Astro first lets Node import the file; a config Node cannot run (an extensionless or aliased
  // import of a .ts module, `import.meta.env`) it loads through Vite's module runner. So do we,
  // with the Vite that Astro itself uses (the project may not depend on Vite by name).
  try {
    return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  } catch (nodeError) {
    if (!resolvesAstro(root)) throw nodeError;
    let vite: typeof import('vite');
    try {
      const astro = createRequire(join(root, 'package.json')).resolve('astro/package.json');
      vite = (await import(pathToFileURL(createRequire(astro).resolve('vite')).href)) as typeof import('vite');
    } catch {
      throw nodeError;
    }
    const { module } = await vite.runnerImport<{ default?: unknown }>(file, { root, logLevel: 'silent' });
    return module.default;
  }
}

/**
 * The options the project gave `groundwork()` in its astro.config (its own kinds and fields), so
 * that `check` validates what `astro build` would. A config that cannot be loaded at all stops
 * `check` as it would stop the build: checking with the defaults instead would report the
 * project's own kinds as unknown, and pass what the build refuses.
 */
async function integrationOptions(root: string): Promise<{ options: Partial<ResolvedOptions> } | { error: string }> {
  const file = astroConfigFile(root);
  if (!file) return { options: {} };
  try {
    const config = (await loadAstroConfig(file, root)) as { integrations?: unknown[] } | undefined;
    const integration = (config?.integrations ?? []).flat(Infinity as 1).find((i) => (i as { name?: string } | undefined)?.name === 'groundwork') as Record<symbol, ResolvedOptions> | undefined;
    if (!integration) return { error: withoutGroundwork(displayPath(file, { root: process.cwd(), base: root })) };
    return { options: integration[OPTIONS] ?? {} };
  } catch (error) {
    const shown = displayPath(file, { root: process.cwd(), base: root });
    // Vite's errors carry the place (`loc`) and a code frame; its message repeats the frame.
    const { loc, frame } = error as { loc?: { file?: string; line?: number; column?: number }; frame?: string };
    const where = loc?.line ? `${displayPath(loc.file ?? file, { root: process.cwd(), base: root })}:${loc.line}:${loc.column ?? 1}` : shown;
    const lines = stoppedBecause(error).split('\n');
    const end = lines.findIndex((l) => /^\s*\d+\s*[:|]|^At file: /.test(l));
    const message = lines.slice(0, end < 0 ? 1 : end).join(' ').replace(/\s+/g, ' ').trim();
    const framed = frame ? `\n${frame.replace(/\n+$/, '').replace(/^/gm, '    ')}` : '';
    // A package the config imports is not installed: the usual first-hour case (a fresh clone).
    const missing = /Cannot find (?:module|package) '((?:@[^/'\s]+\/)?[^./'\s][^/'\s]*)/.exec(message)?.[1];
    const fix = missing
      ? `install the project's packages (\`npm ci\`, or \`npm install\`), or add \`${missing}\` to package.json if it is not there`
      : `correct ${shown} (try \`npx astro build\` to see Astro's own report of it)`;
    return {
      error: `${where}: this Astro config could not be loaded: ${message}${framed}\n  why: check reads groundwork()'s options (your kinds, fields and rules) from it, as the build does; the build would stop on it too\n  fix: ${fix}`,
    };
  }
}

/**
 * The project as its build sees it: `groundwork()`'s options (defaults filled in, as the
 * integration holds them) and the knowledge base's folder (`options.root`, from the project's).
 * `check` and `pdf` both start from it.
 */
export async function projectOptions(root: string): Promise<{ options: ResolvedOptions; kbRoot: string } | { error: string }> {
  const found = await integrationOptions(root);
  if ('error' in found) return found;
  const options: ResolvedOptions = { ...optionsSchema.parse({}), ...found.options };
  return { options, kbRoot: resolve(root, options.root) };
}

/**
 * An astro.config that does not add groundwork(): Astro would build a site without a knowledge
 * base in it (and say it succeeded), so check and build both stop on it.
 */
export function withoutGroundwork(shown: string): string {
  return `${shown}: this Astro config does not add groundwork() to its integrations, so Astro would build no knowledge base\n  fix: in ${shown}, \`import groundwork from 'groundwork-kb';\` and add \`integrations: [groundwork()]\` to the config (see docs/getting-started.md)`;
}

/**
 * Why something stopped, for a person: Groundwork's own report when the knowledge base is at
 * fault (the bundler wraps it in "Build failed with 1 error: [plugin …]" and its stack), else the
 * error's message (GROUNDWORK_DEBUG=1 shows the whole error).
 */
export function stoppedBecause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const report = /GroundworkCheckError: ([\s\S]*?)(?:\n\s+at [^\n]*)*\s*$/.exec(message);
  return report ? report[1]!.trimEnd() : message;
}
