import { open } from 'node:fs/promises';
import { UserError } from './user-error.js';

/**
 * Reading a user's JSON file safely: size cap before reading, a byte-order mark accepted (editors
 * on Windows write one), nesting depth checked before anything recursive (zod, JSON.stringify)
 * walks the value, and every failure a UserError naming the file.
 */

/** Deeper than any faasbench or STeLLAR file needs (they use 5 levels); deep enough for hand edits. */
export const MAX_JSON_DEPTH = 32;

const BOM = '\uFEFF';

/** Reads a text file of at most `maxBytes`; `what` names it in messages ("Experiment file x.json"). */
export async function readTextFile(file: string, what: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    throw new UserError(`${what} cannot be read: ${describeReadError(error)}.`);
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new UserError(`${what} cannot be read: it is a folder.`);
    if (info.size > maxBytes) {
      throw new UserError(`${what} is ${formatBytes(info.size)}; faasbench reads files of at most ${formatBytes(maxBytes)}. Is it the right file?`);
    }
    return await handle.readFile('utf8');
  } catch (error) {
    if (UserError.is(error)) throw error;
    throw new UserError(`${what} cannot be read: ${describeReadError(error)}.`);
  } finally {
    await handle.close();
  }
}

/** Parses JSON text from a file; `what` names it in messages. */
export function parseJsonText(text: string, what: string): unknown {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  const tooDeep = firstTooDeep(body, MAX_JSON_DEPTH);
  if (tooDeep !== null) {
    throw new UserError(
      `${what} nests lists and objects more than ${MAX_JSON_DEPTH} levels deep (line ${tooDeep.line}); faasbench files need at most a few levels. Is it the right file?`,
    );
  }
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    throw new UserError(`${what} is not valid JSON: ${(error as Error).message}.`);
  }
}

/** Where nesting first exceeds `limit` (brackets inside strings do not count), or null. */
export function firstTooDeep(text: string, limit: number): { line: number } | null {
  let depth = 0;
  let line = 1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {
      if (++depth > limit) return { line };
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return null;
}

function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES') return 'permission denied';
  return String(code ?? error);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
}
