/**
 * Reading one entry file: frontmatter (with positions), the kind's schema, then its Markdown —
 * the body and every frontmatter value that is a claim — through the Markdown plugin.
 *
 * The Markdown part is the expensive one, and the only one that may run on other threads
 * (`src/core/markdown/pool.ts`): `prepareEntry` validates the frontmatter and says which Markdown to parse,
 * the jobs are parsed (here or in a worker), and `completeEntry` assembles the entry.
 */
import { BUILT_IN_KINDS, type KindRegistry } from '../../kinds/index.ts';
import { nearest } from '../did-you-mean.ts';
import { isSyntaxProblem } from '../markdown/claims.ts';
import type { MarkdownJob } from '../markdown/job.ts';
import type { MarkdownFacts } from '../markdown/nodes.ts';
import { problem, type Problem } from '../problems.ts';
import { errorMap, formatPath } from '../zod-issues.ts';
import type { Entry, EntryData, FieldClaim } from './entry.ts';
import { splitFrontmatter } from './frontmatter.ts';

export interface PreparedEntry {
  entry: Omit<Entry, 'headings' | 'claims' | 'anchors' | 'citations' | 'links'> & { citations: Entry['citations']; links: Entry['links'] };
  /** Job 0 is the body; then one per claim field, in `entry.fields` order. */
  jobs: MarkdownJob[];
}

/** The frontmatter and schema of one entry; undefined (with problems) when it cannot be read. */
export function prepareEntry(options: { id: string; path: string; text: string; registry: KindRegistry }, problems: Problem[]): PreparedEntry | undefined {
  const { id, path, text, registry } = options;
  const mdx = path.endsWith('.mdx');
  if (text.trim() === '') {
    problems.push(problem(path, undefined, 'error', 'entry/empty', 'the file is empty', 'start it with frontmatter: `---`, `kind: topic`, `title: …`, `summary: …`, `---`, then the text'));
    return undefined;
  }
  const fm = splitFrontmatter(text);
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
  const rawKind = (raw as Record<string, unknown>)['kind'];
  const kind = typeof rawKind === 'string' ? registry.get(rawKind) : undefined;
  if (!kind) {
    const guess = typeof rawKind === 'string' ? nearest(rawKind, registry.names) : undefined;
    problems.push(
      problem(
        path,
        fm.positionOf(['kind']),
        'error',
        'entry/unknown-kind',
        rawKind === undefined ? 'the entry has no `kind`' : `\`${String(rawKind)}\` is not an entry kind`,
        `${guess ? `did you mean ${guess}? ` : ''}kind must be one of: ${registry.names.join(', ')}`,
      ),
    );
    return undefined;
  }
  const schema = registry.schema(kind.name);
  const parsed = schema.safeParse(raw, { error: errorMap });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        const allowed = Object.keys(schema.shape);
        const guess = nearest(issue.keys[0]!, allowed);
        problems.push(
          problem(
            path,
            fm.positionOf([...(issue.path as (string | number)[]), issue.keys[0]!]),
            'error',
            'frontmatter/unknown-field',
            `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `\`${k}\``).join(', ')} for a ${kind.name} entry`,
            `${guess ? `did you mean ${guess}? ` : ''}allowed fields: ${allowed.join(', ')}`,
          ),
        );
        continue;
      }
      problems.push(problem(path, fm.positionOf(issue.path as (string | number)[]), 'error', 'frontmatter/invalid-field', `field \`${formatPath(issue.path) || 'frontmatter'}\` ${issue.message}`, fieldsHint(kind)));
    }
    return undefined;
  }
  const data = parsed.data as EntryData;
  const fields: FieldClaim[] = (kind.claimFields?.(data) ?? []).map((f) => ({
    field: f.field,
    value: f.value,
    anchor: f.anchor,
    kind: f.kind,
    at: fm.valuePositionOf(f.path) ?? fm.positionOf(f.path),
  }));
  const entry: PreparedEntry['entry'] = {
    id,
    file: path,
    kind: kind.name,
    data,
    mdx,
    text,
    bodyStart: fm.bodyStart,
    frontmatterLines: fm.lines,
    citations: [],
    links: [],
    fields,
    aliasAt: data.aliases.map((_, i) => fm.positionOf(['aliases', i])),
    ...(data.review?.next ? { reviewAt: fm.positionOf(['review', 'next']) } : {}),
  };
  // `related` is a base field of every kind: its ids are checked (and count as backlinks) like a kind's own entry fields.
  data.related.forEach((target, i) => entry.links.push({ target, at: fm.positionOf(['related', i]), via: 'field', field: 'related' }));
  for (const f of kind.entryFields?.(data) ?? []) {
    entry.links.push({ target: f.target, ...(f.fragment ? { fragment: f.fragment } : {}), at: fm.positionOf(f.path), via: 'field', field: f.field, ...(f.relation === 'attach' ? { relation: 'attach' as const } : {}) });
  }
  for (const f of kind.referenceFields?.(data) ?? []) entry.citations.push({ key: f.key, at: fm.positionOf(f.path), field: f.field });
  const jobs: MarkdownJob[] = [
    { text: fm.body, mdx, self: id, mode: 'body' },
    ...fields.map((f): MarkdownJob => ({ text: f.value, mdx: false, self: id, mode: 'field' })),
  ];
  return { entry, jobs };
}

