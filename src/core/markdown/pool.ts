/**
 * Parsing on every core. Markdown jobs are cut into batches; the calling thread and worker
 * threads (one fewer than the threads asked for) take batches from one queue until it is empty.
 * The facts are put back in job order, so the result — problems included — is the same as
 * parsing on one thread (tests/unit/markdown/pool.test.ts compares the two). Below a few hundred
 * jobs no thread is started: starting one costs more than it saves.
 */
import { availableParallelism } from 'node:os';
import { setImmediate } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { runJob, type MarkdownJob } from './job.ts';
import type { MarkdownFacts } from './nodes.ts';

/** Below this many jobs, threads are not worth starting (each costs tens of milliseconds). */
export const PARALLEL_THRESHOLD = 1200;
export const BATCH = 50;

export interface PoolOptions {
  /** Threads to use, this one included: 1 parses here only; default: the machine's cores (at most 8). */
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
  let next = 0;
  const take = (): { start: number; end: number } | undefined => {
    if (next >= jobs.length) return undefined;
    const start = next;
    next = Math.min(jobs.length, next + BATCH);
    return { start, end: next };
  };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(new URL('./worker-entry.mjs', import.meta.url)));
  try {
    const inWorkers = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          let current: { start: number; end: number } | undefined;
          const send = () => {
            current = take();
            if (!current) return resolve();
            worker.postMessage({ batch: current.start, jobs: jobs.slice(current.start, current.end) });
          };
          worker.on('message', (message: { batch: number; facts: MarkdownFacts[] }) => {
            message.facts.forEach((f, i) => (results[message.batch + i] = f));
            send();
          });
          worker.on('error', reject);
          worker.on('exit', (code) => {
            if (current && code !== 0) reject(new Error(`a parsing thread stopped (exit ${code})`));
          });
          send();
        }),
    );
    // This thread parses too, a batch at a time, letting the workers' results in between.
    for (let batch = take(); batch; batch = take()) {
      for (let i = batch.start; i < batch.end; i++) results[i] = runJob(jobs[i]!);
      await setImmediate();
    }
    await Promise.all(inWorkers);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
