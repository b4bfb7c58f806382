/**
 * The handbook profile: one file, `groundwork.config.yaml`, at the root of a knowledge base.
 * It names and brands the site, decides what it includes, and holds the knowledge base's own
 * vocabularies and rule settings. All fields have defaults; the file is optional.
 */
import { z } from 'astro/zod';

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour written #rrggbb');
const date = z.union([z.date(), z.string()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d));

/** The handbook is built by default up to this many published entries (`handbook: auto`). */
export const HANDBOOK_AUTO_LIMIT = 500;

export const SEVERITY_SETTINGS = ['error', 'warning', 'off'] as const;

export const configSchema = z
  .object({
    title: z.string().min(1).default('Groundwork knowledge base'),
    description: z.string().min(1).default('An evidence knowledge base: every claim cited.'),
    /** Absolute URL the site is published at, e.g. https://handbook.example.org (for sitemap, cite-this, canonical links). */
    site: z.url().default('https://groundwork.example.org'),
    /** Sub-path the site is served under, e.g. /handbook. */
    base: z.string().regex(/^\/([\w.-]+(\/[\w.-]+)*)?$/, 'must be a path such as / or /handbook').default('/'),
    /** The language of the content (the pages' `lang`). */
    lang: z.string().min(2).default('en'),
    organisation: z
      .object({
        name: z.string().min(1),
        /** Path of a logo image in the knowledge base's public/ folder, e.g. /logo.svg. */
        logo: z.string().min(1).optional(),
        url: z.url().optional(),
        contact: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    colors: z
      .object({ accent: color.default('#1d4f91'), accent_dark: color.default('#8fb8ff') })
      .strict()
      .default({ accent: '#1d4f91', accent_dark: '#8fb8ff' }),
    /** The edition or version shown on every page, e.g. "Edition 3, 2026". */
    edition: z.string().min(1).optional(),
    /** Which entries are published (all are still checked). Kinds and ids are checked by `check`. */
    include: z
      .object({
        kinds: z.array(z.string().min(1)).optional(),
        entries: z.array(z.string()).optional(),
        exclude: z.array(z.string()).default([]),
      })
      .strict()
      .default({ exclude: [] }),
    /** Folders of the knowledge base, relative to its root. */
    content: z.string().default('content'),
    /** One folder of references, or a list (e.g. a shared set and the agency's own policy documents). */
    references: z.union([z.string(), z.array(z.string()).min(1)]).default('references'),
    /** Agency local policy overlays. */
    local: z.string().optional(),
    /** Controlled lists for fields such as an ethics entry's `code` and a standard's `phase`. */
    vocabularies: z
      .object({
        codes: z.array(z.string().min(1)).optional(),
        phases: z.array(z.string().min(1)).optional(),
      })
      .catchall(z.array(z.string().min(1)))
      .default({}),
    /** `optional` (default): a reference without an evidence type is "unclassified"; `required`: it is an error. */
    evidence: z.enum(['optional', 'required']).default('optional'),
    /** Severity of validator rules, by rule id: `error`, `warning` or `off`. */
    rules: z.record(z.string(), z.enum(SEVERITY_SETTINGS)).default({}),
    privacy: z
      .object({ client_names: z.array(z.string()).default([]), allow: z.array(z.string()).default([]) })
      .strict()
      .default({ client_names: [], allow: [] }),
    /** Amendments: what changed and when (newest first on the page). */
    amendments: z.array(z.object({ date, summary: z.string().min(1), entries: z.array(z.string()).default([]) }).strict()).default([]),
    /**
     * The one-page printable handbook (/handbook/, printed by `groundwork pdf`): `auto` makes it
     * for knowledge bases of up to 500 published entries; `true` or `false` decide.
     */
    handbook: z.union([z.literal('auto'), z.boolean()]).default('auto'),
    pdf: z.object({ title: z.string().optional() }).strict().default({}),
  })
  .strict();

export type GroundworkConfig = z.infer<typeof configSchema>;
