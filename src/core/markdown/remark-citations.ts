import type { Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { scanCitations } from '../citations/syntax.ts';
import { positionInText, report, type CitationNode } from './nodes.ts';

/**
 * Turn pandoc citations in text into `citation` nodes. Syntax problems (empty citation,
 * malformed locator) are reported where they are; whether a key exists is checked later,
 * against the references.
 */
export function remarkCitations() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('@')) return;
      if (parent.type === 'link' || parent.type === 'linkReference') return;
      const { parts, problems } = scanCitations(node.value);
      for (const p of problems) report(file, 'error', p.rule, p.message, positionInText(file, node, p.offset), p.hint);
      if (parts.length === 1 && typeof parts[0] === 'string') return;
      const out: (Text | CitationNode)[] = parts.map((part) => {
        if (typeof part === 'string') return { type: 'text', value: part };
        const start = positionInText(file, node, part.start);
        const items = part.items.map((item) => ({ ...item, at: positionInText(file, node, item.offset) }));
        return {
          type: 'citation',
          mode: part.mode,
          items,
          value: part.raw,
          position: start ? { start, end: { line: start.line, column: start.column + part.raw.length } } : undefined,
        } satisfies CitationNode;
      });
      parent.children.splice(index, 1, ...(out as never[]));
      return [SKIP, index + out.length];
    });
  };
}
