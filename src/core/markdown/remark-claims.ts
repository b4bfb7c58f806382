import type { Heading, List, ListItem, Nodes, Paragraph, Root, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import type { VFile } from 'vfile';
import type { CitationNode } from './nodes.ts';
import { report } from './nodes.ts';

/** Blocks whose content is not a claim; they render visibly as such. */
export const EXEMPT_BLOCKS: Record<string, string> = {
  note: 'Editorial note',
  scenario: 'Case scenario',
  question: 'Discussion questions',
  questions: 'Discussion questions',
  objectives: 'Learning objectives',
  example: 'Example',
};

/** JSX names accepted in MDX for the same blocks. */
export const EXEMPT_COMPONENTS: Record<string, string> = {
  Note: 'note',
  Scenario: 'scenario',
  Question: 'question',
  Questions: 'questions',
  Objectives: 'objectives',
  Example: 'example',
};

export interface Claim {
  /** Anchor id on the page, e.g. `why-it-matters-para-2`. */
  id: string;
  kind: 'paragraph' | 'list-item' | 'table-cell' | 'attribute' | 'definition';
  /** Citation keys that support it (own or inherited). */
  keys: string[];
  /** Heading it sits under ('' before the first heading) and its paragraph number there. */
  heading: string;
  paragraph: number;
  line: number;
  column: number;
}

export interface HeadingInfo {
  depth: number;
  text: string;
  slug: string;
}

export interface ClaimsData {
  claims: Claim[];
  headings: HeadingInfo[];
  /** Anchors a link may point at: heading slugs and claim ids. */
  anchors: Set<string>;
}

function citationKeys(node: Nodes, skipLists = false): string[] {
  const keys: string[] = [];
  const walk = (n: Nodes) => {
    if (n.type === 'citation') {
      for (const item of (n as CitationNode).items) keys.push(item.key);
      return;
    }
    if (skipLists && n.type === 'list') return;
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  return keys;
}

/** True when a citation syntax problem (`citation/*`) was reported inside the node. */
function hasCitationProblem(file: VFile, node: Nodes): boolean {
  const start = node.position?.start;
  const end = node.position?.end;
  if (!start || !end) return false;
  return file.messages.some((m) => {
    if (!m.ruleId?.startsWith('citation/') || m.line == null || m.column == null) return false;
    const afterStart = m.line > start.line || (m.line === start.line && m.column >= start.column);
    const beforeEnd = m.line < end.line || (m.line === end.line && m.column <= end.column);
    return afterStart && beforeEnd;
  });
}

/** Words that may join links in a navigation paragraph ("See [[a]] and [[b]]; compare [[c]]."). */
export const NAVIGATION_WORDS = new Set(['see', 'also', 'compare', 'cf', 'and', 'or']);

/**
 * A paragraph or list item that only points to other entries is navigation, not a claim: apart
 * from its links (and citations), its text is connecting words and punctuation. It needs no
 * citation. Returns whether it is navigation and whether it carries a citation anyway.
 */
export function navigationOnly(node: Nodes): { navigation: boolean; cited: boolean } {
  let links = 0;
  let cited = false;
  let rest = '';
  const walk = (n: Nodes) => {
    if (n.type === 'wikilink' || n.type === 'link' || n.type === 'linkReference') {
      links++;
      return;
    }
    if (n.type === 'citation') {
      cited = true;
      return;
    }
    if (n.type === 'list') return;
    if ('value' in n && typeof n.value === 'string' && (n.type === 'text' || n.type === 'inlineCode')) rest += ` ${n.value}`;
    if ('children' in n) for (const c of n.children as Nodes[]) walk(c);
  };
  walk(node);
  if (links === 0) return { navigation: false, cited };
  const words = rest.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return { navigation: words.every((w) => NAVIGATION_WORDS.has(w)), cited };
}

function hasText(node: Nodes): boolean {
  return /[\p{L}\p{N}]/u.test(toString(node));
}

function onlyImages(p: Paragraph): boolean {
  return p.children.every((c) => c.type === 'image' || c.type === 'imageReference' || (c.type === 'text' && c.value.trim() === ''));
}

/**
 * The claim rule. Walks an entry's body: every paragraph, list item, blockquote paragraph and
 * table data cell outside an exempt block must cite. Gives each claim its APA-style anchor
 * (heading + paragraph number) and each heading its slug.
 */
export function remarkClaims() {
  return (tree: Root, file: VFile): void => {
    const slugger = new GithubSlugger();
    const data: ClaimsData = { claims: [], headings: [], anchors: new Set() };
    let heading = '';
    let headingSlug = '';
    let para = 0;
    let tables = 0;

    const anchorFor = () => {
      para++;
      const id = headingSlug ? `${headingSlug}-para-${para}` : `para-${para}`;
      data.anchors.add(id);
      return id;
    };
    const setId = (node: Nodes, id: string, extra: Record<string, unknown> = {}) => {
      const d = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
      d.hProperties = { ...(d.hProperties ?? {}), id, ...extra };
    };
    const claim = (node: Nodes, kind: Claim['kind'], inherited: string[], label: string) => {
      const nav = navigationOnly(node);
      if (nav.navigation) {
        // Navigation is a paragraph a reader counts, but not a claim: no citation, no permalink.
        if (kind !== 'table-cell') anchorFor();
        if (nav.cited) {
          report(file, 'warning', 'claim/navigation-cited', `${label} only points to other entries, so it is not a claim and needs no citation`, node.position?.start, 'remove the citation; cite sources where the linked entries make their claims');
        }
        return [];
      }
      const own = citationKeys(node, kind === 'list-item');
      const keys = own.length > 0 ? own : inherited;
      const start = node.position?.start ?? { line: 1, column: 1 };
      const id = kind === 'table-cell' ? '' : anchorFor();
      if (id) setId(node, id, { 'data-claim': '', 'data-para': String(para), 'data-heading': heading });
      data.claims.push({ id, kind, keys, heading, paragraph: para, line: start.line, column: start.column });
      // A citation with a syntax error is reported where it is; the claim is not also "uncited".
      if (keys.length === 0 && !hasCitationProblem(file, node)) {
        const text = toString(node).trim().replace(/\s+/g, ' ');
        const excerpt = text.length > 60 ? `${text.slice(0, 57)}…` : text;
        report(
          file,
          'error',
          'claim/uncited',
          `${label} makes a claim without a citation: "${excerpt}"`,
          start,
          'cite the source it rests on, e.g. `[@key]`, or move it into an exempt block (`:::note`, `:::scenario`, `:::question`, `:::objectives`) if it is not a claim',
        );
      }
      return keys;
    };

    const endsWithColon = (p: Paragraph) => /:\s*$/.test(toString(p));

    const blocks = (children: RootContent[], inherited: string[] = []) => {
      let introduces: string[] = [];
      for (const node of children) {
        const carry = introduces;
        introduces = [];
        switch (node.type) {
          case 'heading': {
            const h = node as Heading;
            const text = toString(h).trim();
            const slug = slugger.slug(text);
            setId(h, slug);
            data.headings.push({ depth: h.depth, text, slug });
            data.anchors.add(slug);
            heading = text;
            headingSlug = slug;
            para = 0;
            break;
          }
          case 'paragraph': {
            if (onlyImages(node) || !hasText(node)) break;
            const keys = claim(node, 'paragraph', inherited, 'This paragraph');
            if (keys.length > 0 && endsWithColon(node) && citationKeys(node).length > 0) introduces = keys;
            break;
          }
          case 'blockquote':
            blocks(node.children, inherited);
            break;
          case 'list':
            list(node, carry.length > 0 ? carry : inherited);
            break;
          case 'table':
            table(node, inherited);
            break;
          case 'containerDirective': {
            const label = EXEMPT_BLOCKS[node.name];
            if (!label) {
              report(
                file,
                'error',
                'directive/unknown',
                `\`:::${node.name}\` is not a block Groundwork knows`,
                node.position?.start,
                `use one of ${Object.keys(EXEMPT_BLOCKS).map((n) => `:::${n}`).join(', ')}`,
              );
            }
            break;
          }
          case 'leafDirective':
            report(file, 'error', 'directive/unknown', `\`::${node.name}\` is not a block Groundwork knows`, node.position?.start, 'exempt blocks are written `:::note` … `:::` on their own lines');
            break;
          case 'mdxJsxFlowElement': {
            const name = node.name ?? '';
            if (!EXEMPT_COMPONENTS[name]) {
              report(file, 'error', 'mdx/unsupported', `the MDX element <${name || '>'}> is not one Groundwork renders`, node.position?.start, `use ${Object.keys(EXEMPT_COMPONENTS).map((n) => `<${n}>`).join(', ')}, or Markdown`);
            }
            break;
          }
          case 'mdxjsEsm':
          case 'mdxFlowExpression':
            report(file, 'error', 'mdx/unsupported', 'MDX imports, exports and {expressions} are not run: the knowledge base is static text', node.position?.start, 'remove it, or write the content in Markdown');
            break;
          default:
            break;
        }
      }
    };

    const list = (node: List, inherited: string[]) => {
      for (const item of node.children as ListItem[]) {
        const own = item.children.filter((c) => c.type !== 'list');
        const text = own.map((c) => toString(c)).join(' ');
        let keys = inherited;
        if (/[\p{L}\p{N}]/u.test(text)) keys = claim(item, 'list-item', inherited, 'This list item');
        const introducing = citationKeys(item, true).length > 0 && /:\s*$/.test(text);
        for (const c of item.children) {
          if (c.type === 'list') list(c, introducing || inherited.length > 0 ? keys : []);
          else if (c.type !== 'paragraph') blocks([c], keys);
        }
      }
    };

    const table = (node: Table, inherited: string[]) => {
      tables++;
      const id = headingSlug ? `${headingSlug}-table-${tables}` : `table-${tables}`;
      setId(node, id);
      data.anchors.add(id);
      node.children.forEach((row, r) => {
        if (r === 0) return; // header row
        for (const cell of row.children) {
          if (hasText(cell)) claim(cell, 'table-cell', inherited, 'This table cell');
        }
      });
    };

    blocks(tree.children);
    file.data.claims = data;
  };
}

declare module 'vfile' {
  interface DataMap {
    claims: ClaimsData;
  }
}
