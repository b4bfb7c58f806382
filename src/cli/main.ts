/**
 * The Groundwork command line: `check` validates a knowledge base; `build` builds it with Astro
 * and the groundwork() integration (which checks first and stops on any error), atomically;
 * `pdf` prints the handbook.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/knowledge-base.ts';
import { checkProject } from '../core/project.ts';
import { RULES_BY_ID } from '../rules/index.ts';
import { docsLink } from '../rules/define.ts';
import { formatProblems, displayPath, summary } from './report.ts';
import { checkOptionsFor, flagsFromEnv, flagsToEnv, optionsSchema, OPTIONS, type ResolvedOptions, type RunFlags } from '../integration/options.ts';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: groundwork <command> [options]

Commands:
  check            validate content and references; exit 1 on any error
  build            check, then build the static site and its search index into dist/
  pdf              build the handbook PDF (after build)

Options:
  --root DIR       the knowledge base (folder with content/ and references/); default: .
  --out DIR        where build writes the site; default: ROOT/dist
  --format FORMAT  check output: text (default) or json
  --strict         overdue reviews are errors
  --no-cache       parse every file again (ignore ROOT/.groundwork/cache)
  --today DATE     the date review checks use (YYYY-MM-DD); default: today
  --threads N      parsing threads; default: every core
`;

interface Options {
  root: string;
  out?: string | undefined;
  format: string;
  strict: boolean;
  today?: string | undefined;
  cache: boolean;
  threads?: number | undefined;
}

const CONFIG_FILES = ['astro.config.mjs', 'astro.config.js', 'astro.config.ts', 'astro.config.mts'];

/** Whether Astro can be found from a folder (it has, or sits inside, a node_modules with Astro). */
function resolvesAstro(root: string): boolean {
  try {
    createRequire(join(root, 'package.json')).resolve('astro/package.json');
    return true;
  } catch {
    return false;
  }
}

