/**
 * Groundwork's Markdown plugin for Sätteri: one pass over each document that finds citations
 * and wiki-links (`inline.ts`), then applies the claim rule and collects anchors and links
 * (`claims.ts`). The two steps share one walk of the tree because reading the parser's tree
 * from JavaScript is most of a plugin's cost: two plugins would read it twice.
 *
 * The same plugin runs in `check`, in the rendering of `.md` entries and inside Astro's MDX
 * compiler; what it learns goes to `ctx.data.groundwork` (see `nodes.ts`).
 */
import type { MdastPluginDefinition } from 'satteri';
import { collectClaims, type ClaimOptions } from './claims.ts';
import { documentSource } from './document.ts';
import { rewriteInline } from './inline.ts';
import { factsOf, type AnyNode, type Children } from './nodes.ts';

export function groundworkPlugin(options: ClaimOptions & { self?: string } = {}): MdastPluginDefinition {
  return {
    name: 'groundwork',
    options: { position: true },
    before(root, ctx) {
      const tree = root as unknown as AnyNode;
      const replaced: Children = new WeakMap();
      rewriteInline(tree, ctx, replaced);
      collectClaims(tree, ctx, factsOf(documentSource(ctx).data), replaced, options);
    },
  };
}
