/** Review dates: an entry past its `review.next` date is overdue. */
import type { KnowledgeBase } from '../core/knowledge-base.ts';
import { defineRules } from './define.ts';
import type { Report } from './report.ts';

export const REVIEW_RULES = defineRules('Reviews, local policies and the handbook profile', {
  'review/overdue': { severity: 'warning', description: 'An entry whose `review.next` date has passed (compared with `--today`); an error with `--strict`.' },
});

export function checkReviews(kb: KnowledgeBase, report: Report, options: { today: string }): void {
  for (const e of kb.entries) {
    const next = e.data.review?.next;
    if (next && next < options.today) {
      report(REVIEW_RULES['review/overdue'], e.file, e.reviewAt, `the review of this entry was due on ${next}`, 'review the entry, then update `review.reviewed` and `review.next`');
    }
  }
}
