import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { report } from './nodes.ts';
import { remarkCitations } from './remark-citations.ts';
import { remarkClaims } from './remark-claims.ts';
import { remarkWikilinks } from './remark-wikilinks.ts';

/**
 * `:name` in running text is a text directive to remark-directive; Groundwork has none, so
 * give the author back the text they wrote ("Note:this" stays "Note:this").
 */
function remarkTextDirectivesAsText() {
  return (tree: Root): void => {
    visit(tree, 'textDirective', (node, index, parent) => {
      if (!parent || index === undefined) return;
      const inner = node.children.length > 0 ? `[${toString(node)}]` : '';
      parent.children.splice(index, 1, { type: 'text', value: `:${node.name}${inner}` });
      return [SKIP, index + 1];
    });
  };
}

/** Raw HTML is never rendered (so it cannot run script); tell the author where it was dropped. */
function remarkRawHtml() {
  return (tree: Root, file: VFile): void => {
    visit(tree, 'html', (node) => {
      if (/^<!--[\s\S]*-->$/.test(node.value.trim())) return; // comments are fine
      report(file, 'warning', 'markdown/raw-html', `raw HTML \`${node.value.trim().slice(0, 40)}\` is not rendered: it is dropped, so it can never run a script`, node.position?.start, 'write it in Markdown instead (links, emphasis, tables and lists all have Markdown forms)');
    });
  };
}

type AnyProcessor = Processor<Root, Root, Root, undefined, undefined>;
const processors = new Map<string, AnyProcessor>();

/** The one Markdown processor: check and build both use it. */
export function processorFor(mdx: boolean, claims = true): AnyProcessor {
  const key = `${mdx}:${claims}`;
  let p = processors.get(key);
  if (!p) {
    let proc = unified().use(remarkParse).use(remarkGfm).use(remarkDirective);
    if (mdx) proc = proc.use(remarkMdx);
    proc = proc.use(remarkRawHtml).use(remarkTextDirectivesAsText).use(remarkWikilinks).use(remarkCitations);
    if (claims) proc = proc.use(remarkClaims);
    p = proc.freeze() as unknown as AnyProcessor;
    processors.set(key, p);
  }
  return p;
}

export interface ParsedMarkdown {
  tree: Root;
  file: VFile;
}

/** Parse and run the plugins. MDX syntax errors become messages, never exceptions. */
export function parseMarkdown(text: string, path: string, opts: { mdx: boolean; claims?: boolean }): ParsedMarkdown {
  const file = new VFile({ value: text, path });
  const proc = processorFor(opts.mdx, opts.claims ?? true);
  let tree: Root;
  try {
    tree = proc.parse(file);
  } catch (error) {
    const e = error as { message?: string; reason?: string; line?: number; column?: number; place?: { line?: number; column?: number; start?: { line: number; column: number } } };
    const place = e.place && 'start' in e.place && e.place.start ? e.place.start : { line: e.line ?? e.place?.line ?? 1, column: e.column ?? e.place?.column ?? 1 };
    const msg = file.message(`MDX syntax error: ${e.reason ?? e.message ?? String(error)}`, { place: place as { line: number; column: number }, ruleId: 'mdx/syntax', source: 'groundwork' });
    msg.fatal = true;
    msg.note = 'fix the MDX syntax: a `<` or `{` in text must be escaped as `\\<` or `\\{` in MDX, or rename the file to .md';
    return { tree: { type: 'root', children: [] }, file };
  }
  proc.runSync(tree, file);
  return { tree, file };
}