/** Put the parsed Markdown into the entry; problems inside field values move to their place. */
export function completeEntry(prepared: PreparedEntry, facts: MarkdownFacts[], problems: Problem[]): Entry {
  const { entry } = prepared;
  const body = facts[0]!;
  for (const p of body.problems) problems.push(problem(entry.file, p.at, p.severity ?? 'error', p.rule, p.message, p.hint));
  const anchors = new Set(body.anchors);
  const claims = [...body.claims];
  const citations = [...body.citations, ...entry.citations];
  const links = [...body.links, ...entry.links];
  entry.fields.forEach((field, i) => {
    const f = facts[i + 1]!;
    const at = field.at;
    // A value's own line 1 starts where the value starts in the file.
    const shift = (p: { line: number; column: number }) => ({ line: at.line + p.line - 1, column: p.line === 1 ? at.column + p.column - 1 : p.column });
    for (const p of f.problems) problems.push(problem(entry.file, shift(p.at), p.severity ?? 'error', p.rule, `in \`${field.field}\`: ${p.message}`, p.hint));
    const keys = f.claims.flatMap((c) => c.keys);
    for (const c of f.citations) citations.push({ key: c.key, at, field: field.field, ...(c.suppressAuthor ? { suppressAuthor: true as const } : {}) });
    for (const l of f.links) links.push({ ...l, at });
    anchors.add(field.anchor);
    claims.push({ id: field.anchor, kind: field.kind, keys, heading: '', paragraph: 0, line: at.line, column: at.column });
    if (keys.length === 0 && !f.problems.some((p) => isSyntaxProblem(p.rule))) {
      problems.push(problem(entry.file, at, 'error', 'claim/uncited', `\`${field.field}\` makes a claim without a citation`, 'add the source it rests on, e.g. `… [@key]` at the end of the value'));
    }
  });
  return { ...entry, headings: body.headings, claims, anchors, citations, links };
}

/** Where an author finds the fields of a kind: Groundwork's docs, or the knowledge base's own definition. */
function fieldsHint(kind: { name: string }): string {
  return BUILT_IN_KINDS.includes(kind as (typeof BUILT_IN_KINDS)[number])
    ? `see the fields of \`${kind.name}\` in docs/authoring.md`
    : `see the \`fields\` of the kind \`${kind.name}\` where this knowledge base defines it (defineKind, registered with groundwork({ kinds }) in astro.config.mjs)`;
}
