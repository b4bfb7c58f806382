/**
 * The inline step of Groundwork's Markdown plugin: pandoc citations and `[[wiki-links]]` become
 * Groundwork's `citation` and `wikilink` nodes.
 *
 * It runs wherever an entry is parsed — in `check`, in the rendering of `.md` entries and
 * inside Astro's MDX compiler — so every one of them sees the same nodes.
 *
 * Citations are scanned over a whole run of inline content, not text node by text node: the
 * parser splits text where something else begins (a `:name` text directive inside
 * `[@Kim:2009]`, emphasis inside a prefix `[see *the* classic @key]`), and a citation must
 * survive all of that. Each container's children are joined into one string in which text keeps
 * its value, a text directive goes back to the characters the author typed (Groundwork has no
 * text directives), and any other inline node is one placeholder character; the string parser
 * in `../citations/syntax.ts` finds the citations, and the children are rebuilt around them.
 */
import type { MdastVisitorContext } from 'satteri';
import { scanCitations, type CitationCluster } from '../citations/syntax.ts';
import { alignText, type AlignedText } from './source-text.ts';
import { PLACEHOLDER } from '../citations/characters.ts';
import { factsOf, type AnyNode, type Children, type CitationItemData, type CitationNode, type WikilinkNode } from './nodes.ts';
import { documentSource, type DocumentSource } from './document.ts';


/** Nodes whose children are inline content in which citations may be written. */
const INLINE_CONTAINERS = new Set([
  'paragraph', 'heading', 'tableCell', 'emphasis', 'strong', 'delete', 'mdxJsxTextElement',
  'superscript', 'subscript', 'descriptionTerm',
]);

/** Nodes whose content is never searched: code, raw HTML, link text, expressions. */
const OPAQUE = new Set(['code', 'inlineCode', 'html', 'link', 'linkReference', 'image', 'imageReference', 'yaml', 'toml', 'mdxFlowExpression', 'mdxTextExpression', 'mdxjsEsm', 'math', 'inlineMath', 'citation', 'wikilink']);

interface Piece {
  start: number;
  end: number;
  node: AnyNode;
  /** For text: how its value maps to the source. Undefined for a placeholder. */
  text?: { value: string; align: AlignedText };
  /** A node that replaces the original (a wikilink) or stands for it. */
  replacement?: AnyNode;
}

function sourceOf(doc: DocumentSource, node: AnyNode): { text: string; start: number } | undefined {
  const s = node.position?.start.offset;
  const e = node.position?.end.offset;
  if (s === undefined || e === undefined) return undefined;
  return { text: doc.text.slice(s, e), start: s };
}

/** A wiki-link that names no entry (`[[#anchor]]`, `[[ ]]`, `[[|label]]`). */
function reportMalformed(doc: DocumentSource, written: string, at: { line: number; column: number }): void {
  factsOf(doc.data).problems.push({ rule: 'link/malformed', message: `\`${written}\` names no entry`, hint: 'write the id of an entry, e.g. `[[topics/mutual-aid]]`', at });
}

/** `[[]]` and `[[|label]]`: the parser leaves them as text, since they have no target. */
const EMPTY_WIKILINK = /\[\[[ \t]*(?:\|[^[\]\n]*)?\]\]/g;

/** `[[target#fragment|label]]` as written, or undefined when the link is an ordinary one. */
function wikilinkOf(doc: DocumentSource, node: AnyNode): WikilinkNode | undefined {
  const src = sourceOf(doc, node);
  if (!src || !src.text.startsWith('[[') || !src.text.endsWith(']]')) return undefined;
  const inner = src.text.slice(2, -2);
  const bar = inner.indexOf('|');
  const targetPart = (bar === -1 ? inner : inner.slice(0, bar)).trim();
  const label = bar === -1 ? '' : inner.slice(bar + 1).trim();
  const hash = targetPart.indexOf('#');
  const target = (hash === -1 ? targetPart : targetPart.slice(0, hash)).trim().toLowerCase().replace(/\/+$/, '');
  const fragment = hash === -1 ? '' : targetPart.slice(hash + 1).trim();
  const at = doc.position(src.start);
  if (!target) reportMalformed(doc, src.text, at);
  return {
    type: 'wikilink',
    value: src.text,
    data: { wikilink: { target, ...(fragment ? { fragment } : {}), ...(label ? { label } : {}), at } },
  };
}

