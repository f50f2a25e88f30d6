import { createHash } from 'node:crypto';

/** Lower-case letters, digits and single hyphens: valid in every vendor's function names. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/**
 * Physical name of one replica: `fb-<stack>-<experiment>-<file hash>-s<sub>-r<replica>`, at most
 * `maxLength` characters (Lambda 64, Cloud Functions 63, Workers 63, Function Apps 60 minus any
 * suffix the vendor adds). The file hash keeps two experiments with the same title apart; the stack
 * name keeps two stacks in one account apart. Long titles are shortened, never the distinguishing
 * parts.
 */
export function replicaName(
  parts: { stack: string; experimentTitle: string; experimentFile: string; subIndex: number; replica: number },
  maxLength: number,
): string {
  const fileHash = createHash('sha256').update(parts.experimentFile).digest('hex').slice(0, 4);
  const tail = `-${fileHash}-s${parts.subIndex}-r${parts.replica}`;
  const head = `fb-${slug(parts.stack)}-`;
  const room = maxLength - head.length - tail.length;
  if (room < 1) throw new Error(`cannot fit a replica name in ${maxLength} characters`);
  const title = slug(parts.experimentTitle).slice(0, room).replace(/-+$/, '');
  return `${head}${title}${tail}`;
}
