import { readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Root } from 'mdast';
import { nearest } from './did-you-mean.ts';
import { globSync } from 'tinyglobby';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import {
  ENTRY_KINDS,
  KIND_LABELS,
  MODEL_ATTRIBUTES,
  entrySchemas,
  type EntryData,
  type EntryKind,
} from '../schemas/entries.ts';
import type { EvidenceType } from '../schemas/evidence.ts';
import { splitFrontmatter, type Frontmatter } from './content/frontmatter.ts';
import { parseMarkdown } from './markdown/processor.ts';
import type { Claim, HeadingInfo } from './markdown/remark-claims.ts';
import type { CitationNode, WikilinkNode } from './markdown/nodes.ts';
import { compareProblems, problem, type Position, type Problem } from './problems.ts';
import { loadReferences, type Reference } from './references/load.ts';
import { checkPrivacy, type PrivacyOptions } from './privacy.ts';
import { digestOf, ParseCache } from './cache.ts';

export const MAX_FILE_BYTES = 1024 * 1024;

export interface LinkUse {
  target: string;
  fragment?: string;
  at: Position;
  via: 'wikilink' | 'markdown' | 'field';
  field?: string;
}

export interface CitationUse {
  key: string;
  at: Position;
  field?: string;
}

export interface Entry {
  id: string;
  /** Path relative to the project root. */
  file: string;
  kind: EntryKind;
  data: EntryData;
  mdx: boolean;
  tree: Root;
  headings: HeadingInfo[];
  claims: Claim[];
  anchors: Set<string>;
  citations: CitationUse[];
  links: LinkUse[];
  /** Parsed inline Markdown of structured values (model attributes, glossary definition). */
  fields: Record<string, Root>;
  /** Raw file text, kept for the privacy check and search excerpts. */
  text: string;
  /** Where each of `data.aliases` is written in the frontmatter. */
  aliasAt?: Position[];
  /** Where `review.next` is written in the frontmatter. */
  reviewAt?: Position;
}

export interface KnowledgeBaseOptions {
  root: string;
  contentDir?: string;
  referencesDir?: string;
  /** More reference folders (e.g. an agency's own policy documents beside a shared set), relative to root. */
  extraReferencesDirs?: string[];
  /** Extra content folders (e.g. an agency's local policies), relative to root. */
  extraContentDirs?: string[];
  /** Today's date (YYYY-MM-DD) for review checks; defaults to the real date. */
  today?: string;
  /** Overdue reviews become errors. */
  strict?: boolean;
  privacy?: PrivacyOptions;
  /** Reuse what earlier runs parsed from unchanged files (ROOT/.groundwork/cache); default on. */
  cache?: boolean;
  /** Only these entry ids (and what they need) are published; all are still checked. */
  include?: (entry: Entry) => boolean;
}

export interface KnowledgeBase {
  root: string;
  entries: Entry[];
  byId: Map<string, Entry>;
  /** Old id -> current id. */
  aliases: Map<string, string>;
  references: Map<string, Reference>;
  problems: Problem[];
  /** Reference key -> ids of the entries that cite it. */
  citedBy: Map<string, string[]>;
  /** Entry id -> ids of the entries that link to it. */
  backlinks: Map<string, string[]>;
  /** Local policies attached to an entry id. */
  overlays: Map<string, string[]>;
  options: KnowledgeBaseOptions;
}

/** Pages the site has besides entries (a Markdown link to them is not broken). */
const SITE_PAGES = new Set(['', 'references', 'search', 'evidence', 'amendments', 'handbook', ...Object.values(KIND_LABELS).map((k) => k.path)]);

function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

function didYouMean(word: string, candidates: string[], prefix = ''): string | undefined {
  const best = nearest(word, candidates);
  return best === undefined ? undefined : `did you mean ${prefix}${best}?`;
}

function messagesToProblems(file: VFile, path: string): Problem[] {
  return file.messages.map((m) =>
    problem(
      path,
      { line: m.line ?? 1, column: m.column ?? 1 },
      m.fatal ? 'error' : 'warning',
      m.ruleId ?? 'markdown/unknown',
      m.reason,
      typeof m.note === 'string' ? m.note : undefined,
    ),
  );
}

