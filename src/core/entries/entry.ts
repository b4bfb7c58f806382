/** An entry as the pipeline knows it: its validated frontmatter and what its Markdown says. */
import type { BaseData } from '../../kinds/define.ts';
import type { CitationUse, Claim, HeadingInfo, LinkUse } from '../markdown/nodes.ts';
import type { Position } from '../problems.ts';

/** A frontmatter value that is a claim (a model attribute, a glossary definition). */
export interface FieldClaim {
  /** Dotted name, e.g. `attributes.purpose`. */
  field: string;
  /** The Markdown as written. */
  value: string;
  /** Its anchor on the page, e.g. `attr-purpose`. */
  anchor: string;
  kind: 'attribute' | 'definition';
  /** Where the value starts in the file. */
  at: Position;
}

export type EntryData = BaseData & Record<string, unknown>;

export interface Entry {
  /** The path under the content folder without extension, in lower case (`topics/mutual-aid`). */
  id: string;
  /** Path relative to the knowledge base root, for problems. */
  file: string;
  kind: string;
  /** The frontmatter as validated (and defaulted) by the kind's schema. */
  data: EntryData;
  mdx: boolean;
  /** The raw file (for the privacy rules), and where its body starts. */
  text: string;
  bodyStart: number;
  /** Lines the frontmatter takes (blanked in the body, so that body lines are file lines). */
  frontmatterLines: number;
  headings: HeadingInfo[];
  claims: Claim[];
  /** Every valid `#fragment`: heading slugs, claim anchors, field anchors. */
  anchors: Set<string>;
  /** Citations in the body, in claim fields and in reference-naming fields. */
  citations: CitationUse[];
  /** Links in the body and claim fields, and entry-naming fields. */
  links: LinkUse[];
  fields: FieldClaim[];
  /** Where each of `data.aliases` is written. */
  aliasAt: Position[];
  /** Where `review.next` is written. */
  reviewAt?: Position;
}

/** The body as the Markdown parser reads it: the frontmatter's lines kept, blank. */
export function bodyOf(entry: Pick<Entry, 'text' | 'bodyStart' | 'frontmatterLines'>): string {
  return '\n'.repeat(entry.frontmatterLines) + entry.text.slice(entry.bodyStart);
}

/**
 * An entry id as part of an HTML id: `topics/mutual-aid` → `topics--mutual-aid`. The double
 * hyphen keeps `topics/a-b` and `topics-a/b` apart. Every id made from an entry's id (its anchor
 * in the handbook, a glossary preview, a policy's note, a cited entry) uses it.
 */
export function idPart(entryId: string): string {
  return entryId.replace(/\//g, '--');
}
