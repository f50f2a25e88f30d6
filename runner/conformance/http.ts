import http from 'node:http';
import https from 'node:https';
import got from 'got';
import { TOKEN_HEADER } from '../../measurement-functions/core/index.js';
import { readLoose, type LooseResponse } from './contract-schema.js';

/** One conformance request's outcome: an answer (any status) or a socket/timeout error. */
export type Answer =
  | { readonly kind: 'answer'; readonly status: number; readonly body: Buffer; readonly json: unknown; readonly loose: LooseResponse | null; readonly ms: number }
  | { readonly kind: 'error'; readonly code: string; readonly message: string; readonly ms: number };

export interface SendOptions {
  /** Query parameters (spinIncrements, spinMs). */
  readonly query?: Readonly<Record<string, string>>;
  /** The token to send: the stack's, a wrong one, or none. */
  readonly token: string | null;
  readonly body?: Buffer;
  readonly timeoutMs: number;
}

export type Send = (options: SendOptions) => Promise<Answer>;

/**
 * The suite's HTTP client: got (the untimed path), one attempt, no throwing on statuses, fresh
 * connections so each request can meet any instance. `observe` sees every answer (the cold-flag
 * check judges all responses the suite got).
 */
export function conformanceClient(endpointUrl: string, signal: AbortSignal, observe: (answer: Answer) => void): { send: Send; close: () => void } {
  const agent = { http: new http.Agent({ keepAlive: false, maxSockets: Infinity }), https: new https.Agent({ keepAlive: false, maxSockets: Infinity }) };
  const send: Send = async (options) => {
    const url = new URL(endpointUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const started = performance.now();
    let answer: Answer;
    try {
      const response = await got(url, {
        method: options.body === undefined ? 'GET' : 'POST',
        body: options.body,
        headers: options.token === null ? {} : { [TOKEN_HEADER]: options.token },
        agent,
        retry: { limit: 0 },
        throwHttpErrors: false,
        responseType: 'buffer',
        timeout: { request: options.timeoutMs },
        signal,
      });
      let json: unknown;
      try {
        json = JSON.parse(response.body.toString('utf8'));
      } catch {
        json = undefined;
      }
      answer = { kind: 'answer', status: response.statusCode, body: response.body, json, loose: response.statusCode === 200 ? readLoose(json) : null, ms: performance.now() - started };
    } catch (error) {
      const e = error as { code?: string; message: string };
      answer = { kind: 'error', code: e.code ?? 'ERROR', message: e.message, ms: performance.now() - started };
    }
    observe(answer);
    return answer;
  };
  return {
    send,
    close: () => {
      agent.http.destroy();
      agent.https.destroy();
    },
  };
}

/** "HTTP 503", "ETIMEDOUT": what an answer was, for details. */
export function describeAnswer(answer: Answer): string {
  if (answer.kind === 'error') return answer.code === 'ETIMEDOUT' ? `no answer in time (${Math.round(answer.ms)} ms)` : `${answer.code} (${answer.message})`;
  return `HTTP ${answer.status}`;
}
