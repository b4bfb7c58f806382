/** One piece of Markdown to parse (an entry's body, or a frontmatter value that is a claim). */
import { analyseMarkdown } from './parse.ts';
import type { MarkdownFacts } from './nodes.ts';

export interface MarkdownJob {
  text: string;
  mdx: boolean;
  /** The entry's id (relative links resolve against it). */
  self: string;
  mode: 'body' | 'field';
}

export function runJob(job: MarkdownJob): MarkdownFacts {
  return analyseMarkdown(job.text, { mdx: job.mdx, self: job.self, mode: job.mode });
}
