/**
 * Reading a knowledge base's files: bounded in size, decoded as UTF-8 with the first bad byte
 * reported where it is.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { problem, type Problem } from './problems.ts';

export const MAX_FILE_BYTES = 1024 * 1024;

/** A path relative to the knowledge base root, with forward slashes (for problems and ids). */
export function rel(root: string, path: string): string {
  return relative(root, path).split(sep).join('/');
}

/** The bytes of a file, unless it cannot be read or is too large (then a problem says so). */
export function readBytes(absPath: string, path: string, problems: Problem[]): Buffer | undefined {
  let size = 0;
  try {
    size = statSync(absPath).size;
  } catch {
    problems.push(problem(path, undefined, 'error', 'file/unreadable', 'the file cannot be read', 'check that it exists and is readable'));
    return undefined;
  }
  if (size > MAX_FILE_BYTES) {
    problems.push(
      problem(path, undefined, 'error', 'file/too-large', `the file is ${(size / 1024 / 1024).toFixed(1)} MB; entries may be at most ${MAX_FILE_BYTES / 1024 / 1024} MB`, 'split it into several entries, or remove embedded data'),
    );
    return undefined;
  }
  try {
    return readFileSync(absPath);
  } catch {
    problems.push(problem(path, undefined, 'error', 'file/unreadable', 'the file cannot be read', 'check that it exists and is readable'));
    return undefined;
  }
}

/** UTF-8 text without a byte-order mark; a problem pointing at the first bad byte otherwise. */
export function decodeUtf8(bytes: Uint8Array, path: string, problems: Problem[]): string | undefined {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // Find the first bad byte to say where: a streaming decoder fails exactly where a byte
    // cannot continue the text; the column counts characters, and a broken multi-byte
    // sequence is reported where it starts.
    let line = 1;
    let column = 1;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let bad = bytes.length - 1;
    let start = -1;
    for (let i = 0; i < bytes.length; i++) {
      let chars: string;
      try {
        chars = decoder.decode(bytes.subarray(i, i + 1), { stream: true });
      } catch {
        bad = start >= 0 ? start : i;
        break;
      }
      if (chars === '') {
        if (start < 0) start = i;
        continue;
      }
      start = -1;
      if (bytes[i] === 0x0a) {
        line++;
        column = 1;
      } else column += [...chars].length;
    }
    if (start >= 0) bad = start;
    const byte = `0x${bytes[bad]!.toString(16).toUpperCase().padStart(2, '0')}`;
    problems.push(
      problem(path, { line, column }, 'error', 'file/encoding', `the file is not valid UTF-8 text: the byte ${byte} here is not UTF-8 (the file may be in Latin-1 or Windows-1252)`, 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)'),
    );
    return undefined;
  }
}
