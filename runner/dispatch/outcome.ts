/**
 * What became of one request, as the client saw it. Times are offsets on the run clock (ms, µs
 * precision). Never contains the token. A probe never rejects: every failure is an outcome.
 */
export interface ProbeOutcome {
  /** When `request()` was called. */
  readonly dispatchedMs: number;
  /** TCP connected, TLS done (new connections only), request fully written. */
  readonly connectedMs: number | null;
  readonly secureConnectedMs: number | null;
  readonly sentMs: number | null;
  /**
   * The first byte of the response: the socket's first data after the request was handed to it
   * (decrypted data on TLS; on a reused socket, data after this request only), before any parsing.
   */
  readonly firstByteMs: number | null;
  /** Body complete, or the failure. */
  readonly endMs: number;
  /** Pre-burst DNS resolution's duration (not part of the latency); null for IP literals and reused sockets. */
  readonly dnsMs: number | null;
  /** connectedMs − dispatchedMs and secureConnectedMs − connectedMs, for new connections only. */
  readonly tcpMs: number | null;
  readonly tlsMs: number | null;
  readonly reusedConnection: boolean;
  readonly remoteAddress: string | null;
  /** IP version of the address dialed (the run's one family for the endpoint); null when none was. */
  readonly addressFamily: 4 | 6 | null;
  readonly status: number | null;
  /** The response body, at most MAX_BODY_BYTES (empty without a response). */
  readonly body: Buffer;
  /** Body bytes received, counted past the cap too. */
  readonly responseBytes: number;
  /** Node's socket codes as they come (ECONNREFUSED, ...), TIMEOUT, ABORTED or BODY_TOO_LARGE. */
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** The measurement contract's bodies are a few hundred bytes; anything near this is not one. */
export const MAX_BODY_BYTES = 1024 * 1024;

export const TIMEOUT = 'TIMEOUT';
export const ABORTED = 'ABORTED';
export const BODY_TOO_LARGE = 'BODY_TOO_LARGE';

const REDACTED = Buffer.from('[redacted]');

/** `body` with every occurrence of `secret` blanked out (a misbehaving server might echo it). */
export function redactBody(body: Buffer, secret: string): Buffer {
  if (secret === '') return body;
  const needle = Buffer.from(secret);
  let at = body.indexOf(needle);
  if (at < 0) return body;
  const parts: Buffer[] = [];
  let from = 0;
  while (at >= 0) {
    parts.push(body.subarray(from, at), REDACTED);
    from = at + needle.length;
    at = body.indexOf(needle, from);
  }
  parts.push(body.subarray(from));
  return Buffer.concat(parts);
}

export function redactText(text: string, secret: string): string {
  return secret === '' ? text : text.replaceAll(secret, '[redacted]');
}
