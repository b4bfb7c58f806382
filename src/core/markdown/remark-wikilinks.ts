import type { Root, Text } from 'mdast';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { positionInText, report, type WikilinkNode } from './nodes.ts';

const WIKILINK = /\[\[([^\[\]\n]*)\]\]/g;

/** Turn `[[id]]`, `[[id#heading]]` and `[[id|label]]` in text into `wikilink` nodes. */
export function remarkWikilinks() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'text', (node: Text, index, parent) => {
      if (!parent || index === undefined || !node.value.includes('[[')) return;
      const out: (Text | WikilinkNode)[] = [];
      let last = 0;
      for (const m of node.value.matchAll(WIKILINK)) {
        const at = m.index!;
        if (at > last) out.push({ type: 'text', value: node.value.slice(last, at) });
        const inner = m[1]!.trim();
        const [targetPart, ...labelParts] = inner.split('|');
        const [target, fragment] = (targetPart ?? '').trim().split('#', 2) as [string, string | undefined];
        const pos = positionInText(file, node, at);
        if (!target) {
          report(file, 'error', 'link/malformed', `\`${m[0]}\` names no entry`, pos, 'write the id of an entry, e.g. `[[topics/mutual-aid]]`');
        }
        const link: WikilinkNode = {
          type: 'wikilink',
          target: target.toLowerCase().replace(/\/+$/, ''),
          value: m[0],
          position: pos ? { start: { ...pos }, end: { line: pos.line, column: pos.column + m[0].length } } : undefined,
        };
        if (fragment) link.fragment = fragment.trim();
        const label = labelParts.join('|').trim();
        if (label) link.label = label;
        out.push(link);
        last = at + m[0].length;
      }
      if (out.length === 0) return;
      if (last < node.value.length) out.push({ type: 'text', value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(out as never[]));
      return [SKIP, index + out.length];
    });
  };
}
