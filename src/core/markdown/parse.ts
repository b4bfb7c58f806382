/**
 * Groundwork's one Markdown engine: Sätteri (Astro 7's Rust Markdown and MDX parser) with
 * Groundwork's one mdast plugin (`plugin.ts`: the inline step, then the claims step). `check`
 * runs it here; the build runs the very same plugin inside the rendering of `.md` entries and
 * inside Astro's MDX compiler (see `src/render/`), so the tree that was validated and the tree
 * that is rendered come from the same parser and the same plugin code.
 */
import { createMdastHandle, createMdxMdastHandle, dropHandle, visitMdastHook, type Features } from 'satteri';
import type { ClaimOptions } from './claims.ts';
import { groundworkPlugin } from './plugin.ts';
import { emptyFacts, type MarkdownFacts } from './nodes.ts';

/** The parser features every Groundwork document is read with. */
export const MARKDOWN_FEATURES: Features = {
  gfm: true,
  directive: true,
  wikilinks: true,
  // The frontmatter is split off (with its lines kept blank) before the body is parsed.
  frontmatter: false,
  smartPunctuation: true,
};

/** An MDX syntax error: Sätteri (like micromark) starts the message with `line:column:`. */
function mdxSyntaxFacts(error: unknown, text: string): MarkdownFacts {
  const message = error instanceof Error ? error.message : String(error);
  const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
  let at = m ? { line: Number(m[1]), column: Number(m[2]) } : { line: 1, column: 1 };
  let reason = (m ? m[3]! : message).replace(/\s*\([a-z-]+:[a-z-]+\)\s*$/, '').trim();
  // An unclosed `{` is reported where the text ends: point at the brace instead.
  if (/closing brace for `\{`|expected a corresponding closing brace/i.test(reason)) {
    const open = unclosedBrace(text);
    if (open) at = open;
  }
  reason = reason.split('\n')[0]!;
  const facts = emptyFacts();
  facts.problems.push({
    rule: 'mdx/syntax',
    severity: 'error',
    message: `MDX syntax error: ${reason}`,
    at,
    hint: 'fix the MDX syntax: a `<` or `{` in text must be escaped as `\\<` or `\\{` in MDX, or rename the file to .md',
  });
  return facts;
}

/** Line and column of the last `{` that no `}` closes. */
function unclosedBrace(text: string): { line: number; column: number } | undefined {
  let depth = 0;
  for (let i = text.length - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '}') depth++;
    else if (ch === '{' && text[i - 1] !== '\\') {
      if (depth === 0) {
        const before = text.slice(0, i).split('\n');
        return { line: before.length, column: before[before.length - 1]!.length + 1 };
      }
      depth--;
    }
  }
  return undefined;
}

/**
 * Parse one body (frontmatter already blanked) and collect its facts: headings, claims,
 * anchors, citations, links and problems. Never throws on content.
 */
export function analyseMarkdown(body: string, options: ClaimOptions & { mdx: boolean; self?: string }): MarkdownFacts {
  const data: Record<string, unknown> = {};
  const plugin = groundworkPlugin(options);
  // The same parse and the same plugin pass as a compile (satteri's markdownToHtml / mdxToJs
  // start exactly so), without what only rendering needs: applying the plugin's changes to the
  // tree, converting it to HTML. What `check` needs is in `data`.
  let handle;
  try {
    handle = options.mdx ? createMdxMdastHandle(body, MARKDOWN_FEATURES, true) : createMdastHandle(body, MARKDOWN_FEATURES, true);
  } catch (error) {
    if (options.mdx) return mdxSyntaxFacts(error, body);
    throw error;
  }
  try {
    visitMdastHook(handle, plugin, plugin.before!, body, undefined, data, options.mdx ? 'mdx' : 'markdown');
  } finally {
    dropHandle(handle);
  }
  return (data as { groundwork?: MarkdownFacts }).groundwork ?? emptyFacts();
}
