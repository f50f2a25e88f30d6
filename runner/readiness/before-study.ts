import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import { UserError } from '../../experiments/schema/index.js';
import { DEFAULT_READINESS_POLICY } from './backoff.js';
import { type ReadinessLogger, waitForEndpoints } from './wait-for-endpoints.js';

/**
 * The bench run's readiness step (`--wait-ready DURATION`), between getting the endpoints and
 * calibrating: null when every endpoint of the sub-experiments about to run answered the
 * contract, else why not (which endpoint, what it last answered). Its requests go to run.log only, never to latencies.csv. Since rounds are scheduled
 * from the study's start (after calibration), the first round leaves at least one IAT after the
 * last readiness request, so a cold-start study's first round is as cold as its IAT makes it.
 */
export async function readyBeforeStudy(
  experiment: ResolvedExperiment,
  endpoints: ExperimentOutput,
  token: string,
  budgetMs: number,
  logger: ReadinessLogger,
  signal: AbortSignal,
): Promise<string | null> {
  const report = await waitForEndpoints({
    endpoints,
    subExperimentIndexes: experiment.subExperiments.map((sub) => sub.index),
    token,
    policy: { ...DEFAULT_READINESS_POLICY, budgetMs, attemptTimeoutMs: Math.min(DEFAULT_READINESS_POLICY.attemptTimeoutMs, budgetMs) },
    logger,
    signal,
  });
  return report.ready ? null : (report.problem ?? 'an endpoint is not ready');
}

/** `--wait-ready 10m` → ms; "0" turns the wait off (null). */
export function parseWaitReady(text: string): number | null {
  if (text === '0') return null;
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (match === null) {
    throw new UserError(`--wait-ready ${text} is not a duration: write a number with a unit (ms, s, m, h), such as 10m, or 0 for no wait.`);
  }
  const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[match[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(match[1]) * unitMs;
}
