/**
 * The `groundwork` command's run flags and the environment variables that carry them (and the
 * search-index hand-over) to the build's `groundwork()`. No zod here: every command loads this
 * module at start-up; the integration's options schema is in `options.ts`.
 */

/**
 * What one run adds to the integration's options: the `groundwork` command's flags, which reach
 * the build's `groundwork()` through the environment (`GROUNDWORK_TODAY`, …).
 */
export interface RunFlags {
  today?: string | undefined;
  strict?: boolean | undefined;
  noCache?: boolean | undefined;
  threads?: number | undefined;
}

/**
 * Set by `groundwork build` for the Astro build it runs in a child process: groundwork() then
 * leaves the search index to the command (which writes it once that process has exited, to need
 * less memory at once) and marks the site with this file to say that it should.
 */
export const SEARCH_INDEX_AFTER_ENV = 'GROUNDWORK_SEARCH_INDEX_AFTER';
export const SEARCH_INDEX_PENDING = '.groundwork-search-index-pending';

export function flagsFromEnv(env: NodeJS.ProcessEnv = process.env): RunFlags {
  return {
    today: env['GROUNDWORK_TODAY'] || undefined,
    strict: env['GROUNDWORK_STRICT'] === '1',
    noCache: env['GROUNDWORK_NO_CACHE'] === '1',
    threads: env['GROUNDWORK_THREADS'] ? Number(env['GROUNDWORK_THREADS']) : undefined,
  };
}

export function flagsToEnv(flags: RunFlags, env: NodeJS.ProcessEnv = process.env): void {
  if (flags.today) env['GROUNDWORK_TODAY'] = flags.today;
  if (flags.strict) env['GROUNDWORK_STRICT'] = '1';
  if (flags.noCache) env['GROUNDWORK_NO_CACHE'] = '1';
  if (flags.threads) env['GROUNDWORK_THREADS'] = String(flags.threads);
}