function astroConfigFile(root: string): string | undefined {
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
    return { options: integration?.[OPTIONS] ?? {} };
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

/** The run's flags: the command line's, over what the environment says. */
function runFlags(opts: Options): RunFlags {
  const env = flagsFromEnv();
  return { today: opts.today ?? env.today, strict: opts.strict || env.strict, noCache: !opts.cache || env.noCache, threads: opts.threads ?? env.threads };
}

async function runCheck(opts: Options): Promise<number> {
  const t0 = performance.now();
  const found = await integrationOptions(opts.root);
  if ('error' in found) {
    process.stderr.write(`error: ${found.error}\n`);
    return 1;
  }
  // The options as the build's groundwork() holds them, and the same rule to turn them into a check.
  const options: ResolvedOptions = { ...optionsSchema.parse({}), ...found.options };
  const kbRoot = resolve(opts.root, options.root);
  const kb = await checkProject(kbRoot, checkOptionsFor(options, runFlags(opts)));
  const ms = performance.now() - t0;
  const shown = { root: process.cwd(), base: kbRoot };
  if (opts.format === 'json') {
    const errors = kb.problems.filter((p) => p.severity === 'error').length;
    const problems = kb.problems.map((p) => ({ ...p, file: displayPath(p.file, shown), docs: docsLink(RULES_BY_ID.get(p.rule)) }));
    process.stdout.write(`${JSON.stringify({ problems, summary: { errors, warnings: kb.problems.length - errors, entries: kb.entries.length, references: kb.references.size, ms: Math.round(ms) } }, null, 2)}\n`);
  } else {
    if (kb.problems.length > 0) process.stdout.write(`${formatProblems(kb.problems, shown)}\n\n`);
    process.stdout.write(`${summary(kb.problems, kb.entries.length, kb.references.size, ms)}\n`);
  }
  return hasErrors(kb.problems) ? 1 : 0;
}

/** Delete the replaced site without making the person wait for it (it is already out of the way). */
function removeInBackground(dir: string): void {
  if (!existsSync(dir)) return;
  if (process.platform === 'win32') {
    rmSync(dir, { recursive: true, force: true });
    return;
  }
  const child = spawn('rm', ['-rf', dir], { detached: true, stdio: 'ignore' });
  child.on('error', () => rmSync(dir, { recursive: true, force: true }));
  child.unref();
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Build with Astro into a folder of its own, then swap it in for the previous site in one
 * rename, so that a failed or interrupted build never leaves a half-built site.
 */
async function runBuild(opts: Options): Promise<number> {
  const t0 = performance.now();
  const outDir = resolve(opts.out ?? join(opts.root, 'dist'));
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  const base = outDir.split(/[\\/]/).pop()!;
  // Leftovers of an interrupted build are never the site: remove them.
  const tmpPrefix = `.${base}-building-`;
  for (const name of readdirSync(parent)) if (name.startsWith(tmpPrefix)) rmSync(join(parent, name), { recursive: true, force: true });
  const tmp = join(parent, `${tmpPrefix}${process.pid}`);
  // A build killed between the two renames of the swap leaves the previous site as
  // OUT.old-PID and no OUT: put it back before anything else.
  const stranded = readdirSync(parent).filter((n) => n.startsWith(`${base}.old-`));
  if (!existsSync(outDir) && stranded.length > 0) renameSync(join(parent, stranded[0]!), outDir);
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(`${base}.old-`)) continue;
    try {
      rmSync(join(parent, name), { recursive: true, force: true });
    } catch {
      // Being removed in the background by the previous build: leave it to that.
    }
  }
  // Astro runs the pages it prerenders from inside its output folder, which must see Astro in a
  // node_modules above it: build inside Groundwork's own folder, then move the site.
  const astroOut = join(APP_ROOT, '.groundwork', `site-${process.pid}`);
  for (const name of existsSync(dirname(astroOut)) ? readdirSync(dirname(astroOut)) : []) {
    const pid = Number(/^site-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(astroOut), name), { recursive: true, force: true });
  }
  // The command's options reach the project's groundwork() (its own, in its astro.config, or
  // the default one) through the environment.
  flagsToEnv(runFlags(opts));
  const cwd = process.cwd();
  // The report shows paths relative to where the command was run, as `check` does (the build runs from Groundwork's folder).
  process.env['GROUNDWORK_CWD'] = cwd;
  try {
    // Astro writes the code it prerenders with inside the output folder only when that folder is
    // within the working directory (else into ./.astro): work from Groundwork's folder.
    process.chdir(APP_ROOT);
    const { build } = await import('astro');
    const logLevel = process.env['GROUNDWORK_VERBOSE'] ? ('info' as const) : ('warn' as const);
    if (astroConfigFile(opts.root)) {
      // A project of its own: its astro.config (with groundwork() and whatever else it adds).
      await build({ root: opts.root, outDir: astroOut, logLevel });
    } else {
      // A bare knowledge base: the default groundwork(). Astro needs to find itself from its
      // root, so a folder without node_modules is built from Groundwork's own folder.
      const astroRoot = resolvesAstro(opts.root) ? opts.root : APP_ROOT;
      const { default: groundwork } = await import('../integration/index.ts');
      await build({ root: astroRoot, outDir: astroOut, logLevel, configFile: false, publicDir: join(opts.root, 'public'), integrations: [groundwork({ root: opts.root })] });
    }
    rmSync(join(astroOut, '.prerender'), { recursive: true, force: true });
    try {
      renameSync(astroOut, tmp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      cpSync(astroOut, tmp, { recursive: true });
      rmSync(astroOut, { recursive: true, force: true });
    }
    const old = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
    removeInBackground(old);
    process.stdout.write(`Built the site into ${displayPath(outDir, { root: cwd, base: cwd })} in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
    return 0;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(astroOut, { recursive: true, force: true });
    process.stderr.write(`Build stopped: ${stoppedBecause(error)}\nNothing was written; the previous site in ${outDir} is unchanged.\n`);
    if (process.env['GROUNDWORK_DEBUG']) console.error(error);
    return 1;
  } finally {
    process.chdir(cwd);
  }
}

/**
 * Why a build stopped, for a person: Groundwork's own report when the knowledge base is at fault
 * (the bundler wraps it in "Build failed with 1 error: [plugin …]" and its stack), else the error's
 * message (GROUNDWORK_DEBUG=1 shows the whole error).
 */
function stoppedBecause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const report = /GroundworkCheckError: ([\s\S]*?)(?:\n\s+at [^\n]*)*\s*$/.exec(message);
  return report ? report[1]!.trimEnd() : message;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        root: { type: 'string', default: '.' },
        out: { type: 'string' },
        format: { type: 'string', default: 'text' },
        strict: { type: 'boolean', default: false },
        'no-cache': { type: 'boolean', default: false },
        today: { type: 'string' },
        threads: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const [command] = parsed.positionals;
  if (parsed.values.help || !command) {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  const opts: Options = {
    root: resolve(parsed.values.root!),
    out: parsed.values.out,
    format: parsed.values.format!,
    strict: parsed.values.strict!,
    cache: !parsed.values['no-cache'],
    today: parsed.values.today,
    threads: parsed.values.threads ? Number(parsed.values.threads) : undefined,
  };
  if (!['text', 'json'].includes(opts.format)) {
    process.stderr.write(`--format must be text or json, not ${opts.format}\n`);
    return 2;
  }
  if (opts.today !== undefined && !optionsSchema.shape.today.safeParse(opts.today).success) {
    process.stderr.write(`--today must be a date written YYYY-MM-DD, not ${opts.today}\n`);
    return 2;
  }
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 1)) {
    process.stderr.write(`--threads must be a whole number of at least 1, not ${parsed.values.threads}\n`);
    return 2;
  }
  // `groundwork check | head`: a reader that stops early is not a crash; the exit code stands.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
  if (!existsSync(opts.root)) {
    process.stderr.write(`No knowledge base at ${opts.root}\n`);
    return 2;
  }
  switch (command) {
    case 'check':
      return runCheck(opts);
    case 'build':
      return runBuild(opts);
    case 'pdf': {
      const { runPdf } = await import('./pdf.ts');
      return runPdf(opts);
    }
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}
