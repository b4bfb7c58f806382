/**
 * The pipeline behind both `check` and `build`: read the references and the entries, parse each
 * file once (on every core when there are many), then run the rules that need the whole
 * knowledge base. Never throws on bad content; every problem is in `problems`, sorted.
 *
 * This module only orders the steps. Reading an entry is `entries/read.ts`, Markdown is
 * `markdown/`, references are `references/`, and each rule lives in `src/rules/`, in a file
 * named for its area.
 */
import { join } from 'node:path';
import { globSync } from 'tinyglobby';
import type { GroundworkConfig } from '../config/schema.ts';
import type { LoadedConfig } from '../config/load.ts';
import type { KindRegistry } from '../kinds/index.ts';
import { ATTACHABLE } from '../kinds/policy.ts';
import { checkCitations } from '../rules/citations.ts';
import { checkProfileScope } from '../rules/config.ts';
import { checkAliases, ENTRY_RULES } from '../rules/entries.ts';
import { RULES, RULES_BY_ID } from '../rules/index.ts';
import { checkLinks } from '../rules/links.ts';
import { checkPrivacy } from '../rules/privacy.ts';
import { checkDuplicateDois, checkUnusedReferences } from '../rules/references.ts';
import { reporter } from '../rules/report.ts';
import { checkReviews } from '../rules/reviews.ts';
import { digestOf, ParseCache } from './cache.ts';
import type { Entry } from './entries/entry.ts';
import { completeEntry, prepareEntry, type PreparedEntry } from './entries/read.ts';
import { decodeUtf8, readBytes, rel } from './files.ts';
import { analyseAll, type PoolOptions } from './markdown/pool.ts';
import { compareProblems, type Problem } from './problems.ts';
import { loadReferences, type Reference, type ReferenceFile } from './references/load.ts';

export type { Entry } from './entries/entry.ts';
export type { CitationUse, Claim, HeadingInfo, LinkUse } from './markdown/nodes.ts';

export interface KnowledgeBaseOptions {
  root: string;
  /** The handbook profile (folders, vocabularies, privacy, evidence, rule severities, scope). */
  profile: LoadedConfig;
  registry: KindRegistry;
  /** Today's date (YYYY-MM-DD) for review checks; defaults to the real date. */
  today?: string;
  /** Overdue reviews become errors. */
  strict?: boolean;
  /** Reuse what earlier runs parsed from unchanged files (ROOT/.groundwork/cache); default on. */
  cache?: boolean;
  /** Parsing threads (1 parses on this thread). */
  threads?: PoolOptions['threads'];
}

export interface KnowledgeBase {
  root: string;
  config: GroundworkConfig;
  registry: KindRegistry;
  /** Every entry that could be read, in file order. */
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
  /** Entry id -> ids of the local policies attached to it. */
  overlays: Map<string, string[]>;
  /** The date the review checks compared with (YYYY-MM-DD): the site marks overdue reviews by it too. */
  today: string;
}

/** Today's date as YYYY-MM-DD (local time). */
export function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function readReferences(root: string, config: GroundworkConfig, problems: Problem[]) {
  const dirs = typeof config.references === 'string' ? [config.references] : config.references;
  const files: ReferenceFile[] = [];
  for (const dir of dirs) {
    for (const abs of globSync(['**/*', '!**/*.md', '!**/README*'], { cwd: join(root, dir), absolute: true }).sort()) {
      const path = rel(root, abs);
      const bytes = readBytes(abs, path, problems);
      if (bytes) files.push({ path, bytes });
    }
  }
  const loaded = loadReferences(files, { evidence: config.evidence });
  problems.push(...loaded.problems);
  return loaded.references;
}

interface CachedEntry {
  entry: Omit<Entry, 'text' | 'anchors'> & { anchors: string[] };
}

