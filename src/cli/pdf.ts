/**
 * `groundwork pdf`: print the built site's handbook page (/handbook/) to one PDF, with a cover,
 * contents with page numbers, every published entry, the references, and on every page the
 * footer "Uncontrolled when printed" with the page number.
 *
 * The built site is served on 127.0.0.1 (nothing leaves the machine) and printed by a headless
 * Chromium. Chromium cannot number a contents list itself (no CSS target-counter()), so the
 * page is printed twice: the first time with an invisible marker at the start of each part and
 * entry, whose page is then read from the PDF's text; the second time with the page numbers
 * filled in. The numbers sit in a fixed-width column, so filling them in moves nothing.
 */
import { escape } from 'html-escaper';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { loadConfig } from '../config/load.ts';
import { HANDBOOK_AUTO_LIMIT } from '../config/schema.ts';
import { todayIso } from '../core/knowledge-base.ts';
import { launchChromium } from './chromium.ts';
import { serveStatic } from './serve.ts';
import { pdfPageTexts } from './pdf-text.ts';

export interface PdfOptions {
  root: string;
  /** The built site (as for build); default ROOT/dist. The PDF is written into it. */
  out?: string | undefined;
  /** The knowledge base's folder, whose groundwork.config.yaml is the profile; default ROOT. */
  kbRoot?: string | undefined;
  /** Date printed as "generated" (YYYY-MM-DD); default today. */
  today?: string | undefined;
}


/** The footer Chromium prints on every page (its own small document: inline styles are fine). */
function footerTemplate(left: string, middle: string): string {
  return `<div style="font-family: system-ui, sans-serif; font-size: 8px; color: #333; width: 100%; margin: 0 16mm; display: flex; gap: 12px; white-space: nowrap;">
  <span><strong>Uncontrolled when printed.</strong> ${escape(left)}</span>
  <span style="flex: 1; overflow: hidden; text-overflow: ellipsis; text-align: center;">${escape(middle)}</span>
  <span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span>
</div>`;
}

const MARKER = (i: number) => `GWMARK${i}ENDMARK`;
const MARKER_RE = /GWMARK(\d+)ENDMARK/g;