function processContainer(node: AnyNode, ctx: MdastVisitorContext, doc: DocumentSource, replaced: Children, definitions: Definitions): void {
  const kids = node.children ?? [];
  const pieces: Piece[] = [];
  let text = '';
  let interesting = false;
  for (const child of kids) {
    const start = text.length;
    if (child.type === 'text') {
      const value = child.value ?? '';
      const src = sourceOf(doc, child);
      const align = src ? alignText(value, src.text, src.start) : { sourceOffset: () => child.position?.start.offset ?? 0, escaped: () => false };
      pieces.push({ start, end: start + value.length, node: child, text: { value, align } });
      text += value;
      if (value.includes('@') || value.includes('[[')) interesting = true;
    } else if (child.type === 'textDirective') {
      // Groundwork has no text directives: `Note:this` and `[@Kim:2009]` are what was typed.
      const src = sourceOf(doc, child);
      const value = src?.text ?? '';
      pieces.push({ start, end: start + value.length, node: child, text: { value, align: alignText(value, value, src?.start ?? 0) }, replacement: { type: 'text', value } });
      text += value;
      interesting = true;
    } else {
      const replacement = child.type === 'link' ? (wikilinkOf(doc, child) as unknown as AnyNode | undefined) : child.type === 'linkReference' ? resolvedReference(child, definitions) : undefined;
      if (replacement) interesting = true;
      pieces.push({ start, end: start + 1, node: child, ...(replacement ? { replacement } : {}) });
      text += PLACEHOLDER;
    }
  }
  if (interesting) {
    const pieceAt = (offset: number): Piece | undefined => pieces.find((p) => offset >= p.start && offset < p.end);
    // Which characters were backslash-escaped, asked for every character the scanner reads.
    const escapes = new Uint8Array(text.length);
    for (const p of pieces) if (p.text) for (let k = 0; k < p.text.value.length; k++) if (p.text.align.escaped(k)) escapes[p.start + k] = 1;
    const escaped = (offset: number): boolean => escapes[offset] === 1;
    const sourceOffset = (offset: number): number => {
      const p = pieceAt(offset) ?? pieces[pieces.length - 1];
      if (!p) return node.position?.start.offset ?? 0;
      if (p.text) return p.text.align.sourceOffset(Math.min(offset, p.end) - p.start);
      return p.node.position?.start.offset ?? 0;
    };
    const { parts, problems } = scanCitations(text, { escaped });
    const facts = factsOf(doc.data);
    for (const p of problems) facts.problems.push({ rule: p.rule, message: p.message, hint: p.hint, at: doc.position(sourceOffset(p.offset)) });
    for (const m of text.matchAll(EMPTY_WIKILINK)) if (!escaped(m.index)) reportMalformed(doc, m[0], doc.position(sourceOffset(m.index)));
    const clusters = parts.filter((p): p is CitationCluster => typeof p !== 'string');
    const hasReplacement = pieces.some((p) => p.replacement);
    if (clusters.length > 0 || hasReplacement) {
      const out: AnyNode[] = [];
      /** The children standing for text[from, to): original nodes where untouched, new text where cut. */
      const emit = (from: number, to: number) => {
        for (const p of pieces) {
          if (p.end <= from || p.start >= to) continue;
          if (p.text && !p.replacement) {
            const a = Math.max(from, p.start) - p.start;
            const b = Math.min(to, p.end) - p.start;
            if (a === 0 && b === p.text.value.length) out.push(p.node);
            else if (b > a) out.push({ type: 'text', value: p.text.value.slice(a, b) });
          } else if (p.text && p.replacement) {
            const a = Math.max(from, p.start) - p.start;
            const b = Math.min(to, p.end) - p.start;
            if (b > a) out.push({ type: 'text', value: p.text.value.slice(a, b) });
          } else out.push(p.replacement ?? p.node);
        }
      };
      let last = 0;
      for (const c of clusters) {
        emit(last, c.start);
        // Inline nodes inside the citation (emphasis in a prefix) appear as placeholders, in
        // order: each becomes the plain text of its node.
        const inside = pieces.filter((p) => !p.text && p.start >= c.start && p.end <= c.end);
        const plain = (s: string | undefined): string | undefined =>
          s?.replaceAll(PLACEHOLDER, () => {
            const p = inside.shift();
            return p ? ctx.textContent(p.node as never) : '';
          });
        const items: CitationItemData[] = c.items.map((item) => ({
          key: item.key,
          ...(item.prefix ? { prefix: plain(item.prefix)! } : {}),
          ...(item.locator !== undefined ? { locator: plain(item.locator)!, label: item.label ?? 'page' } : {}),
          ...(item.suffix ? { suffix: plain(item.suffix)! } : {}),
          ...(item.suppressAuthor ? { suppressAuthor: true } : {}),
          at: doc.position(sourceOffset(item.offset)),
        }));
        const raw = doc.text.slice(sourceOffset(c.start), sourceOffset(c.end - 1) + 1);
        const citation: CitationNode = { type: 'citation', value: raw, data: { citation: { mode: c.mode, items } } };
        out.push(citation as unknown as AnyNode);
        for (const item of items) facts.citations.push({ key: item.key, at: item.at, ...(item.suppressAuthor ? { suppressAuthor: true as const } : {}) });
        last = c.end;
      }
      emit(last, text.length);
      for (const p of pieces) {
        if (p.replacement?.type === 'wikilink' && out.includes(p.replacement)) {
          const w = (p.replacement as unknown as WikilinkNode).data.wikilink;
          if (w.target) facts.links.push({ target: w.target, ...(w.fragment ? { fragment: w.fragment } : {}), at: w.at, via: 'wikilink' });
        }
      }
      ctx.setProperty(node as never, 'children', out as never);
      replaced.set(node, out);
      for (const child of out) if (child.type !== 'text') visit(child, ctx, doc, replaced, definitions);
      return;
    }
  }
  for (const child of kids) visit(child, ctx, doc, replaced, definitions);
}

