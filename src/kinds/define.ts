/**
 * What an entry kind is: one definition per kind says everything the pipeline, the pages, the
 * search filters and the printed handbook need to know about it. The built-in kinds live in
 * this folder, one file each; a knowledge base may add its own with `defineKind` and pass it to
 * the `groundwork()` integration (see docs/architecture.md, "How to add an entry kind").
 *
 * A kind module is plain TypeScript: its schema (zod), which of its fields are claims, which
 * name other entries or references, its labels and URL path, how its entries sort, and what
 * its page shows besides the body (facts, filters, sections).
 */
import { z } from 'astro/zod';
import type { Vocabularies } from '../config/vocabularies.ts';

/** The fields every entry has, whatever its kind. */
export function baseFields() {
  return {
    title: z.string().trim().min(1, 'must not be empty'),
    summary: z.string().trim().min(1, 'must not be empty'),
    related: z.array(entryId).default([]),
    aliases: z.array(entryId).default([]),
    tags: z.array(z.string().min(1)).default([]),
    review: reviewSchema.optional(),
    draft: z.boolean().default(false),
  };
}

/** An entry id: lower-case path segments of letters, digits and hyphens. */
export const entryId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*$/, 'must be an entry id such as "topics/mutual-aid"');

/** An entry id, optionally followed by `#fragment` (a heading or paragraph anchor). */
export const entryRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*(\/[a-z0-9][a-z0-9-]*)*(#[a-z0-9][a-z0-9-]*)?$/, 'must be an entry id, optionally with #anchor, such as "topics/mutual-aid#para-2"');

/** A date written YYYY-MM-DD, and a real one (not 2027-13-01 or 2027-02-30); YAML may already have made it a Date. */
export const isoDate = z
  .union([z.date(), z.iso.date({ error: 'must be a real date written YYYY-MM-DD, such as 2026-03-31' })])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));

export const reviewSchema = z
  .object({ owner: z.string().min(1).optional(), reviewed: isoDate.optional(), next: isoDate.optional() })
  .strict();

/** Markdown text that is a claim: it must cite (checked by the claim rule, not by the schema). */
export const claimText = z.string().trim().min(1, 'must not be empty');

/** The validated frontmatter every kind has. */
export interface BaseData {
  kind: string;
  title: string;
  summary: string;
  related: string[];
  aliases: string[];
  tags: string[];
  review?: { owner?: string; reviewed?: string; next?: string } | undefined;
  draft: boolean;
}

/** A frontmatter value that is a claim, parsed as inline Markdown and shown as its own anchor. */
export interface ClaimField {
  /** Dotted name for messages, e.g. `attributes.purpose`. */
  field: string;
  /** Path of the value in the frontmatter. */
  path: (string | number)[];
  value: string;
  /** Anchor of the value on the page, e.g. `attr-purpose`, `definition`. */
  anchor: string;
  kind: 'attribute' | 'definition';
}

/** A frontmatter value that names another entry (it is checked, and counts as a backlink). */
export interface EntryField {
  field: string;
  path: (string | number)[];
  target: string;
  fragment?: string;
  /** Attached policies are shown inside their target instead of linking to it. */
  relation?: 'link' | 'attach';
}

/** A frontmatter value that names a reference (it is checked and counts as a citation). */
export interface ReferenceField {
  field: string;
  path: (string | number)[];
  key: string;
  /** Listed among the entry's references (a standard's source) or not (a reading list item, which has its own list). */
  listed: boolean;
}

/** A fact shown at the top of an entry's page: plain text, or a narrative citation of a reference. */
export type Fact = { label: string; text: string } | { label: string; cite: string };

export interface KindContext {
  vocabularies: Vocabularies;
}

/**
 * Parts of an entry's page besides its facts and body, as data; the site renders each type
 * (src/components/Sections.astro) on the entry page and in the printed handbook alike.
 */