/** Read every entry: from the cache where the file is unchanged, else parsed (on every core). */
async function readEntries(options: KnowledgeBaseOptions, problems: Problem[]): Promise<Entry[]> {
  const { root, profile, registry } = options;
  const config = profile.config;
  const cache = options.cache === false ? undefined : new ParseCache<CachedEntry['entry']>(root, registry.fingerprint);
  // Local policies live beside the content folder; their ids start with the folder's name.
  const folders = [{ dir: config.content, idRoot: join(root, config.content) }, ...(config.local ? [{ dir: config.local, idRoot: join(root, config.local, '..') }] : [])];
  type Slot = { path: string; entry?: Entry; prepared?: PreparedEntry; digest?: string; own: Problem[] };
  const slots: Slot[] = [];
  for (const { dir, idRoot } of folders) {
    for (const abs of globSync(['**/*.md', '**/*.mdx'], { cwd: join(root, dir), absolute: true }).sort()) {
      const path = rel(root, abs);
      const slot: Slot = { path, own: [] };
      slots.push(slot);
      const bytes = readBytes(abs, path, slot.own);
      if (!bytes) continue;
      const text = decodeUtf8(bytes, path, slot.own);
      if (text === undefined) continue;
      const id = rel(idRoot, abs).replace(/\.mdx?$/, '').toLowerCase();
      // The id depends on the folder as well as the text: both are part of the key.
      slot.digest = `${digestOf(bytes)}:${rel(root, idRoot)}`;
      const hit = cache?.get(path, slot.digest);
      if (hit) {
        slot.own.push(...hit.problems);
        if (hit.entry) slot.entry = { ...hit.entry, anchors: new Set(hit.entry.anchors), text };
        continue;
      }
      const prepared = prepareEntry({ id, path, text, registry }, slot.own);
      if (prepared) slot.prepared = prepared;
      else cache?.set(path, slot.digest, null, slot.own);
    }
  }
  const pending = slots.filter((s) => s.prepared);
  const jobs = pending.flatMap((s) => s.prepared!.jobs);
  const facts = await analyseAll(jobs, options.threads === undefined ? {} : { threads: options.threads });
  let k = 0;
  for (const slot of pending) {
    const n = slot.prepared!.jobs.length;
    slot.entry = completeEntry(slot.prepared!, facts.slice(k, k + n), slot.own);
    k += n;
    const { text: _text, anchors, ...rest } = slot.entry;
    cache?.set(slot.path, slot.digest!, { ...rest, anchors: [...anchors] }, slot.own);
  }
  cache?.save();
  const entries: Entry[] = [];
  for (const slot of slots) {
    problems.push(...slot.own);
    if (slot.entry) entries.push(slot.entry);
  }
  return entries;
}

export async function loadKnowledgeBase(options: KnowledgeBaseOptions): Promise<KnowledgeBase> {
  const { root, profile, registry } = options;
  const config = profile.config;
  const problems: Problem[] = [...profile.problems];
  const report = reporter(problems);
  const references = readReferences(root, config, problems);
  const read = await readEntries(options, problems);

  const entries: Entry[] = [];
  const byId = new Map<string, Entry>();
  for (const entry of read) {
    const other = byId.get(entry.id);
    if (other) {
      report(ENTRY_RULES['entry/duplicate-id'], entry.file, { line: 1, column: 1 }, `the id \`${entry.id}\` is already used by ${other.file}`, 'rename one of the files: an id is the path under content/ without its extension');
      continue;
    }
    byId.set(entry.id, entry);
    entries.push(entry);
  }

  const today = options.today ?? todayIso();
  const kb: KnowledgeBase = { root, config, registry, entries, byId, aliases: new Map(), references, problems, citedBy: new Map(), backlinks: new Map(), overlays: new Map(), today };
  checkAliases(kb, report);
  checkCitations(kb, report);
  checkLinks(kb, report, (target) => ATTACHABLE.includes(target.kind));
  checkDuplicateDois(kb, report);
  checkUnusedReferences(kb, report);
  checkReviews(kb, report, { today });
  checkPrivacy(kb, report, { clientNames: config.privacy.client_names, allow: config.privacy.allow });
  checkProfileScope(kb, profile, [...registry.names], RULES.map((r) => r.id), report);

  // `--strict` is asked for for this run: overdue reviews are errors, whatever the profile's
  // `review/overdue: warning` says (a rule the profile turns off stays off).
  const severities = options.strict && config.rules['review/overdue'] !== 'off' ? { ...config.rules, 'review/overdue': 'error' as const } : config.rules;
  kb.problems = applySeverities(problems, severities).sort(compareProblems);
  return kb;
}

/** The knowledge base's own severities (`rules:` in the profile): `off` drops a rule's problems. */
export function applySeverities(problems: Problem[], settings: Record<string, 'error' | 'warning' | 'off'>): Problem[] {
  if (Object.keys(settings).length === 0) return problems;
  const out: Problem[] = [];
  for (const p of problems) {
    const setting = RULES_BY_ID.has(p.rule) ? settings[p.rule] : undefined;
    if (setting === 'off') continue;
    out.push(setting ? { ...p, severity: setting } : p);
  }
  return out;
}

/** Evidence profile of an entry: how many of its claims rest on each evidence type ('unclassified' for sources without one). */
export function evidenceProfile(entry: Entry, references: Map<string, Reference>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const claim of entry.claims) {
    const types = new Set<string>();
    for (const key of claim.keys) {
      const ref = references.get(key);
      if (ref) types.add(ref.evidence ?? 'unclassified');
    }
    for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

export function hasErrors(problems: Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}
