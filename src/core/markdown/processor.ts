import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { toString } from 'mdast-util-to-string';
import { VFile } from 'vfile';
import { positionsIn } from '../positions.ts';
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
    // Inline MDX that a static knowledge base cannot run or render: say so rather than drop it.
    visit(tree, (node) => {
      if (node.type === 'mdxTextExpression') {
        report(file, 'error', 'mdx/unsupported', 'MDX {expressions} are not run: the knowledge base is static text', node.position?.start, 'write the text itself, or escape the brace as `\\{`');
      } else if (node.type === 'mdxJsxTextElement') {
        const name = (node as { name?: string | null }).name ?? '';
        report(file, 'error', 'mdx/unsupported', `the inline MDX element <${name}> is not one Groundwork renders`, node.position?.start, 'use Markdown for inline text (emphasis, links, citations); block components are <Note>, <Scenario>, <Question>, <Objectives>, <Example>');
      }
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
    // One plugin per job; the order matters (links and citations before the claim rule).
    const proc = unified() as unknown as AnyProcessor;
    proc.use(remarkParse).use(remarkGfm).use(remarkDirective);
    if (mdx) proc.use(remarkMdx);
    proc.use(remarkRawHtml).use(remarkTextDirectivesAsText).use(remarkWikilinks).use(remarkCitations);
    if (claims) proc.use(remarkClaims);
    p = proc.freeze() as unknown as AnyProcessor;
    processors.set(key, p);
  }
  return p;
}

/** Line and column of the last `{` before `end` that no `}` closes. */
function unclosedBrace(text: string, end: number): { line: number; column: number } | undefined {
  let depth = 0;
  for (let i = Math.min(end, text.length) - 1; i >= 0; i--) {
    const ch = text[i];
    if (ch === '}') depth++;
    else if (ch === '{' && text[i - 1] !== '\\') {
      if (depth === 0) return positionsIn(text)(i);
      depth--;
    }
  }
  return undefined;
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
    const e = error as { message?: string; reason?: string; line?: number; column?: number; place?: { line?: number; column?: number; offset?: number; start?: { line: number; column: number } } };
    const reason = e.reason ?? e.message ?? String(error);
    let place = e.place && 'start' in e.place && e.place.start ? e.place.start : { line: e.line ?? e.place?.line ?? 1, column: e.column ?? e.place?.column ?? 1 };
    // An unclosed element has no place of its own; its reason names the opening tag: `(3:1-3:7)`.
    const named = !e.place && e.line === undefined ? /\((\d+):(\d+)-\d+:\d+\)/.exec(reason) : null;
    if (named) place = { line: Number(named[1]), column: Number(named[2]) };
    // An unclosed `{` is reported where the text ends: point at the `{` instead.
    const offset = e.place && !('start' in e.place) ? e.place.offset : undefined;
    if (/closing brace for `\{`/.test(reason) && offset !== undefined) {
      const open = unclosedBrace(text, offset);
      if (open !== undefined) place = open;
    }
    const msg = file.message(`MDX syntax error: ${reason}`, { place: place as { line: number; column: number }, ruleId: 'mdx/syntax', source: 'groundwork' });
    msg.fatal = true;
    msg.note = 'fix the MDX syntax: a `<` or `{` in text must be escaped as `\\<` or `\\{` in MDX, or rename the file to .md';
    return { tree: { type: 'root', children: [] }, file };
  }
  proc.runSync(tree, file);
  return { tree, file };
}
