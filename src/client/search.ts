// Search page only: starts Pagefind's UI (loaded from the site's own search index) and reads
// ?q= so that the search box on every page works.
declare const PagefindUI: new (options: Record<string, unknown>) => { triggerSearch(q: string): void };

function start(): void {
  const el = document.getElementById('search');
  if (!el || typeof PagefindUI === 'undefined') return;
  const ui = new PagefindUI({ element: '#search', bundlePath: el.dataset['bundle'], showSubResults: true, showImages: false, resetStyles: false, openFilters: ['kind'] });
  const q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
  el.querySelector('input')?.focus();
}
if (document.readyState === 'complete') start();
else window.addEventListener('load', start);
