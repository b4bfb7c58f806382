/**
 * The parse cache: what reading an entry produced (frontmatter, tree, claims, links,
 * citations, problems), keyed by the file's content hash and by the version of the pipeline
 * itself (a hash of Groundwork's own source and dependency versions). An unchanged entry is
 * not parsed again; anything that could change the result changes a key. Stored in
 * ROOT/.groundwork/cache/entries.json; delete the folder, or pass --no-cache, to start afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { globSync } from 'tinyglobby';
import type { Problem } from './problems.ts';

interface Cached<T> {
  digest: string;
  entry: T | null;
  problems: Problem[];
}

let pipelineVersion: string | undefined;

/** A hash of the code that turns a file into an entry, and of the dependencies it runs on. */
function version(): string {
  if (pipelineVersion) return pipelineVersion;
  const src = join(import.meta.dirname, '..');
  const app = join(src, '..');
  const h = createHash('sha1');
  for (const file of globSync(['core/**/*.{ts,mjs}', 'kinds/**/*.ts', 'config/**/*.ts'], { cwd: src }).sort()) h.update(file).update(readFileSync(join(src, file)));
  const lock = join(app, 'package-lock.json');
  if (existsSync(lock)) h.update(readFileSync(lock));
  pipelineVersion = h.digest('hex');
  return pipelineVersion;
}

export function digestOf(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex');
}

export class ParseCache<T> {
  private readonly file: string;
  private files: Record<string, Cached<T>> = {};
  private readonly seen = new Set<string>();
  private dirty = false;

  private readonly version: string;

  /** `fingerprint`: anything else the result depends on (the kinds' schemas and vocabularies). */
  constructor(root: string, fingerprint = '') {
    this.file = join(root, '.groundwork', 'cache', 'entries.json');
    this.version = `${version()}:${fingerprint}`;
    try {
      const data = JSON.parse(readFileSync(this.file, 'utf8')) as { version?: string; files?: Record<string, Cached<T>> };
      if (data.version === this.version && data.files) this.files = data.files;
      else this.dirty = true;
    } catch {
      this.dirty = true; // no cache yet, or an unreadable one: start afresh
    }
  }

  get(path: string, digest: string): Cached<T> | undefined {
    this.seen.add(path);
    const hit = this.files[path];
    return hit && hit.digest === digest ? hit : undefined;
  }

  set(path: string, digest: string, entry: T | null, problems: Problem[]): void {
    this.seen.add(path);
    // Round-trip through JSON now, so what is stored cannot change later by mutation.
    this.files[path] = JSON.parse(serialise({ digest, entry, problems })) as Cached<T>;
    this.dirty = true;
  }

  /** Write the cache if anything changed; forget files that are gone. Never fails the run. */
  save(): void {
    for (const path of Object.keys(this.files)) {
      if (!this.seen.has(path)) {
        delete this.files[path];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      const tmp = `${this.file}.${process.pid}.tmp`;
      writeFileSync(tmp, serialise({ version: this.version, files: this.files }));
      renameSync(tmp, this.file);
    } catch {
      // A read-only checkout still checks and builds; it is only slower next time.
    }
  }
}

/** JSON without the trees' source positions (what is needed of them is already extracted) and with sets as arrays. */
function serialise(value: unknown): string {
  return JSON.stringify(value, (key, v) => (key === 'position' ? undefined : v instanceof Set ? [...v] : v));
}
