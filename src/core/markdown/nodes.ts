/**
 * Groundwork's own Markdown nodes, and the facts its plugins collect from a document.
 *
 * Sätteri keeps a plugin-made node's `type`, `value`, `children` and `data` (nothing else), so
 * what Groundwork needs to know about a citation or a cross-link lives in `data`.
 */
import type { CitationItem } from '../citations/syntax.ts';
import type { Position } from '../problems.ts';

/** One source in a citation, as the author wrote it (the scanner's item, placed in the file). */
export interface CitationItemData extends Omit<CitationItem, 'offset'> {
  /** Where the `@` of this item is in the file. */
  at: Position;
}

export interface CitationData {
  mode: 'parenthetical' | 'narrative';
  items: CitationItemData[];
}

/** `[@key, p. 12]` or narrative `@key`: `{ type: 'citation', value: raw, data: { citation } }`. */
export interface CitationNode {
  type: 'citation';
  /** The citation as written. */
  value: string;
  data: { citation: CitationData } & Record<string, unknown>;
}

export interface WikilinkData {
  target: string;
  fragment?: string;
  label?: string;
  at: Position;
}

/** `[[id#fragment|label]]`: `{ type: 'wikilink', value: raw, data: { wikilink } }`. */
export interface WikilinkNode {
  type: 'wikilink';
  value: string;
  data: { wikilink: WikilinkData } & Record<string, unknown>;
}

/** A problem found by a plugin (turned into a `Problem` with the file's path by the caller). */
export interface MarkdownProblem {
  rule: string;
  severity?: 'error' | 'warning';
  message: string;
  hint?: string;
  at: Position;
}

export interface HeadingInfo {
  depth: number;
  text: string;
  slug: string;
}

export interface Claim {
  /** Anchor id on the page, e.g. `why-it-matters-para-2`; '' for a table cell or a footnote. */
  id: string;
  kind: 'paragraph' | 'list-item' | 'table-cell' | 'footnote' | 'attribute' | 'definition';
  /** Citation keys that support it (its own, or inherited from an introducing paragraph). */
  keys: string[];
  /** Heading it sits under ('' before the first heading) and its paragraph number there. */
  heading: string;
  paragraph: number;
  line: number;
  column: number;
}

export interface CitationUse {
  key: string;
  at: Position;
  /** `[-@key]`: the author is named in the text, so the citation introduces no abbreviation. */
  suppressAuthor?: true;
  /** The frontmatter field it is written in, when not in the body. */
  field?: string;
}

export interface LinkUse {
  target: string;
  fragment?: string;
  at: Position;
  via: 'wikilink' | 'markdown' | 'field';
  field?: string;
  /** A local policy's `attaches_to`: shown inside the target rather than a backlink. */
  relation?: 'attach';
}

/** What the plugins learn about one Markdown document. */
export interface MarkdownFacts {
  headings: HeadingInfo[];
  claims: Claim[];
  /** Every valid `#fragment` of the document: heading slugs and claim anchors. */
  anchors: string[];
  citations: CitationUse[];
  links: LinkUse[];
  problems: MarkdownProblem[];
}

export function emptyFacts(): MarkdownFacts {
  return { headings: [], claims: [], anchors: [], citations: [], links: [], problems: [] };
}

declare module 'satteri' {
  interface DataMap {
    /** Filled by Groundwork's plugins for each document. */
    groundwork: MarkdownFacts;
  }
}

/** The facts of the document being processed (created on first use). */
export function factsOf(data: Record<string, unknown>): MarkdownFacts {
  return ((data as { groundwork?: MarkdownFacts }).groundwork ??= emptyFacts());
}

/** An mdast node as Groundwork's plugins read it (the fields they use). */
export interface AnyNode {
  type: string;
  value?: string;
  name?: string | null;
  depth?: number;
  url?: string;
  children?: AnyNode[];
  position?: { start: { line: number; column: number; offset?: number }; end: { line: number; column: number; offset?: number } };
  data?: Record<string, unknown>;
}

/**
 * The children each rewritten node has now. Nodes handed to a plugin are read-only views of the
 * parser's tree, and a rewrite takes effect only after the plugin returns: later steps of the
 * same pass read the new children from here.
 */
export type Children = WeakMap<object, AnyNode[]>;

export function childrenOf(node: AnyNode, replaced: Children): AnyNode[] {
  return replaced.get(node) ?? node.children ?? [];
}
