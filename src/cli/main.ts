/**
 * The Groundwork command line: `check` validates a knowledge base; `build` builds it with Astro
 * and the groundwork() integration (which checks first and stops on any error), atomically
 * (`build.ts`); `pdf` prints the handbook (`pdf.ts`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { flagsFromEnv, type RunFlags } from '../integration/flags.ts';

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

export interface Options {
  root: string;
  out?: string | undefined;
  format: string;
  strict: boolean;
  today?: string | undefined;
  cache: boolean;
  threads?: number | undefined;
}

/** The run's flags: the command line's, over what the environment says. */
function runFlags(opts: Options): RunFlags {
  const env = flagsFromEnv();
  return { today: opts.today ?? env.today, strict: opts.strict || env.strict, noCache: !opts.cache || env.noCache, threads: opts.threads ?? env.threads };
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
  // The integration's own rule for a date (its schema, loaded only when a date is given).
  if (opts.today !== undefined && !(await import('../integration/options.ts')).optionsSchema.shape.today.safeParse(opts.today).success) {
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
  // Each command loads only its own modules: the build's parent process stays small.
  switch (command) {
    case 'check': {
      const { runCheck } = await import('./check.ts');
      return runCheck(opts, runFlags(opts));
    }
    case 'build': {
      const { runBuild } = await import('./build.ts');
      return runBuild(opts, runFlags(opts));
    }
    case '_astro-build': {
      // The build's child process (see build.ts): the flags arrive through the environment.
      const { runAstroBuild } = await import('./build.ts');
      return runAstroBuild(opts.root, resolve(opts.out ?? 'dist'));
    }
    case 'pdf': {
      // The profile is the knowledge base's, where groundwork({ root }) puts it, as for check and build.
      const [{ runPdf }, { projectOptions }] = await Promise.all([import('./pdf.ts'), import('./astro-config.ts')]);
      const found = await projectOptions(opts.root);
      if ('error' in found) {
        process.stderr.write(`error: ${found.error}\n`);
        return 1;
      }
      return runPdf({ ...opts, kbRoot: found.kbRoot, today: runFlags(opts).today });
    }
    default:
      process.stderr.write(`Unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}
