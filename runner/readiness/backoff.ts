/**
 * The pure half of readiness: how long to wait before the next attempt, and when to stop. Time
 * and randomness are passed in, so the decisions are tested against a fake clock; the HTTP half
 * (got, in poll-endpoint.ts) only asks these functions.
 */

export interface ReadinessPolicy {
  /** Longest wait per endpoint, first attempt to giving up. */
  readonly budgetMs: number;
  /** One attempt unanswered this long counts as not ready (a host still starting may hang). */
  readonly attemptTimeoutMs: number;
  /** Delay before the first retry; each further retry waits `factor` times longer, up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly factor: number;
  readonly maxDelayMs: number;
}

/**
 * Defaults sized for what a fresh deploy goes through: IAM and DNS propagation of a Function URL
 * (seconds to a minute), an Azure Function App host starting (up to a few minutes).
 */
export const DEFAULT_READINESS_POLICY: ReadinessPolicy = {
  budgetMs: 10 * 60_000,
  attemptTimeoutMs: 30_000,
  initialDelayMs: 500,
  factor: 2,
  maxDelayMs: 15_000,
};

/**
 * Delay before retry number `retry` (1 for the first retry): exponential, capped, with "equal
 * jitter" (half fixed, half random) so that a hundred endpoints polled together do not stay in
 * lock-step against one cold front end. `random` is uniform in [0, 1).
 */
export function backoffDelayMs(retry: number, policy: ReadinessPolicy, random: () => number): number {
  if (!Number.isInteger(retry) || retry < 1) throw new RangeError(`retry must be a whole number from 1, got ${retry}`);
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.factor ** (retry - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** What one attempt showed. */
export type AttemptOutcome =
  | { readonly kind: 'ready' }
  /** Worth another try: the platform is still propagating or starting. */
  | { readonly kind: 'not-ready'; readonly what: string }
  /** The function itself answered and refused us (wrong token, bad request): waiting will not help. */
  | { readonly kind: 'refused'; readonly what: string };

/** An attempt that did not find the endpoint ready. */
export type FailedAttempt = Exclude<AttemptOutcome, { kind: 'ready' }>;

export type NextStep =
  | { readonly kind: 'retry'; readonly delayMs: number }
  | { readonly kind: 'give-up'; readonly reason: string };

/**
 * After a failed attempt: retry after a backoff delay, or give up when the function refused us or
 * when the retry would start after the budget is spent. `elapsedMs` counts from the first attempt.
 */
export function nextStep(
  state: { readonly retry: number; readonly elapsedMs: number; readonly outcome: FailedAttempt },
  policy: ReadinessPolicy,
  random: () => number,
): NextStep {
  const attempts = state.retry;
  if (state.outcome.kind === 'refused') {
    return { kind: 'give-up', reason: `the function refused the stack's request (${state.outcome.what}); waiting will not change that` };
  }
  const delayMs = backoffDelayMs(state.retry, policy, random);
  if (state.elapsedMs + delayMs >= policy.budgetMs) {
    return {
      kind: 'give-up',
      reason: `not ready after ${formatSeconds(state.elapsedMs)} and ${attempts} attempt${attempts === 1 ? '' : 's'} (budget ${formatSeconds(policy.budgetMs)}); last answer: ${state.outcome.what}`,
    };
  }
  return { kind: 'retry', delayMs };
}

export function formatSeconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
