/**
 * Strict UTF-8: the text, or where the first byte that is not UTF-8 is. Content files must be
 * UTF-8 (`file/encoding`); reference files that are not are read as Windows-1252 with a warning
 * (`reference/encoding`). Both report the first bad byte, found here.
 */

/** Index of the first byte that is not UTF-8 (the start of its sequence), or -1. */
function firstNonUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return i;
    for (let k = 1; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, surrogates and code points past U+10FFFF are not UTF-8 either.
    if ((b === 0xe0 && bytes[i + 1]! < 0xa0) || (b === 0xed && bytes[i + 1]! >= 0xa0)) return i;
    if ((b === 0xf0 && bytes[i + 1]! < 0x90) || (b === 0xf4 && bytes[i + 1]! >= 0x90)) return i;
    i += length;
  }
  return -1;
}

/**
 * The bytes as UTF-8 text (a byte-order mark kept), or the index of the first byte that is not
 * UTF-8 and the valid text before it. The native decoder answers for valid files; the byte scan
 * runs only to locate a fault.
 */
export function strictUtf8(bytes: Uint8Array): { text: string } | { bad: number; before: string } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const bad = firstNonUtf8(bytes);
    return { bad, before: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(0, bad)) };
  }
}

/** `0xE9`: a byte as a report shows it. */
export function hexByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}
