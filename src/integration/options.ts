/**
 * The options of the `groundwork()` integration, validated by zod when astro.config.mjs is
 * loaded (a typo is an error there, with the allowed options).
 */
import { z } from 'astro/zod';
import type { CheckOptions } from '../core/project.ts';
import type { AnyKind } from '../kinds/index.ts';
import type { RunFlags } from './flags.ts';

const kind = z.custom<AnyKind>((v) => !!v && typeof v === 'object' && typeof (v as AnyKind).name === 'string' && typeof (v as AnyKind).fields === 'function', {
  message: 'must be a kind made with defineKind({ name, label, path, blurb, fields, handbook })',
});
const extension = z.custom<z.ZodRawShape | z.ZodObject>((v) => !!v && typeof v === 'object', { message: 'must be a zod object or a set of zod fields' });

export const optionsSchema = z
  .object({
    /** The knowledge base folder (content/, references/, groundwork.config.yaml), relative to the Astro root. */
    root: z.string().default('.'),
    /** Kinds the knowledge base adds (or built-in kinds it replaces, by name). */
    kinds: z.array(kind).default([]),
    /** Fields added to kinds' schemas, by kind name (`'*'` for every kind), as Starlight's `docsSchema({ extend })`. */
    extend: z.record(z.string(), extension).default({}),
    /** Overdue reviews are errors. */
    strict: z.boolean().default(false),
    /** The date review checks compare with (YYYY-MM-DD); default today. */
    today: z.iso.date({ error: 'must be a real date written YYYY-MM-DD' }).optional(),
    /** Reuse what earlier runs parsed from unchanged files. */
    cache: z.boolean().default(true),
    /** Parsing threads; default: every core. */
    threads: z.number().int().min(1).optional(),
    /** Write the search index after the build (Pagefind). */
    search: z.boolean().default(true),
  })
  .strict();

/** Where the integration keeps its options, for the `groundwork` CLI to find in astro.config. */
export const OPTIONS = Symbol.for('groundwork.options');

export type GroundworkOptions = z.input<typeof optionsSchema>;
export type ResolvedOptions = z.output<typeof optionsSchema>;

/**
 * The options of one check, from the integration's options and the run's flags: the one rule
 * both `groundwork check` and the build (`astro build`, `groundwork build`, `astro dev`) use, so
 * they check the same thing. A flag's date wins; strict if either says so; the cache only if
 * both allow it.
 */
export function checkOptionsFor(options: ResolvedOptions, flags: RunFlags): CheckOptions {
  const today = flags.today ?? options.today;
  const threads = flags.threads ?? options.threads;
  return {
    kinds: options.kinds,
    extend: options.extend,
    strict: options.strict || flags.strict === true,
    cache: options.cache && flags.noCache !== true,
    ...(today ? { today } : {}),
    ...(threads ? { threads } : {}),
  };
}
