import { STATUS_CODES } from 'node:http';
import { errorMessageOf, parseMeasurementBody } from '../dispatch/response-body.js';
import type { AttemptOutcome, FailedAttempt } from './backoff.js';

/**
 * Statuses a freshly deployed endpoint answers while it is not yet serving the function: 403 and
 * 404 while IAM, routes or DNS propagate (Lambda Function URLs, Cloud Run), 408/429 from a busy
 * front end, 5xx while a host starts (Azure) or an image is pulled.
 */
export const NOT_READY_STATUSES: readonly number[] = [403, 404, 408, 409, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524];

/** Socket and timeout errors of one attempt that a starting platform causes. */
export const NOT_READY_ERROR_CODES: readonly string[] = [
  'ETIMEDOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'EADDRINUSE',
  'EPIPE',
  'ENOTFOUND',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
  // A name still pointing at another host during DNS propagation presents that host's certificate.
  'EPROTO',
  'ERR_TLS_CERT_ALTNAME_INVALID',
];

/** The code readiness gives a 2xx whose body is not the contract (a platform's placeholder page). */
export const NOT_CONTRACT_CODE = 'ENOTCONTRACT';

/**
 * One answer → ready, not ready yet, or refused. Ready means HTTP 2xx with a body that is the
 * measurement contract. Our function's own refusals (401 wrong token, 400, 413) mean it is up and
 * says no; any other status is left to the not-ready list, and what is on neither list is treated
 * as refused, so a surprise fails loudly instead of burning the budget.
 */
export function classifyAnswer(status: number, body: Buffer): AttemptOutcome {
  if (status >= 200 && status <= 299) {
    const parsed = parseMeasurementBody(body);
    return parsed.ok ? { kind: 'ready' } : { kind: 'not-ready', what: `HTTP ${status} but ${parsed.problem}` };
  }
  const what = `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim();
  if (NOT_READY_STATUSES.includes(status)) return { kind: 'not-ready', what };
  return { kind: 'refused', what: `${what}: ${errorMessageOf(status, body)}` };
}

/** A socket or timeout error of one attempt. */
export function classifyError(code: string | undefined, message: string): FailedAttempt {
  const what = code === undefined ? message : `${code}${code === 'ETIMEDOUT' ? ' (no answer in time)' : ''}`;
  if (code !== undefined && NOT_READY_ERROR_CODES.includes(code)) return { kind: 'not-ready', what };
  return { kind: 'refused', what };
}
