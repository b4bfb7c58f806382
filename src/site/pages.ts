/**
 * The site's own pages besides entries, by path (without slashes): the integration injects a
 * route for each, and a Markdown link to one of them is not a broken link.
 */
import type { KindRegistry } from '../kinds/index.ts';

export const SITE_ROUTES = {
  home: '',
  references: 'references',
  search: 'search',
  evidence: 'evidence',
  amendments: 'amendments',
  handbook: 'handbook',
} as const;

/** Every non-entry page path: the fixed pages and each kind's index. */
export function sitePages(registry: KindRegistry): Set<string> {
  return new Set<string>([...Object.values(SITE_ROUTES), ...registry.kinds.map((k) => k.path)]);
}

/** The id of a source's item in a reference list, which its citations link to (`#ref-KEY`). */
export function referenceId(key: string): string {
  return `ref-${key}`;
}
