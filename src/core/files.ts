/**
 * Reading a knowledge base's files: bounded in size, decoded as UTF-8 with the first bad byte
 * reported where it is.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { positionsIn } from './positions.ts';
import { problem, type Problem } from './problems.ts';
import { hexByte, strictUtf8 } from './utf8.ts';

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
  const decoded = strictUtf8(bytes);
  if ('text' in decoded) return decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
  // Where the bad byte is: the end of the valid text before it (a broken multi-byte sequence is
  // reported where it starts).
  const at = positionsIn(decoded.before)(decoded.before.length);
  problems.push(
    problem(path, at, 'error', 'file/encoding', `the file is not valid UTF-8 text: the byte ${hexByte(bytes[decoded.bad]!)} here is not UTF-8 (the file may be in Latin-1 or Windows-1252)`, 'save it as UTF-8 (in most editors: "Save with encoding" → UTF-8)'),
  );
  return undefined;
}
