import type { ExperimentOutput } from '../../infra/outputs.js';
import { formatSeconds, type ReadinessPolicy } from './backoff.js';
import { pollEndpoint, type PollResult } from './poll-endpoint.js';

/** The part of a winston logger readiness writes to (run.log and the console). */
export interface ReadinessLogger {
  log(level: 'info' | 'warn' | 'error', message: string, meta: Record<string, unknown>): unknown;
}

export interface EndpointReadiness {
  readonly subExperimentIndex: number;
  readonly subExperiment: string;
  readonly endpointIndex: number;
  readonly result: PollResult;
}

export interface ReadinessReport {
  /** Every endpoint answered the contract. */
  readonly ready: boolean;
  readonly endpoints: readonly EndpointReadiness[];
  /** Requests sent while waiting; none of them is a measurement. */
  readonly requests: number;
  readonly waitedMs: number;
  /** Wall clock when the last readiness request was over: the study starts after it. */
  readonly lastRequestEndedAtEpochMs: number;
  /** Why not ready, naming the endpoint; null when ready. */
  readonly problem: string | null;
}

export interface WaitOptions {
  readonly endpoints: ExperimentOutput;
  /** Only these sub-experiments run (after --only); their endpoints are the ones polled. */
  readonly subExperimentIndexes: readonly number[];
  readonly token: string;
  readonly policy: ReadinessPolicy;
  readonly logger: ReadinessLogger;
  readonly signal: AbortSignal;
  /** Endpoints polled at once; a 500-replica study is polled in waves. */
  readonly concurrency?: number;
  readonly now?: () => number;
  readonly random?: () => number;
}

const DEFAULT_CONCURRENCY = 16;

/**
 * Waits until every endpoint of the sub-experiments about to run answers the contract with the
 * stack's token, or one of them cannot: then the others are abandoned, since the study will not
 * start anyway. What happens goes to the logger (run.log): a line when an endpoint's answer
 * changes, one per endpoint at the end, one summary. Lines name sub-experiments and replica
 * numbers, never URLs.
 */
export async function waitForEndpoints(options: WaitOptions): Promise<ReadinessReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const stop = new AbortController();
  const onOuterAbort = () => stop.abort(options.signal.reason);
  options.signal.addEventListener('abort', onOuterAbort, { once: true });
  const targets = options.endpoints.subExperiments
    .filter((sub) => options.subExperimentIndexes.includes(sub.index))
    .flatMap((sub) => sub.endpoints.map((endpoint) => ({ sub, endpoint })));
  const results: EndpointReadiness[] = [];
  let next = 0;

  const worker = async () => {
    while (next < targets.length && !stop.signal.aborted) {
      const { sub, endpoint } = targets[next++] as (typeof targets)[number];
      const name = `${sub.title} endpoint ${endpoint.replica}`;
      let lastWhat = '';
      const result = await pollEndpoint(endpoint.url, options.token, {
        policy: options.policy,
        now,
        random: options.random,
        signal: stop.signal,
        onFailedAttempt: ({ attempt, outcome, retryInMs }) => {
          if (outcome.what === lastWhat || retryInMs === null) return;
          lastWhat = outcome.what;
          options.logger.log('info', `readiness: ${name}: ${outcome.what} (attempt ${attempt}); retrying in ${formatSeconds(retryInMs)}`, {
            event: 'readiness-attempt',
            subExperimentIndex: sub.index,
            endpointIndex: endpoint.replica,
            attempt,
            answer: outcome.what,
            retryInMs: Math.round(retryInMs),
          });
        },
      });
      results.push({ subExperimentIndex: sub.index, subExperiment: sub.title, endpointIndex: endpoint.replica, result });
      const meta = {
        event: 'readiness-endpoint',
        subExperimentIndex: sub.index,
        endpointIndex: endpoint.replica,
        ready: result.ready,
        attempts: result.attempts,
        waitedMs: Math.round(result.waitedMs),
        reason: result.ready ? null : result.reason,
      };
      if (result.ready) {
        options.logger.log('info', `readiness: ${name} ready after ${plural(result.attempts, 'request')} in ${formatSeconds(result.waitedMs)}`, meta);
      } else if (!stop.signal.aborted) {
        options.logger.log('error', `readiness: ${name} is not ready: ${result.reason}`, meta);
        stop.abort(new Error(`${name} is not ready`));
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, targets.length) }, worker));
  } finally {
    options.signal.removeEventListener('abort', onOuterAbort);
  }

  const failed = results.find((r) => !r.result.ready && !/interrupted/.test(r.result.ready ? '' : r.result.reason));
  const allReady = results.length === targets.length && results.every((r) => r.result.ready);
  const problem = allReady
    ? null
    : failed !== undefined && !failed.result.ready
      ? `${failed.subExperiment} endpoint ${failed.endpointIndex} is not ready: ${failed.result.reason}`
      : 'the wait for the endpoints was interrupted';
  const report: ReadinessReport = {
    ready: allReady,
    endpoints: results,
    requests: results.reduce((n, r) => n + r.result.attempts, 0),
    waitedMs: now() - started,
    lastRequestEndedAtEpochMs: Math.max(Date.now(), ...results.map((r) => r.result.endedAtEpochMs)),
    problem,
  };
  const summary = allReady
    ? `readiness: ${targets.length} of ${targets.length} endpoints ready in ${formatSeconds(report.waitedMs)} (${plural(report.requests, 'request')}, not part of the latency data)`
    : `readiness: ${results.filter((r) => r.result.ready).length} of ${targets.length} endpoints ready; the study does not start: ${problem}`;
  options.logger.log(allReady ? 'info' : 'error', summary, {
    event: 'readiness',
    ready: allReady,
    endpoints: targets.length,
    readyEndpoints: results.filter((r) => r.result.ready).length,
    requests: report.requests,
    waitedMs: Math.round(report.waitedMs),
    budgetMs: options.policy.budgetMs,
    lastRequestEndedAt: new Date(report.lastRequestEndedAtEpochMs).toISOString(),
    problem,
  });
  return report;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