/** The bytes of a file, unless it cannot be read or is too large (then a problem says so). */
function readBytes(absPath: string, path: string, problems: Problem[]): Buffer | undefined {
  let size = 0;
  try {
    size = statSync(absPath).size;
  } catch {
    problems.push(problem(path, undefined, 'error', 'file/unreadable', 'the file cannot be read', 'check that it exists and is readable'));
    return undefined;
  }
  if (size > MAX_FILE_BYTES) {
    problems.push(
      problem(path, undefined, 'error', 'file/too-large', `the file is ${(size / 1024 / 1024).toFixed(1)} MB; entries may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'split it into several entries, or remove embedded data'),
    );
    return undefined;
  }
  return readFileSync(absPath);
}

function readUtf8(absPath: string, path: string, problems: Problem[]): string | undefined {
  const bytes = readBytes(absPath, path, problems);
  return bytes && decodeUtf8(bytes, path, problems);
}

/** UTF-8 text without a byte-order mark; a problem pointing at the first bad byte otherwise. */
function decodeUtf8(bytes: Buffer, path: string, problems: Problem[]): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Find the first bad byte to say where: a streaming decoder fails exactly where a byte
    // cannot continue the text; the column counts characters, and a broken multi-byte
    // sequence is reported where it starts.
    let line = 1;
    let column = 1;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bad = bytes.length - 1;
    let start = -1;
    for (let i = 0; i < bytes.length; i++) {
      let chars: string;
      try {
        chars = decoder.decode(bytes.subarray(i, i + 1), { stream: true });
      } catch {
        bad = start >= 0 ? start : i;
        break;
      }
      if (chars === '') {
        if (start < 0) start = i;
        continue;
      }
      start = -1;
      if (bytes[i] === 0x0a) {
        line++;
        column = 1;
      } else column += [...chars].length;
    }
    if (start >= 0) bad = start;
    const byte = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
    problems.push(
      problem(path, { line, column }, 'error', 'file/encoding', `the file is not valid UTF-8 text: the byte ${byte} here is not UTF-8 (the file may be in Latin-1 or Windows-1252)`, 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)'),
    );
    return undefined;
  }
}

function formatZodPath(path: PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}

/** Read one entry file: frontmatter, schema, Markdown. Problems go to `problems`. */
function readEntry(root: string, absPath: string, contentRoot: string, problems: Problem[], bytes?: Buffer): Entry | undefined {
  const path = rel(root, absPath);
  const text = bytes ? decodeUtf8(bytes, path, problems) : readUtf8(absPath, path, problems);
  if (text === undefined) return undefined;
  const id = rel(contentRoot, absPath).replace(/\.mdx?$/, '').toLowerCase();
  if (text.trim() === '') {
    problems.push(problem(path, undefined, 'error', 'entry/empty', 'the file is empty', 'start it with frontmatter: `---`, `kind: topic`, `title: …`, `summary: …`, `---`, then the text'));
    return undefined;
  }
  const fm: Frontmatter = splitFrontmatter(text);
  if (!fm.present) {
    problems.push(problem(path, undefined, 'error', 'frontmatter/missing', 'the entry has no frontmatter', 'start the file with `---`, then `kind:`, `title:` and `summary:` lines, then `---`'));
    return undefined;
  }
  if (fm.error) {
    problems.push(problem(path, fm.error.at, 'error', 'frontmatter/invalid-yaml', `the frontmatter is not valid YAML: ${fm.error.message}`, 'check indentation, and quote values that contain `: ` or start with `[`, `@` or `*`'));
    return undefined;
  }
  const raw = fm.data;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(problem(path, { line: 2, column: 1 }, 'error', 'frontmatter/invalid-yaml', 'the frontmatter must be a set of `field: value` lines', 'write e.g. `kind: topic` on its own line'));
    return undefined;
  }
  const rawKind = (raw as Record<string, unknown>).kind;
  if (typeof rawKind !== 'string' || !(ENTRY_KINDS as readonly string[]).includes(rawKind)) {
    const hint = typeof rawKind === 'string' ? didYouMean(rawKind, [...ENTRY_KINDS], '') : undefined;
    problems.push(
      problem(
        path,
        fm.positionOf(['kind']),
        'error',
        'entry/unknown-kind',
        rawKind === undefined ? 'the entry has no `kind`' : `\`${String(rawKind)}\` is not an entry kind`,
        `${hint ? `${hint} ` : ''}kind must be one of: ${ENTRY_KINDS.join(', ')}`,
      ),
    );
    return undefined;
  }
  const kind = rawKind as EntryKind;
  const parsed = entrySchemas[kind].safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = formatZodPath(issue.path) || 'frontmatter';
      let message = issue.message;
      let hint = `see the fields of \`${kind}\` in docs/authoring.md`;
      if (issue.code === 'unrecognized_keys') {
        const keys = (issue as unknown as { keys: string[] }).keys;
        const allowed = Object.keys(entrySchemas[kind].shape);
        message = `unknown field${keys.length > 1 ? 's' : ''} ${keys.map((k) => `\`${k}\``).join(', ')} for a ${kind} entry`;
        const dym = didYouMean(keys[0]!, allowed);
        hint = `${dym ? `${dym} ` : ''}allowed fields: ${allowed.join(', ')}`;
        problems.push(problem(path, fm.positionOf([...(issue.path as (string | number)[]), keys[0]!]), 'error', 'frontmatter/unknown-field', message, hint));
        continue;
      }
      if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) message = 'is required';
      // zod's own messages ("Invalid input: expected array, received string") follow a colon.
      else if (/^[A-Z]/.test(message)) message = `: ${message.replace(/^Invalid input: /, '').replace(/^[A-Z]/, (c) => c.toLowerCase())}`;
      problems.push(problem(path, fm.positionOf(issue.path as (string | number)[]), 'error', 'frontmatter/invalid-field', `field \`${field}\`${message.startsWith(':') ? '' : ' '}${message}`, hint));
    }
    return undefined;
  }
  const data = parsed.data as EntryData;
  const { tree, file } = parseMarkdown(fm.body, path, { mdx: absPath.endsWith('.mdx') });
  problems.push(...messagesToProblems(file, path));
  const claimsData = file.data.claims ?? { claims: [], headings: [], anchors: new Set<string>() };
  const entry: Entry = {
    id,
    file: path,
    kind,
    data,
    mdx: absPath.endsWith('.mdx'),
    tree,
    headings: claimsData.headings,
    claims: claimsData.claims,
    anchors: claimsData.anchors,
    citations: [],
    links: [],
    fields: {},
    text,
    aliasAt: data.aliases.map((_, i) => fm.positionOf(['aliases', i])),
    ...(data.review?.next ? { reviewAt: fm.positionOf(['review', 'next']) } : {}),
  };
  collectUses(entry, tree);

  // Structured values that are claims: model attributes and the glossary definition.
  const claimFields: [string, string][] = [];
  if (data.kind === 'model') for (const a of MODEL_ATTRIBUTES) claimFields.push([`attributes.${a}`, data.attributes[a]]);
  if (data.kind === 'glossary') claimFields.push(['definition', data.definition]);
  for (const [field, value] of claimFields) {
    const segs = field.split('.');
    const at = fm.valuePositionOf(segs) ?? fm.positionOf(segs);
    const mini = parseMarkdown(value, path, { mdx: false, claims: false });
    // Positions inside the value: shift to the value's place in the file.
    for (const m of mini.file.messages) {
      const p = problem(path, { line: at.line + (m.line ?? 1) - 1, column: (m.line ?? 1) === 1 ? at.column + (m.column ?? 1) - 1 : m.column ?? 1 }, m.fatal ? 'error' : 'warning', m.ruleId ?? 'markdown/unknown', `in \`${field}\`: ${m.reason}`, typeof m.note === 'string' ? m.note : undefined);
      problems.push(p);
    }
    entry.fields[field] = mini.tree;
    const keys: string[] = [];
    visit(mini.tree, 'citation', (n: CitationNode) => {
      for (const item of n.items) {
        keys.push(item.key);
        entry.citations.push({ key: item.key, at, field });
      }
    });
    visit(mini.tree, 'wikilink', (n: WikilinkNode) => {
      entry.links.push({ target: n.target, ...(n.fragment ? { fragment: n.fragment } : {}), at, via: 'wikilink' });
    });
    const claimId = field === 'definition' ? 'definition' : `attr-${segs[1]!.replace(/_/g, '-')}`;
    entry.anchors.add(claimId);
    entry.claims.push({ id: claimId, kind: field === 'definition' ? 'definition' : 'attribute', keys, heading: '', paragraph: 0, line: at.line, column: at.column });
    if (keys.length === 0 && !mini.file.messages.some((m) => m.ruleId?.startsWith('citation/'))) {
      problems.push(
        problem(path, fm.positionOf(segs), 'error', 'claim/uncited', `\`${field}\` makes a claim without a citation`, 'add the source it rests on, e.g. `… [@key]` at the end of the value'),
      );
    }
  }

  // Fields that name other entries or references.
  const fieldLinks: [string, string[]][] = [['related', data.related]];
  if (data.kind === 'glossary') fieldLinks.push(['see_also', data.see_also]);
  if (data.kind === 'comparison') fieldLinks.push(['compare', data.compare]);
  if (data.kind === 'policy') fieldLinks.push(['attaches_to', [data.attaches_to]]);
  for (const [field, ids] of fieldLinks) {
    ids.forEach((target, i) => {
      const at = fm.positionOf(field === 'attaches_to' ? [field] : [field, i]);
      entry.links.push({ target, at, via: 'field', field });
    });
  }
  if (data.kind === 'reading') {
    data.items.forEach((item, i) => {
      const at = fm.positionOf(['items', i]);
      if ('entry' in item) {
        const [target, fragment] = item.entry.split('#') as [string, string | undefined];
        entry.links.push({ target, ...(fragment ? { fragment } : {}), at, via: 'field', field: `items[${i}].entry` });
      } else entry.citations.push({ key: item.ref, at, field: `items[${i}].ref` });
    });
  }
  if (data.kind === 'standard' || data.kind === 'ethics') entry.citations.push({ key: data.source, at: fm.positionOf(['source']), field: 'source' });
  if (data.kind === 'ethics' && data.superseded_by) entry.citations.push({ key: data.superseded_by, at: fm.positionOf(['superseded_by']), field: 'superseded_by' });
  return entry;
}

