/**
 * Content files must be UTF-8: the first byte that is not is reported at its line and column
 * (columns count UTF-16 code units, as editors and the other problems do), with the byte.
 */
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../src/core/files.ts';
import type { Problem } from '../../../src/core/problems.ts';

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

function decode(b: Uint8Array) {
  const problems: Problem[] = [];
  const text = decodeUtf8(b, 'content/topics/t.md', problems);
  return { text, problems: problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.rule} ${p.message}`) };
}

describe('decodeUtf8', () => {
  it('valid UTF-8 is its text, without a byte-order mark', () => {
    expect(decode(bytes('Café — 😀\n'))).toEqual({ text: 'Café — 😀\n', problems: [] });
    expect(decode(bytes([0xef, 0xbb, 0xbf], 'Title\n'))).toEqual({ text: 'Title\n', problems: [] });
  });

  it('a Latin-1 byte after accented letters: its line and column, and the byte', () => {
    expect(decode(bytes('---\ntitle: A\n---\n\nCafé ', [0xe9], 't\n')).problems).toEqual([
      'content/topics/t.md:5:6 file/encoding the file is not valid UTF-8 text: the byte 0xE9 here is not UTF-8 (the file may be in Latin-1 or Windows-1252)',
    ]);
  });

  it('an emoji before it counts two columns (UTF-16 code units)', () => {
    expect(decode(bytes('😀 ', [0x92], '\n')).problems).toEqual([expect.stringMatching(/^content\/topics\/t\.md:1:4 file\/encoding .* 0x92 /)]);
  });

  it('a multi-byte sequence cut short is reported where it starts', () => {
    expect(decode(bytes('ab', [0xe2, 0x82])).problems).toEqual([expect.stringMatching(/:1:3 file\/encoding .* 0xE2 /)]);
    expect(decode(bytes('ab', [0xe2, 0x82], 'c')).problems).toEqual([expect.stringMatching(/:1:3 file\/encoding .* 0xE2 /)]);
  });

  it('overlong forms and surrogates are not UTF-8', () => {
    expect(decode(bytes('x', [0xc0, 0xaf])).problems).toEqual([expect.stringMatching(/:1:2 file\/encoding .* 0xC0 /)]);
    expect(decode(bytes('x\ny', [0xed, 0xa0, 0x80])).problems).toEqual([expect.stringMatching(/:2:2 file\/encoding .* 0xED /)]);
  });
});