export async function runPdf(opts: PdfOptions): Promise<number> {
  const root = resolve(opts.root);
  const siteDir = resolve(opts.out ?? join(root, 'dist'));
  const outFile = join(siteDir, 'handbook.pdf');
  const shown = (p: string) => {
    const r = relative(process.cwd(), p);
    return r && !r.startsWith('..') ? r : p;
  };
  if (!existsSync(join(siteDir, 'index.html'))) {
    const args = [...(root !== process.cwd() ? ['--root', shown(root)] : []), ...(opts.out ? ['--out', shown(siteDir)] : [])];
    process.stderr.write(`There is no built site in ${shown(siteDir)}: run \`npm run build${args.length > 0 ? ` -- ${args.join(' ')}` : ''}\` first, then \`npm run pdf\` with the same options.\n`);
    return 1;
  }
  const { config, problems } = loadConfig(opts.kbRoot ?? root);
  if (problems.length > 0) {
    process.stderr.write(`The handbook profile has errors: run \`npm run check\` to see them.\n`);
    return 1;
  }
  if (!existsSync(join(siteDir, 'handbook', 'index.html'))) {
    const why =
      config.handbook === false
        ? 'groundwork.config.yaml turns it off (`handbook: false`)'
        : config.handbook === 'auto'
          ? `with \`handbook: auto\` it is made only for up to ${HANDBOOK_AUTO_LIMIT} published entries, and this knowledge base has more (or the site was built before that setting)`
          : 'the site was built before `handbook: true` was set';
    process.stderr.write(`The site in ${shown(siteDir)} has no printable handbook (/handbook/): ${why}. Set \`handbook: true\` in groundwork.config.yaml, run \`npm run build\`, then \`npm run pdf\` again.\n`);
    return 1;
  }
  const base = config.base.endsWith('/') ? config.base : `${config.base}/`;
  const generated = opts.today ?? todayIso();
  const t0 = performance.now();

  const served = await serveStatic(siteDir, { prefix: base });
  const { url } = served;
  let browser;
  try {
    try {
      browser = await launchChromium();
    } catch (error) {
      process.stderr.write(`Could not start Chromium to print the PDF: ${(error as Error).message.split('\n')[0]}\nSet GROUNDWORK_CHROMIUM to the path of a Chromium or Chrome to use that one.\n`);
      return 1;
    }
    const page = await browser.newPage();
    const response = await page.goto(`${url}${base}handbook/`, { waitUntil: 'load' });
    if (!response?.ok()) throw new Error(`the handbook page answered ${response?.status()}`);
    await page.evaluate(() => document.fonts.ready);

    // The generated date, and a marker at the start of each part and entry of the contents.
    const count = await page.evaluate(
      ({ generated, markers }) => {
        for (const t of document.querySelectorAll<HTMLElement>('[data-gw-generated]')) {
          t.textContent = generated;
          t.setAttribute('datetime', generated);
        }
        const targets = [...document.querySelectorAll<HTMLElement>('[data-gw-toc-target]')];
        targets.forEach((el, i) => {
          const m = document.createElement('span');
          m.className = 'gw-pdf-marker';
          m.setAttribute('aria-hidden', 'true');
          m.textContent = markers.replace('#', String(i));
          // On the part's or entry's title: where a reader looks for it.
          (el.querySelector(':scope > h2, :scope > h3') ?? el).prepend(m);
        });
        return targets.length;
      },
      { generated, markers: MARKER(0).replace('0', '#') },
    );

    const org = config.organisation?.name;
    const title = config.pdf.title ?? config.title;
    // The PDF's own title (its metadata, shown by PDF readers).
    await page.evaluate((t) => { document.title = t; }, [title, config.edition].filter(Boolean).join(', '));
    const middle = [org, title, config.edition].filter(Boolean).join(' · ');
    const print = () =>
      page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footerTemplate(`Generated ${generated}.`, middle),
        margin: { top: '16mm', bottom: '20mm', left: '16mm', right: '16mm' },
        outline: true,
        tagged: true,
      });

    // Pass 1: where does each marked part start?
    const first = await print();
    const texts = await pdfPageTexts(first);
    const pageOf = new Map<number, number>();
    texts.forEach((text, p) => {
      for (const m of text.replace(/\s+/g, '').matchAll(MARKER_RE)) if (!pageOf.has(Number(m[1]))) pageOf.set(Number(m[1]), p + 1);
    });
    const missing = count - pageOf.size;

    // Pass 2: the numbers filled in, the markers gone.
    await page.evaluate((pages) => {
      const targets = [...document.querySelectorAll<HTMLElement>('[data-gw-toc-target]')];
      targets.forEach((el, i) => {
        const n = pages[i];
        if (n !== undefined) for (const slot of document.querySelectorAll(`[data-gw-page-of="${CSS.escape(el.id)}"]`)) slot.textContent = String(n);
      });
      for (const m of document.querySelectorAll('.gw-pdf-marker')) m.remove();
    }, Object.fromEntries(pageOf));
    const pdf = await print();
    const pages = (await pdfPageTexts(pdf)).length;

    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, pdf);
    if (missing > 0) process.stderr.write(`Warning: ${missing} contents line(s) have no page number (their start was not found in the printed pages).\n`);
    if (pages !== texts.length) process.stderr.write(`Warning: the page count changed between the two passes (${texts.length} → ${pages}); check the contents' page numbers.\n`);
    process.stdout.write(`Printed the handbook (${pages} pages) to ${shown(outFile)} in ${((performance.now() - t0) / 1000).toFixed(1)} s.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`The PDF could not be made: ${(error as Error).message}\n`);
    if (process.env.GROUNDWORK_DEBUG) console.error(error);
    return 1;
  } finally {
    await browser?.close();
    await served.close();
  }
}
