import type { StackListing } from '../stack/backend.js';

/**
 * Which stacks the sweeper destroys, decided from the stack list alone (pure, tested offline).
 * It only ever touches stacks the pipeline names: `<prefix>…` run stacks (default `bench-`) and
 * `pr-<number>-<vendor>` preview stacks; a person's `dev` stack is never a candidate.
 */
export interface SweepRules {
  /** Run stacks whose last update is older than this are leftovers; null: age alone sweeps nothing. */
  readonly olderThanMs: number | null;
  /** Name prefixes of the pipeline's run stacks. */
  readonly prefixes: readonly string[];
  /** Pull requests that are closed or merged: their preview stacks are leftovers, whatever their age. */
  readonly closedPrs: ReadonlySet<number>;
  /** Exactly these stacks (CI's safety net after a job, a preview teardown). */
  readonly stacks: ReadonlySet<string>;
}

export interface SweepDecision {
  readonly name: string;
  readonly sweep: boolean;
  readonly why: string;
  /** A lock from an update that did not end: cancel before destroying. */
  readonly staleLock: boolean;
}

export const PREVIEW_STACK = /^pr-(\d+)-([a-z0-9]+)$/;

export function previewStackName(pr: number, vendor: string): string {
  return `pr-${pr}-${vendor}`;
}

/** One decision per stack the pipeline could own; stacks it never names are left out entirely. */
export function selectLeftovers(stacks: readonly StackListing[], rules: SweepRules, now: Date): SweepDecision[] {
  const decisions: SweepDecision[] = [];
  for (const stack of stacks) {
    const ageMs = stack.lastUpdate === null ? null : now.getTime() - stack.lastUpdate.getTime();
    const age = ageMs === null ? 'age unknown' : `last updated ${formatAge(ageMs)} ago`;
    const preview = PREVIEW_STACK.exec(stack.name);
    const isRun = rules.prefixes.some((prefix) => stack.name.startsWith(prefix));
    const old = rules.olderThanMs !== null && ageMs !== null && ageMs > rules.olderThanMs;
    let why: string | null = null;
    if (rules.stacks.has(stack.name)) why = 'named on the command line';
    else if (preview !== null && rules.closedPrs.has(Number(preview[1]))) why = `pull request #${preview[1]} is closed`;
    else if (isRun && old) why = `${age}, more than ${formatAge(rules.olderThanMs ?? 0)}`;
    if (why === null) {
      if (!isRun && preview === null) continue;
      decisions.push({ name: stack.name, sweep: false, why: preview !== null ? `pull request #${preview[1]} is open (${age})` : age, staleLock: false });
      continue;
    }
    // An update in progress on a young stack may be a pipeline running right now: leave it alone.
    if (stack.updateInProgress && !old && !rules.stacks.has(stack.name)) {
      decisions.push({ name: stack.name, sweep: false, why: `an update is in progress (${age})`, staleLock: false });
      continue;
    }
    decisions.push({ name: stack.name, sweep: true, why, staleLock: stack.updateInProgress });
  }
  return decisions;
}

/** The closed pull requests from `gh pr list --state closed --json number` output, a JSON list of numbers, or one number a line. */
export function parseClosedPrs(text: string, source: string): Set<number> {
  const trimmed = text.trim();
  if (trimmed === '') return new Set();
  let values: unknown[];
  if (trimmed.startsWith('[')) {
    try {
      values = JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
    }
  } else {
    values = trimmed.split(/\s+/);
  }
  const numbers = new Set<number>();
  for (const value of values) {
    const n = typeof value === 'object' && value !== null && 'number' in value ? (value as { number: unknown }).number : value;
    const parsed = typeof n === 'string' ? Number(n) : n;
    if (typeof parsed !== 'number' || !Number.isInteger(parsed) || parsed < 1) {
      throw new Error(`${source} holds ${JSON.stringify(value)}, which is not a pull request number`);
    }
    numbers.add(parsed);
  }
  return numbers;
}

export function formatAge(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours >= 48) return `${Math.round(hours / 24)} d`;
  if (hours >= 1) return `${Math.round(hours)} h`;
  return `${Math.max(0, Math.round(ms / 60_000))} min`;
}
