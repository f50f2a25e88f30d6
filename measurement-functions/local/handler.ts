import { chainConfigFromEnv, CHAIN_PAYLOAD_PARAM, nextHopFromEnv, serveHop, stampOf } from '../chain/index.js';
import {
  configFromEnv,
  createMeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  systemClock,
  TOKEN_HEADER,
} from '../core/index.js';
import { localStoreFromEnv } from '../storage/local-store.js';
import type { TransferStore } from '../storage/transfer-store.js';

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
// Set only on the functions of a chain, and with storage only on storage chains' (by the platform).
const chain = chainConfigFromEnv(process.env);
const next = chain?.hasNext === true ? nextHopFromEnv(process.env) : null;
let store: TransferStore | undefined;
// Made at module load, as its last step: one instance of the local platform is one process,
// loaded once. instanceStartedAt is that process's start (performance.timeOrigin), before it
// unpacks the package; initEndedAt is now, when the handler is loaded. A pre-warmed instance
// (local.prewarm) then waits for its first request; an on-demand one gets it at once.
const instance = createMeasurementInstance();

/**
 * One request. The gateway has read the body before the instance gets it (as Lambda does), so a
 * hop's body is read by the time the handler starts.
 */
export async function handle(invocation: LocalInvocation): Promise<LocalResult> {
  const receivedAt = stampOf(systemClock);
  const request = {
    token: invocation.headers[TOKEN_HEADER],
    spinIncrements: invocation.query[SPIN_INCREMENTS_PARAM],
    spinMs: invocation.query[SPIN_MS_PARAM],
    payloadBytes: invocation.body.byteLength,
    requestId: invocation.requestId,
  };
  const reply =
    chain === null
      ? instance.invoke(config, request)
      : await serveHop(
          instance,
          config,
          chain,
          request,
          { queryPayloadBytes: invocation.query[CHAIN_PAYLOAD_PARAM], header: (name) => invocation.headers[name], receivedAt, bodyReadAt: receivedAt },
          { clock: systemClock, store: () => (store ??= localStoreFromEnv(process.env)), next },
        );
  return { status: reply.status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(reply.body) };
}
