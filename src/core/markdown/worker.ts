/** A parsing thread of the pool (`pool.ts`): parses batches of Markdown jobs. */
import { parentPort } from 'node:worker_threads';
import { runJob, type MarkdownJob } from './job.ts';

parentPort!.on('message', (message: { batch: number; jobs: MarkdownJob[] }) => {
  parentPort!.postMessage({ batch: message.batch, facts: message.jobs.map(runJob) });
});