/** readEntry, through the parse cache: an unchanged file is not parsed again. */
function readEntryCached(root: string, absPath: string, contentRoot: string, problems: Problem[], cache: ParseCache<Entry> | undefined): Entry | undefined {
  if (!cache) return readEntry(root, absPath, contentRoot, problems);
  const path = rel(root, absPath);
  const bytes = readBytes(absPath, path, problems);
  if (!bytes) return undefined;
  // The id depends on the content folder as well as the text: both are part of the key.
  const digest = `${digestOf(bytes)}:${rel(root, contentRoot)}`;
  const hit = cache.get(path, digest);
  if (hit) {
    problems.push(...hit.problems);
    if (!hit.entry) return undefined;
    // Same bytes as when it was cached, so they decode as they did then.
    return { ...hit.entry, anchors: new Set(hit.entry.anchors as unknown as string[]), text: decodeUtf8(bytes, path, [])! };
  }
  const own: Problem[] = [];
  const entry = readEntry(root, absPath, contentRoot, own, bytes);
  problems.push(...own);
  // Files that could not be read as text are not cached: their problem is cheap to find again.
  if (!own.some((p) => p.rule.startsWith('file/'))) cache.set(path, digest, entry ? { ...entry, text: '' } : null, own);
  return entry;
}

/** Internal link targets from Markdown links: `/topics/x/`, `/topics/x/#a`, `../x.md`. */
export function internalTarget(url: string, fromId: string): { target: string; fragment?: string } | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return undefined;
  const [pathPart, fragment] = url.split('#', 2) as [string, string | undefined];
  if (pathPart === '') return { target: fromId, ...(fragment ? { fragment } : {}) };
  let segs: string[];
  if (pathPart.startsWith('/')) segs = pathPart.split('/');
  else {
    segs = fromId.split('/').slice(0, -1);
    for (const s of pathPart.split('/')) {
      if (s === '..') segs.pop();
      else if (s !== '.' && s !== '') segs.push(s);
    }
  }
  const target = segs
    .filter((s) => s !== '')
    .join('/')
    .replace(/\.mdx?$/, '')
    .replace(/\/index(\.html)?$/, '')
    .replace(/\.html$/, '')
    .toLowerCase();
  return { target, ...(fragment ? { fragment } : {}) };
}

