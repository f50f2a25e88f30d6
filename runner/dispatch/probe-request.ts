import type { AddressFamilyMode, ConnectionMode } from '../../experiments/schema/index.js';
import { SPIN_INCREMENTS_PARAM } from '../../measurement-functions/core/index.js';

/** One request to send: what the caller decides. Everything derived from it is prepared ahead. */
export interface ProbeRequest {
  /** The endpoint with its query (spinIncrements); never carries the token. */
  readonly url: string;
  /** Sent as the x-faasbench-token header; never copied into an outcome. */
  readonly token: string;
  /** Request body: POST when given, GET when null. */
  readonly payload: Uint8Array | null;
  readonly connection: ConnectionMode;
  /** Total time allowed from dispatch to the end of the body. */
  readonly timeoutMs: number;
  /** Which of the name's addresses to dial (the sub-experiment's `addressFamily`); `ipv4` when absent. */
  readonly addressFamily?: AddressFamilyMode;
}

/** The endpoint's URL asking the function to spin `spinIncrements` times. */
export function measurementUrl(endpointUrl: string, spinIncrements: number): string {
  const url = new URL(endpointUrl);
  url.searchParams.set(SPIN_INCREMENTS_PARAM, String(spinIncrements));
  return url.toString();
}

/** The body every request of a sub-experiment carries: `bytes` of 'x', or none at all. */
export function payloadOfSize(bytes: number): Uint8Array | null {
  return bytes === 0 ? null : Buffer.alloc(bytes, 'x');
}
