/**
 * Parsing on worker threads (src/core/markdown/pool.ts) gives exactly what parsing on one thread
 * gives, in job order, problems included; below the threshold no thread is started.
 */
import { describe, expect, it } from 'vitest';
import type { MarkdownJob } from '../../../src/core/markdown/job.ts';
import { runJob } from '../../../src/core/markdown/job.ts';
import { analyseAll, BATCH, PARALLEL_THRESHOLD, threadsFor } from '../../../src/core/markdown/pool.ts';

/** Jobs of every sort: cited and uncited claims, links, MDX (good and broken), claim fields. */
function jobs(n: number): MarkdownJob[] {
  return Array.from({ length: n }, (_, i): MarkdownJob => {
    switch (i % 6) {
      case 0:
        return { text: `## Part ${i}\n\nGroups change [@k${i}, p. ${i}].\n\nSee [[topics/t${i}]].\n`, mdx: false, self: `topics/e${i}`, mode: 'body' };
      case 1:
        return { text: `An uncited claim number ${i}.\n\n- item [@a]\n- bare item ${i}\n`, mdx: false, self: `topics/e${i}`, mode: 'body' };
      case 2:
        return { text: `<Note>\nA remark ${i}.\n</Note>\n\nA claim [@a; see above].\n`, mdx: true, self: `topics/e${i}`, mode: 'body' };
      case 3:
        return { text: `A claim {unclosed ${i}\n`, mdx: true, self: `topics/e${i}`, mode: 'body' };
      case 4:
        return { text: `Mutual aid ${i} [@toseland2017].`, mdx: false, self: `models/m${i}`, mode: 'field' };
      default:
        return { text: `:::warning\nText ${i}.\n:::\n\n[x](javascript:alert(${i})) and a claim [@a].\n`, mdx: false, self: `topics/e${i}`, mode: 'body' };
    }
  });
}

describe('the parsing pool', () => {
  it('uses threads only for many jobs, and never more than asked', () => {
    expect(threadsFor(PARALLEL_THRESHOLD - 1, { threads: 8 })).toBe(1);
    expect(threadsFor(10_000, { threads: 1 })).toBe(1);
    expect(threadsFor(PARALLEL_THRESHOLD, { threads: 2 })).toBe(2);
    expect(threadsFor(10_000, { threads: 3 })).toBe(3);
    // No more threads than batches.
    expect(threadsFor(PARALLEL_THRESHOLD, { threads: 64 })).toBe(Math.ceil(PARALLEL_THRESHOLD / BATCH));
  });

  it('gives the same facts, in job order, on two threads as on one', async () => {
    const list = jobs(PARALLEL_THRESHOLD + 50);
    const one = await analyseAll(list, { threads: 1 });
    const two = await analyseAll(list, { threads: 2 });
    expect(two).toHaveLength(list.length);
    expect(two).toEqual(one);
    // And the same as parsing each job by itself; spot-check that problems survived the trip.
    expect(one[7]).toEqual(runJob(list[7]!));
    expect(two[1]!.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule}`)).toEqual(['1:1 claim/uncited', '4:1 claim/uncited']);
    expect(two[3]!.problems.map((p) => `${p.at.line}:${p.at.column} ${p.rule}`)).toEqual(['1:9 mdx/syntax']);
    expect(two[446]!.problems.map((p) => p.rule)).toEqual(['citation/malformed']);
    expect(two[449]!.problems.map((p) => p.rule)).toEqual(['directive/unknown']);
    expect(two[449]!.links).toEqual([{ target: 'unsafe:javascript:alert(449)', at: { line: 5, column: 1 }, via: 'markdown' }]);
  });
});
