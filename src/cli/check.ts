/**
 * `groundwork check`: validate the knowledge base with the options the project's astro.config
 * gives `groundwork()`, and print the report (text, or `--format json`). It renders nothing.
 */
import { hasErrors } from '../core/knowledge-base.ts';
import { checkProject } from '../core/project.ts';
import type { RunFlags } from '../integration/flags.ts';
import { checkOptionsFor } from '../integration/options.ts';
import { docsLink } from '../rules/define.ts';
import { RULES_BY_ID } from '../rules/index.ts';
import { projectOptions } from './astro-config.ts';
import type { Options } from './main.ts';
import { displayPath, formatProblems, summary } from './report.ts';

export async function runCheck(opts: Options, flags: RunFlags): Promise<number> {
  const t0 = performance.now();
  const found = await projectOptions(opts.root);
  if ('error' in found) {
    process.stderr.write(`error: ${found.error}\n`);
    return 1;
  }
  // The options as the build's groundwork() holds them, and the same rule to turn them into a check.
  const { options, kbRoot } = found;
  const kb = await checkProject(kbRoot, checkOptionsFor(options, flags));
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
