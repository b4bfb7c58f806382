/**
 * Turn the bytes of a reference file into text. Reference managers do not all write UTF-8:
 * JabRef and BibTeX files edited on Windows are often Windows-1252 (a superset of Latin-1),
 * and Notepad's "Unicode" is UTF-16. Content files must be UTF-8; reference files are decoded
 * so that a library exported years ago still loads.
 */
import { problem, type Problem } from '../problems.ts';
import { positionsIn } from '../positions.ts';
import { hexByte, strictUtf8 } from '../utf8.ts';
import { RULES } from './rule-ids.ts';

export type ReferenceEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | (string & {});

export interface DecodedReferences {
  /** The text, without a byte-order mark. */
  text: string;
  /** The encoding the bytes were read as (a WHATWG label). */
  encoding: ReferenceEncoding;
  /** A warning when the encoding was guessed (see `decodeReferenceBytes`). */
  problems: Problem[];
}

/** JabRef's first line, `% Encoding: windows-1252` (also `ISO8859_1`, `UTF-8`). */
const DECLARED = /^%\s*Encoding:\s*([\w.:-]+)/i;

/**
 * Windows-1252's characters for the bytes 0x80–0x9F (curly quotes, dashes, €, …); undefined
 * bytes stay as they are. Node's TextDecoder decodes `windows-1252` as ISO-8859-1, where these
 * bytes are invisible control characters (checked with Node 24), so they are mapped here.
 */
const CP1252 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252[c.charCodeAt(0) - 0x80]!);
}

/** A JabRef / Java charset name as a WHATWG label TextDecoder knows, or undefined. */
function label(name: string): string | undefined {
  const candidates = [name, name.replace(/_/g, '-'), name.replace(/^ISO-?8859[-_]?(\d+)$/i, 'iso-8859-$1'), name.replace(/^Cp(\d+)$/i, 'windows-$1')];
  for (const candidate of candidates) {
    try {
      return new TextDecoder(candidate).encoding;
    } catch {
      // not a label: try the next spelling
    }
  }
  return undefined;
}

/**
 * Decode a reference file:
 * - a byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE), and is dropped;
 * - a JabRef `% Encoding: <charset>` first line is obeyed, silently: the file says what it is;
 * - valid UTF-8 is UTF-8;
 * - anything else is read as Windows-1252, with a warning (`reference/encoding`) at the first
 *   byte that is not UTF-8. The guess is right for Western European exports, but a file in
 *   another single-byte encoding (Central European, Mac Roman) would load with wrong letters,
 *   so the author is told to check the names there, or to save the file as UTF-8.
 * Never throws.
 */
export function decodeReferenceBytes(bytes: Uint8Array, path = ''): DecodedReferences {
  const decode = (encoding: string, from = 0) =>
    encoding === 'windows-1252' ? decodeWindows1252(bytes.subarray(from)) : new TextDecoder(encoding).decode(bytes.subarray(from));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decode('utf-8', 3), encoding: 'utf-8', problems: [] };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decode('utf-16le', 2), encoding: 'utf-16le', problems: [] };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decode('utf-16be', 2), encoding: 'utf-16be', problems: [] };
  const head = new TextDecoder('windows-1252').decode(bytes.subarray(0, 200));
  const declared = DECLARED.exec(head);
  const named = declared ? label(declared[1]!) : undefined;
  if (named) return { text: decode(named), encoding: named, problems: [] };
  const utf8 = strictUtf8(bytes);
  if ('text' in utf8) return { text: utf8.text, encoding: 'utf-8', problems: [] };
  const { bad } = utf8;
  // Windows-1252 is one byte per character, so the byte index is the character index.
  const text = decode('windows-1252');
  const byte = hexByte(bytes[bad]!);
  return {
    text,
    encoding: 'windows-1252',
    problems: [
      problem(
        path,
        positionsIn(text)(bad),
        'warning',
        RULES.encoding,
        `the file is not UTF-8; it was read as Windows-1252 (Latin-1), so the byte ${byte} here is \`${text[bad]}\``,
        'check the accented letters, then save the file as UTF-8 (JabRef: File → Library properties → Encoding; Zotero exports are UTF-8), or add `% Encoding: windows-1252` as its first line',
      ),
    ],
  };
}
