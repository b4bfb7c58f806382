/**
 * Reading built pages in the build tests: an element by id, what a reader sees, the citations
 * of a page and the references they open. Assertions go through these rather than through exact
 * attribute order, so that markup slimmed for page weight does not hide a real change.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The element with this id, as HTML (from its opening tag to the matching closing tag). */
export function byId(html: string, id: string): string {
  const open = new RegExp(`<([a-z0-9]+)\\b[^>]*\\bid="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>`).exec(html);
  if (!open) throw new Error(`no element #${id}`);
  const tag = open[1]!;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = open.index + open[0].length;
  let depth = 1;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(open.index, m.index + m[0].length);
  }
  throw new Error(`#${id} is never closed`);
}

/** The HTML inside an element (without its own tags). */
export function inner(element: string): string {
  return element.replace(/^<[^>]+>/, '').replace(/<\/[a-z0-9]+>$/, '');
}

/** The first element of this tag whose class list has `cls`, as HTML ('' if none). */
export function byClass(html: string, tag: string, cls: string): string {
  const start = html.search(new RegExp(`<${tag}\\b[^>]*class="[^"]*\\b${cls}\\b`));
  if (start < 0) return '';
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = start;
  let depth = 0;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, m.index + m[0].length);
  }
  return html.slice(start);
}

/** What a reader sees: tags removed, entities decoded, white space collapsed. */
export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&#x26;|&#38;|&amp;/g, '&')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;|&#x3C;|&#60;/g, '<')
    .replace(/&gt;|&#62;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface CitationSource {
  /** The text that names the source: "Toseland & Rivas, 2017, p. 12". */
  text: string;
  /** The id of the element it opens or links to (the source in the page's reference list). */
  target: string;
}

/**
 * The sources of every citation (`<span class="gw-cite">`) in a piece of HTML, in order: each is
 * a control that opens the reference on the page (a `popovertarget` button) or a link to it
 * (`href="#…"`), whichever the markup of the day uses.
 */
export function citationButtons(html: string): CitationSource[] {
  const out: CitationSource[] = [];
  for (const cite of html.matchAll(/<span class="gw-cite">([\s\S]*?)<\/span>/g)) {
    for (const m of cite[1]!.matchAll(/<(a|button)\b([^>]*)>([\s\S]*?)<\/\1>/g)) {
      const target = /\bpopovertarget="([^"]+)"/.exec(m[2]!)?.[1] ?? /\bhref="#([^"]+)"/.exec(m[2]!)?.[1];
      if (target) out.push({ target, text: text(m[3]!) });
    }
  }
  return out;
}

/** Ids of every element on a page, in order (duplicates kept). */
export function ids(html: string): string[] {
  return [...html.matchAll(/<[a-z][a-z0-9]*\b[^>]*?\sid="([^"]+)"/g)].map((m) => m[1]!);
}

export function duplicates(list: string[]): string[] {
  return [...new Set(list.filter((x, i) => list.indexOf(x) !== i))];
}

/** Every `.html` file under a folder. */
export function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => join(d.parentPath, d.name));
}
