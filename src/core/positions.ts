import { location } from 'vfile-location';
import type { Position } from './problems.ts';

/**
 * Line and column (1-based) of offsets in one text, for reporting problems. Built on
 * vfile-location (the unified collective's converter), which indexes the line starts once and
 * then answers each offset by binary search. Offsets past the end clamp to the end.
 */
export function positionsIn(text: string): (offset: number) => Position {
  const where = location(text);
  return (offset) => {
    const point = where.toPoint(Math.max(0, Math.min(offset, text.length)));
    return point ? { line: point.line, column: point.column } : { line: 1, column: 1 };
  };
}
