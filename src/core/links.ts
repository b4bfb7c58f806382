/**
 * What a Markdown link points to, in the terms of the knowledge base: an entry id (with an
 * optional `#fragment`), one of the site's own pages, or nothing Groundwork checks (a web
 * address).
 */

/** `javascript:`, `vbscript:` and `data:` URLs run code or embed data when clicked. */
export function isUnsafeUrl(url: string): boolean {
  return /^\s*(javascript|vbscript|data):/i.test(url);
}

/** A URL with a scheme (`https:`, `mailto:` …) or protocol-relative (`//host`): a link out of the knowledge base. */
export function isWebAddress(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//');
}

/** Internal link targets from Markdown links: `/topics/x/`, `/topics/x/#a`, `../x.md`. */
export function internalTarget(url: string, fromId: string): { target: string; fragment?: string } | undefined {
  if (isWebAddress(url)) return undefined;
  const [pathPart, fragment] = url.split('#', 2) as [string, string | undefined];
  if (pathPart === '') return { target: fromId, ...(fragment ? { fragment } : {}) };
  let segs: string[];
  if (pathPart.startsWith('/')) segs = pathPart.split('/');
  else {
    segs = fromId.split('/').slice(0, -1);
    for (const s of pathPart.split('/')) {
      if (s === '..') segs.pop();
      else if (s !== '.' && s !== '') segs.push(s);
    }
  }
  const target = segs
    .filter((s) => s !== '')
    .join('/')
    .replace(/\.mdx?$/, '')
    .replace(/\/index(\.html)?$/, '')
    .replace(/\.html$/, '')
    .toLowerCase();
  return { target, ...(fragment ? { fragment } : {}) };
}
