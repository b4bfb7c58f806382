/**
 * Controlled vocabularies: the values a knowledge base allows in fields such as an ethics
 * entry's `code` (NASW, CASW, BASW, HCPC …) or a standard's `phase` (the stages of its own
 * practice model). They come from the knowledge base's configuration (`vocabularies:` in
 * groundwork.config.yaml); the social-work values are the default knowledge base's own
 * settings, not Groundwork's.
 *
 * A field whose vocabulary is configured accepts only its values (a typo gets "did you mean");
 * a field whose vocabulary is not configured accepts any non-empty text.
 */
import { z } from 'astro/zod';
import { nearest } from '../core/did-you-mean.ts';

export interface Vocabularies {
  /** Values by vocabulary name, in the configured order (which is also the sort order). */
  readonly lists: Readonly<Record<string, readonly string[]>>;
}


/** A zod string that must be one of the vocabulary's values (any text when none is configured). */
export function vocabularyField(vocabularies: Vocabularies, name: string): z.ZodType<string> {
  const values = vocabularies.lists[name];
  if (!values || values.length === 0) return z.string().trim().min(1, 'must not be empty');
  return z.string().superRefine((value, ctx) => {
    if (values.includes(value)) return;
    const guess = nearest(value, values);
    ctx.addIssue({
      code: 'custom',
      message: `\`${value}\` is not in the \`${name}\` vocabulary${guess ? ` (did you mean \`${guess}\`?)` : ''}; it allows: ${values.join(', ')}`,
      params: { vocabulary: name },
    });
  });
}

/** Position of a value in its vocabulary, for sorting (unknown values last). */
export function vocabularyOrder(vocabularies: Vocabularies, name: string, value: string): number {
  const i = vocabularies.lists[name]?.indexOf(value) ?? -1;
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}
