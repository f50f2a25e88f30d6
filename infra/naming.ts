import { createHash } from 'node:crypto';
import type { ResolvedExperiment } from '../experiments/schema/resolved.js';
import { UserError } from '../experiments/schema/user-error.js';

/** Lower-case letters, digits and single hyphens: valid in every vendor's function names. */
export function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/**
 * A vendor's limit on one kind of name, as the user should read it in an error: e.g.
 * `{ maxLength: 64, resource: 'AWS Lambda function names' }`. Each vendor folder defines its own.
 */
export interface NameLimit {
  readonly maxLength: number;
  readonly resource: string;
}

export interface ReplicaNameParts {
  readonly stack: string;
  readonly experimentTitle: string;
  readonly experimentFile: string;
  readonly subIndex: number;
  readonly replica: number;
}

const HEAD = (stack: string) => `fb-${slug(stack)}-`;
/** What a name spends besides the stack: `fb-`, the hyphen after the stack, and at least one title character. */
const AROUND_STACK = 'fb-'.length + '-'.length + 1;
const tail = (parts: Pick<ReplicaNameParts, 'experimentFile' | 'subIndex'> & { replica?: number }) =>
  `-${createHash('sha256').update(parts.experimentFile).digest('hex').slice(0, 4)}-s${parts.subIndex}${parts.replica === undefined ? '' : `-r${parts.replica}`}`;

/**
 * Physical name of one replica: `fb-<stack>-<experiment>-<file hash>-s<sub>-r<replica>`, at most
 * `limit.maxLength` characters (Lambda 64, Cloud Functions 63, Workers 63, Function Apps 60 minus
 * any suffix the vendor adds). The file hash keeps two experiments with the same title apart; the
 * stack name keeps two stacks in one account apart. Long titles are shortened, never the
 * distinguishing parts: a stack name that leaves no room is the user's to shorten.
 */
export function replicaName(parts: ReplicaNameParts, limit: NameLimit): string {
  return buildName(parts, tail(parts), limit);
}

/**
 * Name of something a sub-experiment has once (a hosting plan): `fb-<stack>-<experiment>-<file
 * hash>-s<sub>`, shortened as replicaName shortens.
 */
export function subExperimentName(parts: Omit<ReplicaNameParts, 'replica'>, limit: NameLimit): string {
  return buildName(parts, tail(parts), limit);
}

function buildName(parts: Omit<ReplicaNameParts, 'replica'> & { replica?: number }, end: string, limit: NameLimit): string {
  const head = HEAD(parts.stack);
  const room = limit.maxLength - head.length - end.length;
  if (room < 1) throw stackNameTooLong(parts.stack, limit, limit.maxLength - AROUND_STACK - end.length, where(parts));
  const title = slug(parts.experimentTitle).slice(0, room).replace(/-+$/, '');
  return `${head}${title}${end}`;
}

/**
 * Refuses, before anything is registered, a stack name that leaves no room in some replica's
 * name: the one with the longest distinguishing tail decides, so the limit the message gives is
 * the one that makes every replica of these experiments fit.
 */
export function checkReplicaNamesFit(stack: string, experiments: readonly ResolvedExperiment[], limit: NameLimit): void {
  let longest: { parts: ReplicaNameParts; tail: string } | null = null;
  for (const experiment of experiments) {
    for (const sub of experiment.subExperiments) {
      const parts = { stack, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica: sub.parallelism - 1 };
      const end = tail(parts);
      if (longest === null || end.length > longest.tail.length) longest = { parts, tail: end };
    }
  }
  if (longest === null) return;
  const maxStack = limit.maxLength - AROUND_STACK - longest.tail.length;
  if (slug(stack).length > maxStack) throw stackNameTooLong(stack, limit, maxStack, where(longest.parts));
}

function where(parts: Omit<ReplicaNameParts, 'replica'> & { replica?: number }): string {
  return parts.replica === undefined
    ? `${parts.experimentFile}, sub-experiment ${parts.subIndex}, whose name is fb-<stack>-<title>-<hash>-s<sub-experiment>,`
    : `${parts.experimentFile}, sub-experiment ${parts.subIndex}, replica ${parts.replica}, whose name is fb-<stack>-<title>-<hash>-s<sub-experiment>-r<replica>,`;
}

function stackNameTooLong(stack: string, limit: NameLimit, maxStack: number, how: string): UserError {
  const length = slug(stack).length;
  const spelled = slug(stack) === stack ? '' : ` (as a name: "${slug(stack)}")`;
  const room = maxStack < 1 ? 'leaves no room for any stack name' : `leaves room for a stack name of at most ${maxStack} characters`;
  return new UserError(
    `Stack name "${stack}"${spelled} is ${length} characters long, too long for ${limit.resource} (at most ${limit.maxLength} characters): ` +
      `${how} ${room}. Use a shorter stack name (pulumi stack rename, or pulumi stack init with a shorter name).`,
  );
}
