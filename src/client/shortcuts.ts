// The only script on every page (well under 1 KB once built): "/" focuses the search box, copy
// buttons copy a citation, and a reference left open is closed before printing. Everything works
// without it.
document.addEventListener('keydown', (e) => {
  if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
  const t = e.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  const q = document.getElementById('site-search-q');
  if (q) {
    e.preventDefault();
    q.focus();
  }
});
for (const b of document.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
  b.hidden = false;
  b.addEventListener('click', async () => {
    const src = document.getElementById(b.dataset['copy'] ?? '');
    if (!src) return;
    try {
      await navigator.clipboard.writeText((src.textContent ?? '').trim());
      b.textContent = 'Copied';
    } catch {
      b.textContent = 'Select and copy the text above';
    }
  });
}

// An open reference is a card in the top layer: printed, it would cover the first page and be
// missing from its reference list. Close it first.
window.addEventListener('beforeprint', () => {
  for (const p of document.querySelectorAll<HTMLElement>(':popover-open')) p.hidePopover();
});