export type Section =
  /** A defined term: `<dl>` with the term and its (cited) definition. */
  | { type: 'definition'; term: string; anchor: string; html: string }
  /** Cited attributes as a description list ("At a glance"). */
  | { type: 'attributes'; heading: string; rows: { anchor: string; label: string; html: string }[] }
  /** A table whose cells are rendered Markdown. */
  | { type: 'table'; caption: string; columns: { title: string; href?: string }[]; rows: { label: string; cells: string[] }[] }
  /** A list of links to entries, with a lead-in ("Compared here: …"). */
  | { type: 'links'; lead: string; links: { title: string; href?: string }[] }
  /** An ordered list of readings: an entry (linked) or a reference (APA), each with an optional note. */
  | { type: 'readings'; heading: string; items: ({ kind: 'entry'; title: string; href?: string; label: string } | { kind: 'reference'; html: string })[]; notes: (string | undefined)[]; exports: { label: string; href: string; download?: boolean }[] }
  /** Text that is not a claim (learning objectives, discussion questions), shown as such. */
  | { type: 'exempt-list'; heading: string; note?: string; ordered: boolean; items: string[] };

/** What a kind may ask of the site when it builds its page sections. */
export interface PageTools {
  /** The rendered HTML of one of the entry's claim fields (inline Markdown, citations linked). */
  field(name: string): string;
  /**
   * Another entry: its title, the link to it (to `fragment` within it, if given; absent if it is
   * not published), its kind's label; undefined if there is no such entry.
   */
  entry(id: string, fragment?: string): { title: string; href?: string; kindLabel: string; kind: string; place(anchor: string): string } | undefined;
  /** One reference in APA 7, as HTML. */
  reference(key: string): string;
  /** A link to a path of the site (with its base; an absolute URL in the handbook, which is also a PDF). */
  url(path: string): string;
  /** The rendered HTML of another entry's claim field (a compared model's attribute). */
  fieldOf(id: string, name: string): string;
}

export interface KindDefinition<D extends BaseData = BaseData> {
  /** The value of `kind:` in the frontmatter. */
  name: string;
  label: { one: string; many: string };
  /** URL path of the kind's index page, e.g. `standards` → /standards/. */
  path: string;
  /** One line about the kind, on its index page and the home page. */
  blurb: string;
  /** The kind's own fields (the base fields are added). */
  fields(ctx: KindContext): z.ZodRawShape;
  /** Frontmatter values that are claims. */
  claimFields?(data: D): ClaimField[];
  /** Frontmatter values that name entries. */
  entryFields?(data: D): EntryField[];
  /** Frontmatter values that name references. */
  referenceFields?(data: D): ReferenceField[];
  /** Order of entries of this kind in lists and in the handbook (default: by title). */
  compare?(a: D, b: D, ctx: KindContext): number;
  /** Facts at the top of the page (besides review dates and tags, which every kind shows). */
  facts?(data: D): Fact[];
  /** Short line after the title in lists, e.g. "Sec. II.A.5 · pre-group". */
  card?(data: D): string;
  /** Search filters (besides kind and evidence), e.g. `{ phase: 'beginning' }`. */
  filters?(data: D): Record<string, string>;
  /** Place of the kind's part in the printed handbook (lower first); false to leave it out. */
  handbook: number | false;
  /** Listed in the site's navigation and on the home page (default true). */
  nav?: boolean;
  /** Shown inside the entry it attaches to rather than as a page of its own (local policies). */
  overlay?: boolean;
  /** A notice above the body, e.g. that a code has been superseded. */
  banner?(data: D): { text: string; cite?: string } | undefined;
  /** Parts of the page before the body (a definition, attributes, a comparison, readings). */
  sections?(data: D, tools: PageTools, entryId: string): Section[];
}

/** Declare a kind (keeps the data type of its functions). */
export function defineKind<D extends BaseData>(definition: KindDefinition<D>): KindDefinition<D> {
  return definition;
}

/** Sort by title: the default order within a kind. */
export const byTitle = (a: BaseData, b: BaseData): number => a.title.localeCompare(b.title);
