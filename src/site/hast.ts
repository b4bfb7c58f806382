/** HTML of a small hast tree (hast-util-to-html, which escapes text and attributes). */
import { toHtml } from 'hast-util-to-html';
import type { Nodes } from 'hast';

export function hastToHtml(node: unknown): string {
  return toHtml(node as Nodes);
}
