import { describe, expect, it } from 'vitest';
import { decodeReferenceBytes } from '../../../src/core/references/decode.ts';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

describe('decodeReferenceBytes', () => {
  it('UTF-8 as it is; a byte-order mark is dropped', () => {
    expect(decodeReferenceBytes(Buffer.from('@book{a, author = {Müller, Jörg}}', 'utf8'))).toEqual({
      text: '@book{a, author = {Müller, Jörg}}',
      encoding: 'utf-8',
      problems: [],
    });
    expect(decodeReferenceBytes(bytes([0xef, 0xbb, 0xbf], '[]')).text).toBe('[]');
  });

  it('UTF-16 with its byte-order mark (Notepad\u2019s "Unicode")', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('@book{é}', 'utf16le')]);
    expect(decodeReferenceBytes(le)).toEqual({ text: '@book{é}', encoding: 'utf-16le', problems: [] });
  });

  it('not UTF-8: Windows-1252, with a warning at the first byte that is not UTF-8', () => {
    const decoded = decodeReferenceBytes(bytes('% x\n@book{a,\n  author = {Beno', [0xee], 't}, note = {it', [0x92], 's}}'), 'references/old.bib');
    expect(decoded.text).toBe('% x\n@book{a,\n  author = {Benoît}, note = {it’s}}');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.problems).toEqual([
      {
        file: 'references/old.bib',
        line: 3,
        column: 17,
        severity: 'warning',
        rule: 'reference/encoding',
        message: 'the file is not UTF-8; it was read as Windows-1252 (Latin-1), so the byte 0xEE here is `î`',
        hint: 'check the accented letters, then save the file as UTF-8 (JabRef: File → Library properties → Encoding; Zotero exports are UTF-8), or add `% Encoding: windows-1252` as its first line',
      },
    ]);
  });

  it('a truncated or overlong UTF-8 sequence is not UTF-8 either', () => {
    expect(decodeReferenceBytes(bytes('ab', [0xc3])).encoding).toBe('windows-1252');
    expect(decodeReferenceBytes(bytes('ab', [0xc0, 0xaf])).encoding).toBe('windows-1252');
    expect(decodeReferenceBytes(bytes('ab', [0xed, 0xa0, 0x80])).encoding).toBe('windows-1252');
    expect(decodeReferenceBytes(bytes('ab', [0xf0, 0x9f, 0x98, 0x80])).encoding).toBe('utf-8');
  });

  it('a JabRef `% Encoding:` line is obeyed without a warning', () => {
    expect(decodeReferenceBytes(bytes('% Encoding: ISO8859_1\n@book{a, author = {Garc', [0xed], 'a}}'))).toEqual({
      text: '% Encoding: ISO8859_1\n@book{a, author = {García}}',
      encoding: 'windows-1252',
      problems: [],
    });
    expect(decodeReferenceBytes(bytes('% Encoding: Cp1250\n{', [0x9a], '}')).text).toBe('% Encoding: Cp1250\n{š}');
    // An unknown name is ignored: the bytes decide.
    expect(decodeReferenceBytes(Buffer.from('% Encoding: nonsense\né', 'utf8')).encoding).toBe('utf-8');
  });
});
