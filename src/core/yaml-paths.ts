import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from 'yaml';
import type { Position } from './problems.ts';

/**
 * Where a key path (`['include', 'kinds', 2]`) is written in a parsed YAML document, for
 * reporting a problem at the key it concerns: the handbook profile and entries' frontmatter
 * both use it.
 */
export interface YamlPaths {
  /** Where the deepest key (or list item) of the path that the document has starts; `fallback` when none. */
  positionOf(path: (string | number)[]): Position;
  /** Where the value at the whole path starts (for strings: its first character), if it is there. */
  valuePositionOf(path: (string | number)[]): Position | undefined;
}

export function yamlPaths(doc: Document, toPos: (offset: number) => Position, fallback: Position): YamlPaths {
  const findNode = (path: (string | number)[]): { key?: YamlNode | undefined; value?: YamlNode | undefined } => {
    let node: unknown = doc.contents;
    let key: YamlNode | undefined;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) return { key, value: undefined };
        key = pair.key as YamlNode;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg];
        key = node as YamlNode | undefined;
      } else {
        return { key, value: undefined };
      }
    }
    return { key, value: node as YamlNode | undefined };
  };
  return {
    positionOf(path) {
      for (let n = path.length; n > 0; n--) {
        const { key, value } = findNode(path.slice(0, n));
        const at = key?.range?.[0] ?? value?.range?.[0];
        if (at !== undefined) return toPos(at);
      }
      return fallback;
    },
    valuePositionOf(path) {
      const at = findNode(path).value?.range?.[0];
      return at === undefined ? undefined : toPos(at);
    },
  };
}
