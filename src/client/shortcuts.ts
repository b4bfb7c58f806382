// The only script on every page (about 1 KB once built): a citation opens its reference in
// place, "/" focuses the search box, copy buttons copy a citation, and a reference left open is
// closed before printing. Everything works without it: a citation then goes to the list.
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

// A citation links to its source in the page's reference list, whose items are popovers: open the
// item where the reader is; Escape or a click elsewhere closes it, and focus goes back.
// The toggle event comes later than the change (it is queued): when one reference replaces another,
// the first one's "closed" arrives after the second has opened and taken focus, so only the closing
// of the reference the script opened last sends focus back, to the citation that opened it, and
// only when focus is lost (on the body) or still inside the closed reference: a reader who has
// meanwhile clicked or tabbed to something else (the search box, another citation) keeps it there.
let opened: { link: HTMLAnchorElement; item: HTMLElement } | undefined;
document.addEventListener('click', (e) => {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const link = (e.target as Element | null)?.closest?.('.gw-cite a');
  if (!(link instanceof HTMLAnchorElement)) return;
  const item = document.getElementById(decodeURIComponent(link.hash.slice(1)));
  if (!item?.hasAttribute('popover') || typeof item.showPopover !== 'function') return;
  e.preventDefault();
  opened = { link, item };
  item.showPopover();
  item.focus();
});
document.addEventListener(
  'toggle',
  (e) => {
    if ((e as ToggleEvent).newState !== 'closed' || !opened || e.target !== opened.item || opened.item.matches(':popover-open')) return;
    const { link, item } = opened;
    opened = undefined;
    const now = document.activeElement;
    if (now && now !== document.body && !item.contains(now)) return;
    link.focus();
  },
  true,
);
