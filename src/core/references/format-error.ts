/**
 * The error formatting throws for a source that cannot be cited or listed (`CitationFormatError`),
 * for the caller to report where the citation or reference list is.
 */

export type CitationFormatReason = 'unknown-key' | 'format-failed';

/** A source that cannot be cited or listed: no reference has the key, or citeproc-js failed on it. */
export class CitationFormatError extends Error {
  readonly key: string;
  readonly reason: CitationFormatReason;
  /** What went wrong, for `format-failed`. */
  readonly detail: string | undefined;
  constructor(key: string, reason: CitationFormatReason, detail?: string) {
    super(
      reason === 'unknown-key'
        ? `no reference has the key \`${key}\``
        : `the reference \`${key}\` could not be formatted in APA style${detail ? `: ${detail}` : ''}`,
    );
    this.name = 'CitationFormatError';
    this.key = key;
    this.reason = reason;
    this.detail = detail;
  }
}

/** The first line of an error's message, for the detail of a `CitationFormatError`. */
export function errorMessage(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim();
}
