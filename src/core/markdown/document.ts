/**
 * The document a plugin is working on: its source text, line:column of any offset in it, and
 * the document data bag. Built once per document and shared by Groundwork's plugins (the
 * source and its line index are asked for by every citation and link).
 */
import type { MdastVisitorContext } from 'satteri';
import type { Position } from '../problems.ts';
import { positionsIn } from '../positions.ts';

export interface DocumentSource {
  text: string;
  position(offset: number): Position;
  data: Record<string, unknown>;
}

const KEY = Symbol.for('groundwork.document');

export function documentSource(ctx: MdastVisitorContext): DocumentSource {
  const data = ctx.data as Record<string | symbol, unknown>;
  let doc = data[KEY] as DocumentSource | undefined;
  if (!doc) {
    const text = ctx.source;
    let at: ((offset: number) => Position) | undefined;
    doc = {
      text,
      position: (offset) => (at ??= positionsIn(text))(offset),
      data: ctx.data as Record<string, unknown>,
    };
    data[KEY] = doc;
  }
  return doc;
}
