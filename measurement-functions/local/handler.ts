import {
  configFromEnv,
  createMeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  TOKEN_HEADER,
} from '../core/index.js';

/** What the local platform's instance host hands the function for one request. */
export interface LocalInvocation {
  readonly method: string;
  readonly query: Readonly<Record<string, string>>;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
  readonly requestId: string;
}

export interface LocalResult {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const config = configFromEnv(process.env);
// Made at module load, as its last step: one instance of the local platform is one process,
// loaded once. instanceStartedAt is that process's start (performance.timeOrigin), before it
// unpacks the package; initEndedAt is now, when the handler is loaded. A pre-warmed instance
// (local.prewarm) then waits for its first request; an on-demand one gets it at once.
const instance = createMeasurementInstance();

export function handle(invocation: LocalInvocation): LocalResult {
  const reply = instance.invoke(config, {
    token: invocation.headers[TOKEN_HEADER],
    spinIncrements: invocation.query[SPIN_INCREMENTS_PARAM],
    spinMs: invocation.query[SPIN_MS_PARAM],
    payloadBytes: invocation.body.byteLength,
    requestId: invocation.requestId,
  });
  return { status: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) };
}
