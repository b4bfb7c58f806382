/**
 * A reference's `URL` becomes a link in every reference list that holds it, so it must be a web
 * address. Reference-manager libraries hold what people typed: `www.example.org/report` (no
 * scheme; read as https://, as a browser would), `hhtp://…` (a typo), now and then something
 * hostile (`javascript:`). A value that is not a web address is left out of the reference, with
 * a warning at the entry: the reference still loads and prints, and no unsafe link is written.
 */
import { problem, type Problem } from '../problems.ts';
import type { Candidate } from './load.ts';
import { RULES } from './rule-ids.ts';

export function checkUrl(c: Candidate, problems: Problem[]): void {
  const value = c.csl['URL'];
  if (value === undefined) return;
  const url = typeof value === 'string' ? value.trim() : '';
  if (/^https?:\/\/[^\s/]/i.test(url)) {
    c.csl['URL'] = url;
    return;
  }
  if (/^www\.[^\s/]+\.[^\s]*$/i.test(url)) {
    c.csl['URL'] = `https://${url}`;
    return;
  }
  delete c.csl['URL'];
  const field = c.format === 'bibtex' ? '`url`' : '`URL`';
  problems.push(
    problem(
      c.file,
      c.at,
      'warning',
      RULES.unsafeUrl,
      `the ${field} of \`${c.key}\` is not a web address, so the reference is printed without it: \`${url.slice(0, 60)}\``,
      'write an address that starts with https:// (or http://), or remove the field',
    ),
  );
}