function collectUses(entry: Entry, tree: Root): void {
  visit(tree, (node) => {
    if (node.type === 'citation') {
      for (const item of (node as CitationNode).items) {
        entry.citations.push({ key: item.key, at: item.at ?? node.position?.start ?? { line: 1, column: 1 } });
      }
    } else if (node.type === 'wikilink') {
      const n = node as WikilinkNode;
      if (n.target) entry.links.push({ target: n.target, ...(n.fragment ? { fragment: n.fragment } : {}), at: n.position?.start ?? { line: 1, column: 1 }, via: 'wikilink' });
    } else if (node.type === 'link') {
      const url = (node as { url: string }).url;
      const at = node.position?.start ?? { line: 1, column: 1 };
      if (/^\s*(javascript|vbscript|data):/i.test(url)) {
        entry.links.push({ target: `unsafe:${url}`, at, via: 'markdown' });
        return;
      }
      const t = internalTarget(url, entry.id);
      if (t) entry.links.push({ ...t, at, via: 'markdown' });
    }
  });
}

/** Today's date as YYYY-MM-DD (local time). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * Load, parse and validate a whole knowledge base: the single pipeline behind both `check`
 * and `build`. Never throws on bad content; every problem is in `problems`, sorted.
 */
export function loadKnowledgeBase(options: KnowledgeBaseOptions): KnowledgeBase {
  const root = options.root;
  const problems: Problem[] = [];
  const contentDirs = [options.contentDir ?? 'content', ...(options.extraContentDirs ?? [])];

  // References.
  const refDirs = [options.referencesDir ?? 'references', ...(options.extraReferencesDirs ?? [])];
  const refFiles = refDirs.flatMap((dir) => globSync(['**/*', '!**/*.md', '!**/README*'], { cwd: join(root, dir), absolute: true }).sort());
  const refTexts: { path: string; text: string }[] = [];
  for (const abs of refFiles) {
    const path = rel(root, abs);
    const text = readUtf8(abs, path, problems);
    if (text !== undefined) refTexts.push({ path, text });
  }
  const loaded = loadReferences(refTexts);
  problems.push(...loaded.problems);
  const references = loaded.references;
  // A reference's URL becomes a link on every page that cites it: only web addresses.
  for (const ref of references.values()) {
    const url = ref.csl.URL;
    if (typeof url === 'string' && !/^https?:\/\//i.test(url.trim())) {
      problems.push(problem(ref.file, { line: ref.line, column: ref.column }, 'error', 'reference/unsafe-url', `the url of \`@${ref.key}\` is not a web address: \`${url.slice(0, 60)}\``, 'write an address starting with https:// (or http://), or remove the url field'));
    }
  }

  // Entries.
  const cache = options.cache === false ? undefined : new ParseCache<Entry>(root);
  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  for (const dir of contentDirs) {
    const contentRoot = join(root, dir);
    const files = globSync(['**/*.md', '**/*.mdx'], { cwd: contentRoot, absolute: true }).sort();
    for (const abs of files) {
      const entry = readEntryCached(root, abs, dir === contentDirs[0] ? contentRoot : join(root, dir, '..'), problems, cache);
      if (!entry) continue;
      const other = byId.get(entry.id);
      if (other) {
        problems.push(problem(entry.file, { line: 1, column: 1 }, 'error', 'entry/duplicate-id', `the id \`${entry.id}\` is already used by ${other.file}`, 'rename one of the files: an id is the path under content/ without its extension'));
        continue;
      }
      byId.set(entry.id, entry);
      entries.push(entry);
    }
  }

  cache?.save();

  // Aliases.
  const aliases = new Map<string, string>();
  for (const e of entries) {
    e.data.aliases.forEach((alias, i) => {
      const fmPos = e.aliasAt?.[i] ?? { line: 1, column: 1 };
      if (byId.has(alias)) {
        problems.push(problem(e.file, fmPos, 'error', 'entry/duplicate-alias', `the alias \`${alias}\` is the id of an existing entry (${byId.get(alias)!.file})`, 'an alias is an old id that no longer exists: remove it, or rename the other entry'));
      } else if (aliases.has(alias)) {
        problems.push(problem(e.file, fmPos, 'error', 'entry/duplicate-alias', `the alias \`${alias}\` is also an alias of \`${aliases.get(alias)}\``, 'an old id can redirect to one entry only: remove one of the aliases'));
      } else aliases.set(alias, e.id);
    });
  }

  const ids = [...byId.keys()];
  const keys = [...references.keys()];
  const citedBy = new Map<string, string[]>();
  const backlinks = new Map<string, string[]>();
  const overlays = new Map<string, string[]>();

  for (const e of entries) {
    // Citations.
    for (const c of e.citations) {
      if (!references.has(c.key)) {
        const dym = didYouMean(c.key, keys, '@');
        problems.push(
          problem(e.file, c.at, 'error', 'citation/unknown-key', `no reference has the key \`@${c.key}\`${c.field ? ` (in \`${c.field}\`)` : ''}`, dym ?? `add the source to a file in references/, or use one of the existing keys (see /references/)`),
        );
        continue;
      }
      const list = citedBy.get(c.key) ?? [];
      if (list[list.length - 1] !== e.id && !list.includes(e.id)) list.push(e.id);
      citedBy.set(c.key, list);
    }
    // Links.
    for (const l of e.links) {
      if (l.target.startsWith('unsafe:')) {
        problems.push(problem(e.file, l.at, 'error', 'link/unsafe-url', `the link \`${l.target.slice(7)}\` would run code or embed data when clicked`, 'link to a web address (https://…) or an entry id'));
        continue;
      }
      let target = byId.get(l.target);
      if (!target) {
        if (l.via === 'markdown' && SITE_PAGES.has(l.target)) continue;
        const renamed = aliases.get(l.target);
        if (renamed) {
          problems.push(problem(e.file, l.at, 'error', 'link/alias', `\`${l.target}\` is an old id: the entry is now \`${renamed}\``, `link to \`${renamed}\` (the old URL still redirects, but links in the knowledge base should use the current id)`));
          continue;
        }
        const dym = didYouMean(l.target, ids.filter((id) => id !== e.id));
        const rule = l.via === 'field' ? 'link/broken-field' : 'link/broken-entry';
        problems.push(
          problem(
            e.file,
            l.at,
            'error',
            rule,
            `${l.field ? `\`${l.field}\` names` : 'the link points to'} \`${l.target}\`, which is not an entry`,
            `${dym ? `${dym} ` : ''}if an entry was renamed from \`${l.target}\`, add \`aliases: [${l.target}]\` to its frontmatter`,
          ),
        );
        continue;
      }
      if (l.fragment && !target.anchors.has(l.fragment)) {
        const dym = didYouMean(l.fragment, [...target.anchors], '#');
        problems.push(
          problem(e.file, l.at, 'error', 'link/broken-anchor', `\`${target.id}\` has no heading or paragraph \`#${l.fragment}\``, dym ?? `its headings are: ${target.headings.map((h) => `#${h.slug}`).join(', ') || '(none)'}`),
        );
        continue;
      }
      if (target.id !== e.id && l.field !== 'attaches_to') {
        const list = backlinks.get(target.id) ?? [];
        if (!list.includes(e.id)) list.push(e.id);
        backlinks.set(target.id, list);
      }
      if (l.field === 'attaches_to') {
        if (target.kind !== 'standard' && target.kind !== 'ethics' && target.kind !== 'topic') {
          problems.push(problem(e.file, l.at, 'error', 'policy/attach-kind', `a local policy can attach to a standard, ethics or topic entry; \`${target.id}\` is a ${target.kind}`, 'attach it to the standard or code section it implements'));
        }
        const list = overlays.get(target.id) ?? [];
        list.push(e.id);
        overlays.set(target.id, list);
      }
    }
  }

  // Unused references.
  for (const [key, ref] of references) {
    if (!citedBy.has(key)) {
      problems.push(problem(ref.file, { line: ref.line, column: ref.column }, 'warning', 'reference/unused', `the reference \`@${key}\` is not cited by any entry`, 'cite it where it supports a claim, or remove it from the references'));
    }
  }

  // Reviews.
  const today = options.today ?? todayIso();
  for (const e of entries) {
    const next = e.data.review?.next;
    if (next && next < today) {
      const at = e.reviewAt ?? { line: 1, column: 1 };
      problems.push(problem(e.file, at, options.strict ? 'error' : 'warning', 'review/overdue', `the review of this entry was due on ${next}`, 'review the entry, then update `review.reviewed` and `review.next`'));
    }
  }

  // Privacy: content that looks like personal data.
  for (const e of entries) problems.push(...checkPrivacy(e.file, e.text, options.privacy));

  problems.sort(compareProblems);
  return { root, entries, byId, aliases, references, problems, citedBy, backlinks, overlays, options };
}

/** Evidence profile of an entry: how many of its claims rest on each evidence type. */
export function evidenceProfile(entry: Entry, references: Map<string, Reference>): Map<EvidenceType, number> {
  const counts = new Map<EvidenceType, number>();
  for (const claim of entry.claims) {
    const types = new Set<EvidenceType>();
    for (const key of claim.keys) {
      const ref = references.get(key);
      if (ref) types.add(ref.evidence);
    }
    for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
