/**
 * Schema problems in words an author understands. Frontmatter and the handbook profile are
 * validated by zod; this error map (zod's own mechanism for custom messages) words each issue
 * for a person editing YAML ("must be a list", "is required", "must be one of: …"). A message a
 * schema sets itself (`.regex(…, 'must be an entry id such as …')`) wins over the map.
 */
import type { z } from 'astro/zod';

type Issue = z.core.$ZodRawIssue;

function describe(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (input instanceof Date) return 'a date';
  switch (typeof input) {
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true/false';
    case 'object':
      return 'a set of fields';
    default:
      return String(typeof input);
  }
}

const EXPECTED: Record<string, string> = {
  array: 'a list, e.g. `[a, b]`',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a set of `field: value` lines',
  date: 'a date',
};

export const errorMap = (issue: Issue): string | undefined => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describe(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${issue.input === undefined ? 'is required, and ' : ''}must be one of: ${issue.values.map(String).join(', ')}`;
    case 'invalid_union':
      return 'is not in any of the accepted forms';
    case 'invalid_format':
      return `is not a valid ${issue.format}`;
    default:
      return undefined;
  }
};

/** `items[2].entry` from zod's path `['items', 2, 'entry']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p))).join('.').replace(/\.\[/g, '[');
}
