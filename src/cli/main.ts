/**
 * The Groundwork command line: `check` validates a knowledge base, `build` validates it and,
 * only if there is no error, builds the site atomically; `pdf` prints the handbook.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hasErrors } from '../core/knowledge-base.ts';
import { loadForRoot } from '../site/load.ts';
import { formatProblems, summary } from './report.ts';

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
`;

interface Options {
  root: string;
  out?: string | undefined;
  format: string;
  strict: boolean;
  today?: string | undefined;
  cache: boolean;
}

function runCheck(opts: Options, print = true) {
  const t0 = performance.now();
  const { kb, config } = loadForRoot(opts.root, { ...(opts.today ? { today: opts.today } : {}), strict: opts.strict, cache: opts.cache });
  const ms = performance.now() - t0;
  // Paths as the person typed them: relative to where they ran the command.
  for (const p of kb.problems) p.file = relative(process.cwd(), resolve(opts.root, p.file)).split(sep).join('/');
  if (print) {
    if (opts.format === 'json') {
      const errors = kb.problems.filter((p) => p.severity === 'error').length;
      process.stdout.write(
        `${JSON.stringify({ problems: kb.problems, summary: { errors, warnings: kb.problems.length - errors, entries: kb.entries.length, references: kb.references.size, ms: Math.round(ms) } }, null, 2)}\n`,
      );
    } else {
      if (kb.problems.length > 0) process.stdout.write(`${formatProblems(kb.problems)}\n\n`);
      process.stdout.write(`${summary(kb.problems, kb.entries.length, kb.references.size, ms)}\n`);
    }
  }
  return { kb, config, ok: !hasErrors(kb.problems) };
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

async function runBuild(opts: Options): Promise<number> {
  const t0 = performance.now();
  const checked = runCheck(opts);
  if (!checked.ok) {
    process.stderr.write('Build stopped: fix the errors above first. Nothing was written; the previous site is unchanged.\n');
    return 1;
  }
  const outDir = resolve(opts.out ?? join(opts.root, 'dist'));
  const parent = dirname(outDir);
  mkdirSync(parent, { recursive: true });
  // Leftovers of an interrupted build are never the site: remove them.
  const tmpPrefix = `.${outDir.split(/[\\/]/).pop()}-building-`;
  for (const name of readdirSync(parent)) if (name.startsWith(tmpPrefix)) rmSync(join(parent, name), { recursive: true, force: true });
  const tmp = join(parent, `${tmpPrefix}${process.pid}`);
  // A build killed between the two renames of the swap leaves the previous site as
  // OUT.old-PID and no OUT: put it back before anything else.
  const base = outDir.split(/[\\/]/).pop()!;
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

  globalThis.__groundworkKb = { kb: checked.kb, config: checked.config };
  process.env.GROUNDWORK_ROOT = opts.root;
  // Astro bundles and runs its prerender code inside its output folder, which must see this
  // app's node_modules: build inside the app, then move the finished site next to OUT.
  const astroOut = join(APP_ROOT, '.groundwork', `site-${process.pid}`);
  process.env.GROUNDWORK_OUT_DIR = astroOut;
  const cwd = process.cwd();
  for (const name of existsSync(dirname(astroOut)) ? readdirSync(dirname(astroOut)) : []) {
    const pid = Number(/^site-(\d+)$/.exec(name)?.[1]);
    if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(dirname(astroOut), name), { recursive: true, force: true });
  }
  try {
    process.chdir(APP_ROOT);
    const { build } = await import('astro');
    await build({ root: APP_ROOT, outDir: astroOut, logLevel: process.env.GROUNDWORK_VERBOSE ? 'info' : 'warn' });
    rmSync(join(astroOut, '.prerender'), { recursive: true, force: true });
    // The site the pages were rendered from (set by getSite during the build).
    const site = globalThis.__groundworkSite;
    if (!site) throw new Error('the site was not rendered');
    const { writeCitationFiles } = await import('../site/downloads.ts');
    writeCitationFiles(site, astroOut);
    const pagefind = await import('pagefind');
    const { index, errors } = await pagefind.createIndex({});
    if (!index || errors.length > 0) throw new Error(`search index: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: astroOut });
    if (added.errors.length > 0) throw new Error(`search index: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(astroOut, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`search index: ${written.errors.join('; ')}`);
    await pagefind.close();
    try {
      renameSync(astroOut, tmp);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      cpSync(astroOut, tmp, { recursive: true });
      rmSync(astroOut, { recursive: true, force: true });
    }
    // Swap in the new site whole: rename is atomic on one filesystem.
    const old = `${outDir}.old-${process.pid}`;
    if (existsSync(outDir)) renameSync(outDir, old);
    renameSync(tmp, outDir);
    removeInBackground(old);
    const pages = added.page_count;
    process.stdout.write(`Built ${pages} pages and their search index into ${outDir} in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
    return 0;
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(astroOut, { recursive: true, force: true });
    process.stderr.write(`Build failed: ${(error as Error).message}\nThe previous site in ${outDir} is unchanged.\n`);
    if (process.env.GROUNDWORK_DEBUG) console.error(error);
    return 1;
  } finally {
    process.chdir(cwd);
  }
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
  };
  if (!['text', 'json'].includes(opts.format)) {
    process.stderr.write(`--format must be text or json, not ${opts.format}\n`);
    return 2;
  }
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) {
    process.stderr.write(`--today must be a date written YYYY-MM-DD, not ${opts.today}\n`);
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
      return runCheck(opts).ok ? 0 : 1;
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
