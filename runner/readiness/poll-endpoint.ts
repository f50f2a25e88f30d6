import http from 'node:http';
import https from 'node:https';
import got, { type RequestError } from 'got';
import { TOKEN_HEADER } from '../../measurement-functions/core/index.js';
import { measurementUrl } from '../dispatch/probe-request.js';
import { type FailedAttempt, nextStep, type ReadinessPolicy } from './backoff.js';
import { classifyAnswer, classifyError, NOT_CONTRACT_CODE, NOT_READY_ERROR_CODES, NOT_READY_STATUSES } from './classify.js';

export interface PollOptions {
  readonly policy: ReadinessPolicy;
  /** Milliseconds, any origin: elapsed time for the budget. */
  readonly now?: () => number;
  /** Uniform in [0, 1): the backoff's jitter. */
  readonly random?: () => number;
  readonly signal?: AbortSignal;
  /** Called after each failed attempt, with the delay before the next one (null when giving up). */
  readonly onFailedAttempt?: (failure: { attempt: number; outcome: FailedAttempt; retryInMs: number | null }) => void;
}

/** `endedAtEpochMs`: wall clock when the last attempt was over (answered, failed or abandoned). */
export type PollResult =
  | { readonly ready: true; readonly attempts: number; readonly waitedMs: number; readonly endedAtEpochMs: number }
  | { readonly ready: false; readonly attempts: number; readonly waitedMs: number; readonly reason: string; readonly endedAtEpochMs: number };

/** Upper bound on attempts whatever the budget: a policy typo must not poll forever. */
const MAX_ATTEMPTS = 10_000;

/**
 * Polls one endpoint with the stack's token until it answers the measurement contract, through
 * got's retry machinery: got sends, times out (`timeout.request`) and schedules each retry; the
 * pure `nextStep` decides whether and when (`retry.calculateDelay`). A 2xx that is not the
 * contract (a platform's placeholder page) is turned into a retryable error in `afterResponse`.
 * Fresh connections, like the study's, so no warm socket is left to favour one endpoint.
 */
export async function pollEndpoint(endpointUrl: string, token: string, options: PollOptions): Promise<PollResult> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const started = now();
  let attempts = 0;
  let gaveUp: string | null = null;
  const agent = { http: new http.Agent({ keepAlive: false }), https: new https.Agent({ keepAlive: false }) };

  const outcomeOf = (error: RequestError): FailedAttempt => {
    const response = error.response;
    if (error.code === NOT_CONTRACT_CODE) return { kind: 'not-ready', what: error.message };
    if (response !== undefined) {
      const outcome = classifyAnswer(response.statusCode, Buffer.isBuffer(response.body) ? response.body : Buffer.from(String(response.body ?? '')));
      return outcome.kind === 'ready' ? { kind: 'not-ready', what: `HTTP ${response.statusCode}` } : outcome;
    }
    return classifyError(error.code, error.message);
  };

  try {
    await got(measurementUrl(endpointUrl, 0), {
      headers: { [TOKEN_HEADER]: token },
      agent,
      responseType: 'buffer',
      timeout: { request: options.policy.attemptTimeoutMs },
      signal: options.signal,
      retry: {
        limit: MAX_ATTEMPTS,
        methods: ['GET'],
        statusCodes: [...NOT_READY_STATUSES],
        errorCodes: [...NOT_READY_ERROR_CODES, NOT_CONTRACT_CODE],
        calculateDelay: ({ attemptCount, error, computedValue }) => {
          const outcome = outcomeOf(error);
          // got says 0 when the status or code is not one to retry: the function refused us.
          const step =
            computedValue === 0 && outcome.kind === 'not-ready'
              ? { kind: 'give-up' as const, reason: `gave up after ${attemptCount} attempts: ${outcome.what}` }
              : nextStep({ retry: attemptCount, elapsedMs: now() - started, outcome }, options.policy, random);
          if (step.kind === 'give-up') gaveUp = step.reason;
          options.onFailedAttempt?.({ attempt: attemptCount, outcome, retryInMs: step.kind === 'retry' ? step.delayMs : null });
          return step.kind === 'retry' ? step.delayMs : 0;
        },
      },
      hooks: {
        beforeRequest: [
          () => {
            attempts += 1;
          },
        ],
        afterResponse: [
          (response) => {
            const outcome = classifyAnswer(response.statusCode, response.body as Buffer);
            if (outcome.kind === 'not-ready' && response.statusCode >= 200 && response.statusCode <= 299) {
              throw Object.assign(new Error(outcome.what), { code: NOT_CONTRACT_CODE });
            }
            return response;
          },
        ],
      },
    });
    return { ready: true, attempts, waitedMs: now() - started, endedAtEpochMs: Date.now() };
  } catch (error) {
    const waitedMs = now() - started;
    if (options.signal?.aborted === true) {
      return { ready: false, attempts, waitedMs, reason: 'the wait was interrupted', endedAtEpochMs: Date.now() };
    }
    const reason = gaveUp ?? describeFinal(error as RequestError, outcomeOf);
    return { ready: false, attempts, waitedMs, reason, endedAtEpochMs: Date.now() };
  } finally {
    agent.http.destroy();
    agent.https.destroy();
  }
}

function describeFinal(error: RequestError, outcomeOf: (error: RequestError) => FailedAttempt): string {
  const outcome = outcomeOf(error);
  return outcome.kind === 'refused' ? `the function refused the stack's request (${outcome.what}); waiting will not change that` : outcome.what;
}
