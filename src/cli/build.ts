/**
 * `groundwork build`: check, build with Astro and the groundwork() integration, index for search,
 * then swap the new site in for the old one in one rename, so that a failed or interrupted build
 * never leaves a half-built site.
 *
 * Astro builds in a child process (`groundwork _astro-build`, not a command for people), and the
 * search index is written after that process has exited: Pagefind needs about as much memory as
 * the whole Astro build (3 GB for 10,000 pages), and while the build's process lives its memory is
 * not given back, so indexing inside it would need both at once. A plain `astro build` indexes in
 * `astro:build:done`, with the same function.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flagsToEnv, SEARCH_INDEX_AFTER_ENV, SEARCH_INDEX_PENDING, type RunFlags } from '../integration/flags.ts';
import type { AstroIntegration } from 'astro';
import { astroConfigFile, resolvesAstro, stoppedBecause, withoutGroundwork } from './astro-config.ts';
import { CWD_ENV, displayPath, shownFrom } from './report.ts';

export const APP_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The hidden command the build's child process runs. */
export const ASTRO_BUILD_COMMAND = '_astro-build';

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

/** Run `groundwork _astro-build` on this Node, with this process's output; resolves to its exit code. */
function astroBuildProcess(root: string, astroOut: string): Promise<number> {
  const entry = join(APP_ROOT, 'scripts/groundwork.mjs');
  return new Promise((done) => {
    // The IPC channel is how the child learns that this process is gone (killed, say): it stops too.
    const child = spawn(process.execPath, [...process.execArgv, entry, ASTRO_BUILD_COMMAND, '--root', root, '--out', astroOut], {
      stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, [SEARCH_INDEX_AFTER_ENV]: '1' },
    });
    child.on('error', (error) => {
      process.stderr.write(`Build stopped: could not start the build process (${error.message})\n`);
      done(1);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

/**
 * The child's work: Astro's `build()` on the project's astro.config (a bare knowledge base without
 * one gets a default `groundwork({ root })`) into `astroOut`. Exit 1 when it fails, with the reason.
 */
export async function runAstroBuild(root: string, astroOut: string): Promise<number> {
  // Started by `groundwork build`: when that process goes away, nobody will use this build.
  if (process.channel) {
    process.channel.unref();
    process.on('disconnect', () => process.exit(1));
  }
  try {
    // Astro writes the code it prerenders with inside the output folder only when that folder is
    // within the working directory (else into ./.astro): work from Groundwork's folder.
    process.chdir(APP_ROOT);
    const { build } = await import('astro');
    const logLevel = process.env['GROUNDWORK_VERBOSE'] ? ('info' as const) : ('warn' as const);
    const configFile = astroConfigFile(root);
    if (configFile) {
      // A project of its own: its astro.config (with groundwork() and whatever else it adds).
      // Astro adds these integrations to the config's own; this one only looks for groundwork().
      const required: AstroIntegration = {
        name: 'groundwork:required',
        hooks: {
          'astro:config:done': ({ config }) => {
            if (!config.integrations.some((i) => i.name === 'groundwork')) throw new Error(withoutGroundwork(displayPath(configFile, { root: shownFrom(), base: root })));
          },
        },
      };
      await build({ root, outDir: astroOut, logLevel, integrations: [required] });
    } else {
      // A bare knowledge base: the default groundwork(). Astro needs to find itself from its
      // root, so a folder without node_modules is built from Groundwork's own folder.
      const astroRoot = resolvesAstro(root) ? root : APP_ROOT;
      const { default: groundwork } = await import('../integration/index.ts');
      await build({ root: astroRoot, outDir: astroOut, logLevel, configFile: false, publicDir: join(root, 'public'), integrations: [groundwork({ root })] });
    }
    return 0;
  } catch (error) {
    process.stderr.write(`Build stopped: ${stoppedBecause(error)}\n`);
    if (process.env['GROUNDWORK_DEBUG']) console.error(error);
    return 1;
  }
}

export async function runBuild(opts: { root: string; out?: string | undefined }, flags: RunFlags): Promise<number> {
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
  flagsToEnv(flags);
  const cwd = process.cwd();
  // The report shows paths relative to where the command was run, as `check` does (the build runs from Groundwork's folder).
  process.env[CWD_ENV] = cwd;
  const nothingWritten = () => process.stderr.write(`Nothing was written; the previous site in ${outDir} is unchanged.\n`);
  const code = await astroBuildProcess(opts.root, astroOut);
  if (code !== 0) {
    rmSync(astroOut, { recursive: true, force: true });
    nothingWritten();
    // 3 is an internal error (reported by the child as such); anything else is a failed build.
    return code === 3 ? 3 : 1;
  }
  try {
    rmSync(join(astroOut, '.prerender'), { recursive: true, force: true });
    const pending = join(astroOut, SEARCH_INDEX_PENDING);
    if (existsSync(pending)) {
      rmSync(pending);
      const t1 = performance.now();
      const { writeSearchIndex } = await import('../integration/search-index.ts');
      const pages = await writeSearchIndex(astroOut);
      if (process.env['GROUNDWORK_VERBOSE']) process.stdout.write(`[groundwork] indexed ${pages} pages for search in ${((performance.now() - t1) / 1000).toFixed(2)} s\n`);
    }
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
    process.stderr.write(`Build stopped: ${stoppedBecause(error)}\n`);
    nothingWritten();
    if (process.env['GROUNDWORK_DEBUG']) console.error(error);
    return 1;
  }
}
