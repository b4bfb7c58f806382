/**
 * The kind registry: the built-in kinds, plus any a knowledge base adds (`groundwork({ kinds })`),
 * with the fields a knowledge base adds to a kind's schema (`groundwork({ extend })`, as
 * Starlight's `docsSchema({ extend })`) and its configured vocabularies. The pipeline, the pages,
 * the search filters and the handbook all ask the registry; nothing else lists kinds.
 */
import { z } from 'astro/zod';
import { createHash } from 'node:crypto';
import type { Vocabularies } from '../config/vocabularies.ts';
import { comparison } from './comparison.ts';
import { baseFields, type BaseData, type KindContext, type KindDefinition } from './define.ts';
import { ethics } from './ethics.ts';
import { glossary } from './glossary.ts';
import { model } from './model.ts';
import { policy } from './policy.ts';
import { reading } from './reading.ts';
import { standard } from './standard.ts';
import { topic } from './topic.ts';

// Kinds are defined over their own data types; the registry holds them as kinds of any data.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindDefinition<any>;

export const BUILT_IN_KINDS: readonly AnyKind[] = [standard, ethics, model, comparison, topic, glossary, reading, policy];

export interface KindOptions {
  /** Kinds the knowledge base adds (or built-in kinds it replaces, by name). */
  kinds?: readonly AnyKind[];
  /** Fields added to kinds' schemas, by kind name (`'*'` for every kind). */
  extend?: Readonly<Record<string, z.ZodRawShape | z.ZodObject>>;
}

export interface KindRegistry {
  readonly kinds: readonly AnyKind[];
  readonly names: readonly string[];
  readonly ctx: KindContext;
  get(name: string): AnyKind | undefined;
  /** The strict zod schema of a kind's frontmatter: base fields, the kind's fields, extensions. */
  schema(name: string): z.ZodObject;
  /** Changes whenever a schema or vocabulary changes (part of the parse cache key). */
  readonly fingerprint: string;
}

function shapeOf(extension: z.ZodRawShape | z.ZodObject): z.ZodRawShape {
  return extension instanceof z.ZodObject ? extension.shape : extension;
}

export function createRegistry(options: KindOptions & { vocabularies: Vocabularies }): KindRegistry {
  const byName = new Map<string, AnyKind>();
  for (const k of [...BUILT_IN_KINDS, ...(options.kinds ?? [])]) byName.set(k.name, k);
  const kinds = [...byName.values()];
  const names = kinds.map((k) => k.name);
  for (const name of Object.keys(options.extend ?? {})) {
    if (name !== '*' && !byName.has(name)) throw new Error(`groundwork({ extend }): \`${name}\` is not an entry kind (the kinds are: ${names.join(', ')})`);
  }
  const ctx: KindContext = { vocabularies: options.vocabularies };
  const schemas = new Map<string, z.ZodObject>();
  const schema = (name: string): z.ZodObject => {
    let s = schemas.get(name);
    if (!s) {
      const kind = byName.get(name);
      if (!kind) throw new Error(`no entry kind \`${name}\``);
      s = z
        .object({
          kind: z.literal(name),
          ...baseFields(),
          ...kind.fields(ctx),
          ...shapeOf(options.extend?.['*'] ?? {}),
          ...shapeOf(options.extend?.[name] ?? {}),
        })
        .strict();
      schemas.set(name, s);
    }
    return s;
  };
  const h = createHash('sha1');
  h.update(JSON.stringify(options.vocabularies.lists));
  for (const k of kinds) {
    h.update(k.name);
    // What reading an entry runs besides its schema (a knowledge base's own kind may change them),
    // and the schema's source (refinements do not show in its JSON schema).
    for (const hook of [k.fields, k.claimFields, k.entryFields, k.referenceFields]) h.update(String(hook));
    try {
      h.update(JSON.stringify(z.toJSONSchema(schema(k.name), { unrepresentable: 'any', io: 'input' })));
    } catch {
      h.update(String(Math.random())); // a schema that cannot be described is never cached
    }
  }
  return { kinds, names, ctx, get: (name) => byName.get(name), schema, fingerprint: h.digest('hex') };
}

export type { BaseData, KindDefinition };
export { defineKind } from './define.ts';
