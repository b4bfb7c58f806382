import type { Literal, Node, Parent, PhrasingContent, Text } from 'mdast';
import type { VFile } from 'vfile';
import type { CitationItem } from '../citations/syntax.ts';
import type { Position } from '../problems.ts';
import { positionsIn } from '../positions.ts';

/** An in-text citation: `[@key, p. 12]` or narrative `@key`. */
export interface CitationNode extends Literal {
  type: 'citation';
  mode: 'parenthetical' | 'narrative';
  items: CitationItem[];
  /** The citation as written. */
  value: string;
}

/** A cross-link `[[id#fragment|label]]`. */
export interface WikilinkNode extends Literal {
  type: 'wikilink';
  target: string;
  fragment?: string;
  label?: string;
  value: string;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: CitationNode;
    wikilink: WikilinkNode;
  }
  interface RootContentMap {
    citation: CitationNode;
    wikilink: WikilinkNode;
  }
}

export type { Node, Parent, PhrasingContent, Text };

/** Report a problem as a positioned vfile message, the unified way. */
export function report(
  file: VFile,
  severity: 'error' | 'warning',
  ruleId: string,
  reason: string,
  place: Position | undefined,
  hint?: string,
): void {
  const message = file.message(reason, { place, ruleId, source: 'groundwork' });
  message.fatal = severity === 'error';
  if (hint) message.note = hint;
}

/**
 * Where offset `k` of a text node's value lies in the source. Exact when the node's value
 * is its source text (the usual case); otherwise the node's start.
 */
export function positionInText(file: VFile, node: Node, k: number): Position | undefined {
  const start = node.position?.start;
  if (!start || start.offset === undefined) return start ? { line: start.line, column: start.column } : undefined;
  const source = String(file.value);
  const end = node.position!.end.offset ?? start.offset;
  const raw = source.slice(start.offset, end);
  const value = (node as Text).value;
  const base = raw === value ? start.offset + k : start.offset;
  let at = positions.get(file);
  if (!at) {
    at = positionsIn(source);
    positions.set(file, at);
  }
  return at(base);
}

/** One line index per file, shared by every citation and link in it. */
const positions = new WeakMap<VFile, (offset: number) => Position>();