function visit(node: AnyNode, ctx: MdastVisitorContext, doc: DocumentSource, replaced: Children, definitions: Definitions): void {
  if (OPAQUE.has(node.type) || !node.children) return;
  if (INLINE_CONTAINERS.has(node.type)) processContainer(node, ctx, doc, replaced, definitions);
  else for (const child of node.children) visit(child, ctx, doc, replaced, definitions);
}

/** A document's link reference definitions (`[r]: url "title"`), by identifier. */
type Definitions = Map<string, { url: string; title?: string | undefined }>;

function definitionsOf(root: AnyNode, doc: DocumentSource): Definitions {
  const found: Definitions = new Map();
  // Most documents have none: a definition needs `]:` in the text.
  if (!doc.text.includes(']:')) return found;
  const walk = (n: AnyNode) => {
    if (n.type === 'definition') {
      const d = n as AnyNode & { identifier?: string; title?: string | null };
      // The first definition of a label wins (CommonMark).
      if (d.identifier !== undefined && !found.has(d.identifier)) found.set(d.identifier, { url: d.url ?? '', ...(d.title ? { title: d.title } : {}) });
      return;
    }
    for (const c of n.children ?? []) walk(c);
  };
  walk(root);
  return found;
}

/**
 * A reference-style link (`[text][r]`, `[r][]`, `[r]`) as the inline link it stands for, so that
 * the link rules (unsafe, broken, alias) and the rendering read its address as they read any
 * link's. Undefined when no definition matches (the parser then leaves it as text anyway).
 */
function resolvedReference(node: AnyNode, definitions: Definitions): AnyNode | undefined {
  const def = definitions.get((node as AnyNode & { identifier?: string }).identifier ?? '');
  if (!def) return undefined;
  return { type: 'link', url: def.url, ...(def.title ? { title: def.title } : {}), children: node.children ?? [], ...(node.position ? { position: node.position } : {}) } as AnyNode;
}

/** Find the citations and wiki-links in every inline context under `root`, and resolve reference-style links. */
export function rewriteInline(root: AnyNode, ctx: MdastVisitorContext, replaced: Children): void {
  const doc = documentSource(ctx);
  visit(root, ctx, doc, replaced, definitionsOf(root, doc));
}
