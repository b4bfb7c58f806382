// Search page: Pagefind's UI, loaded only here. Reads ?q= so the search box on every page works.
window.addEventListener('DOMContentLoaded', () => {
  const el = document.getElementById('search');
  if (!el || typeof PagefindUI === 'undefined') return;
  const ui = new PagefindUI({ element: '#search', bundlePath: el.dataset.bundle, showSubResults: true, showImages: false, resetStyles: false, openFilters: ['kind'] });
  const q = new URLSearchParams(location.search).get('q');
  if (q) ui.triggerSearch(q);
  const input = el.querySelector('input');
  if (input) input.focus();
});
