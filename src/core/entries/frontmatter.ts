import { LineCounter, parseDocument } from 'yaml';
import { yamlPaths } from '../yaml-paths.ts';
import { bodyOf } from './entry.ts';
import type { Position } from '../problems.ts';

/**
 * Split a Markdown file into YAML frontmatter and body, keeping positions: the body is
 * returned with the frontmatter lines blanked, so every line and column the Markdown parser
 * reports is a line and column of the original file.
 */
export interface Frontmatter {
  /** Parsed YAML value (undefined when there is no frontmatter). */
  data: unknown;
  /** Body with the frontmatter replaced by as many empty lines. */
  body: string;
  /** Offset in the file where the body starts, and how many lines the frontmatter takes. */
  bodyStart: number;
  lines: number;
  /** Where each key path (joined with '.') starts in the file. */
  positionOf(path: (string | number)[]): Position;
  /** Where the value at a path starts (for strings: first character of the text). */
  valuePositionOf(path: (string | number)[]): Position | undefined;
  /** Syntax error in the YAML, if any. */
  error?: { message: string; at: Position };
  /** Present and delimited. */
  present: boolean;
}

const OPEN = /^---[ \t]*\r?\n/;

export function splitFrontmatter(text: string): Frontmatter {
  const open = OPEN.exec(text);
  if (!open) {
    return { data: undefined, body: text, bodyStart: 0, lines: 0, present: false, positionOf: () => ({ line: 1, column: 1 }), valuePositionOf: () => undefined };
  }
  const start = open[0].length;
  const close = /^(---|\.\.\.)[ \t]*$/m;
  close.lastIndex = 0;
  const rest = text.slice(start);
  const m = close.exec(rest);
  if (!m) {
    return {
      data: undefined,
      body: text,
      bodyStart: 0,
      lines: 0,
      present: true,
      error: { message: 'the frontmatter opened with `---` on line 1 is never closed', at: { line: 1, column: 1 } },
      positionOf: () => ({ line: 1, column: 1 }),
      valuePositionOf: () => undefined,
    };
  }
  const yamlText = rest.slice(0, m.index);
  const endOfClose = start + m.index + m[0].length;
  const fmLines = text.slice(0, endOfClose).split('\n').length - 1;
  const body = bodyOf({ text, bodyStart: endOfClose, frontmatterLines: fmLines });

  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // Lines inside the YAML are offset by the opening `---` line.
  const toPos = (offset: number): Position => {
    const p = counter.linePos(offset);
    return { line: p.line + 1, column: p.col };
  };
  const { positionOf, valuePositionOf } = yamlPaths(doc, toPos, { line: 2, column: 1 });

  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    return {
      data: undefined,
      body,
      bodyStart: endOfClose,
      lines: fmLines,
      present: true,
      error: { message: e.message.split('\n')[0]!, at: toPos(e.pos[0]) },
      positionOf,
      valuePositionOf,
    };
  }
  return { data: doc.toJS(), body, bodyStart: endOfClose, lines: fmLines, present: true, positionOf, valuePositionOf };
}
