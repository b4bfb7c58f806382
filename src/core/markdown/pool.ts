/**
 * Parsing on every core. Markdown jobs are cut into batches and sent to worker threads; the
 * facts come back by batch number and are put in job order, so the result — problems included —
 * is the same as parsing on one thread (tests/unit/markdown/pool.test.ts compares the two). A
 * few jobs are parsed on the calling thread: starting threads costs more than it saves.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { runJob, type MarkdownJob } from './job.ts';
import type { MarkdownFacts } from './nodes.ts';

/** Below this many jobs, threads are not worth starting (each costs tens of milliseconds). */
export const PARALLEL_THRESHOLD = 400;
const BATCH = 64;

export interface PoolOptions {
  /** Threads to use: 1 parses here; default: the machine's cores (at most 8). */
  threads?: number;
}

export function threadsFor(jobs: number, options: PoolOptions = {}): number {
  const wanted = options.threads ?? Math.min(8, availableParallelism());
  if (wanted <= 1 || jobs < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(wanted, Math.ceil(jobs / BATCH)));
}

export async function analyseAll(jobs: MarkdownJob[], options: PoolOptions = {}): Promise<MarkdownFacts[]> {
  const threads = threadsFor(jobs.length, options);
  if (threads === 1) return jobs.map(runJob);
  const results: MarkdownFacts[] = new Array(jobs.length);
  const batches: { start: number; jobs: MarkdownJob[] }[] = [];
  for (let start = 0; start < jobs.length; start += BATCH) batches.push({ start, jobs: jobs.slice(start, start + BATCH) });
  let next = 0;
  const workers = Array.from({ length: threads }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url)));
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= batches.length) return resolve();
              const batch = next++;
              worker.postMessage({ batch, jobs: batches[batch]!.jobs });
            };
            worker.on('message', (message: { batch: number; facts: MarkdownFacts[] }) => {
              const { start } = batches[message.batch]!;
              message.facts.forEach((f, i) => (results[start + i] = f));
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`a parsing thread stopped (exit ${code})`));
            });
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
