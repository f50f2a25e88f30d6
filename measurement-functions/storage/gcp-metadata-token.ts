import { type SpanClock, systemClock } from '../core/index.js';
import { StoreFailure } from './store-error.js';

/**
 * The access token of the function's service account, from the metadata server every Cloud Run
 * function can reach (https://cloud.google.com/run/docs/container-contract#metadata-server,
 * https://cloud.google.com/compute/docs/access/authenticate-workloads#applications). This is
 * what google-auth-library does on Cloud Run, without its weight: one GET, cached until shortly
 * before it expires, one fetch shared by concurrent callers.
 */

export const METADATA_BASE_URL = 'http://metadata.google.internal';
export const TOKEN_PATH = '/computeMetadata/v1/instance/service-accounts/default/token';

/** A token is renewed this long before the expiry the metadata server gave. */
export const TOKEN_RENEW_BEFORE_MS = 60_000;

export interface AccessToken {
  readonly token: string;
  /** Time spent fetching it for this caller; 0 when it came from the cache. */
  readonly fetchedInMs: number;
}

export interface TokenSource {
  accessToken(signal: AbortSignal): Promise<AccessToken>;
}

export function metadataTokenSource(options: { baseUrl?: string; clock?: SpanClock } = {}): TokenSource {
  const baseUrl = options.baseUrl ?? METADATA_BASE_URL;
  const clock = options.clock ?? systemClock;
  let cached: { token: string; renewAtEpochMs: number } | null = null;
  let inFlight: Promise<{ token: string; renewAtEpochMs: number }> | null = null;

  async function fetchToken(signal: AbortSignal): Promise<{ token: string; renewAtEpochMs: number }> {
    const response = await fetch(`${baseUrl}${TOKEN_PATH}`, { headers: { 'Metadata-Flavor': 'Google' }, signal });
    const text = await response.text();
    if (response.status !== 200) throw new StoreFailure(response.status, 'METADATA_TOKEN', `the metadata server refused a token: ${text.slice(0, 200)}`);
    const body = parseToken(text);
    if (body === null) throw new StoreFailure(200, 'METADATA_TOKEN', 'the metadata server answered without access_token and expires_in');
    return { token: body.access_token, renewAtEpochMs: clock.epochMs() + body.expires_in * 1000 - TOKEN_RENEW_BEFORE_MS };
  }

  return {
    async accessToken(signal) {
      if (cached !== null && clock.epochMs() < cached.renewAtEpochMs) return { token: cached.token, fetchedInMs: 0 };
      const startedAtMs = clock.monotonicMs();
      inFlight ??= fetchToken(signal).finally(() => (inFlight = null));
      cached = await inFlight;
      return { token: cached.token, fetchedInMs: clock.monotonicMs() - startedAtMs };
    },
  };
}

function parseToken(text: string): { access_token: string; expires_in: number } | null {
  try {
    const body = JSON.parse(text) as { access_token?: unknown; expires_in?: unknown };
    return typeof body.access_token === 'string' && body.access_token !== '' && typeof body.expires_in === 'number' && body.expires_in > 0
      ? { access_token: body.access_token, expires_in: body.expires_in }
      : null;
  } catch {
    return null;
  }
}
