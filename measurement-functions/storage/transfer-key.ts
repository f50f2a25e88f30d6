/**
 * Object keys of chain payloads. Every key starts with TRANSFER_KEY_PREFIX, the prefix each
 * bucket's lifecycle rule matches, so objects a failed hop leaves behind expire on their own.
 */

export const TRANSFER_KEY_PREFIX = 'transfers/';

/** Longest key accepted: well under every service's limit (S3, GCS and R2 1024 bytes; Azure 1024 characters). */
export const MAX_KEY_LENGTH = 512;

/**
 * Segments of letters, digits, dot, underscore and dash, joined by single slashes, none starting
 * with a dot: a key then needs no escaping beyond per-segment URL encoding on any service, and
 * can never walk up a path ("..") on the local store.
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function isValidKey(key: string): boolean {
  return key.length <= MAX_KEY_LENGTH && KEY.test(key);
}

/** Throws a plain Error naming the key: a bad key is the caller's bug, not a storage failure. */
export function checkKey(key: string): void {
  if (!isValidKey(key)) {
    throw new Error(
      `object key ${JSON.stringify(key.slice(0, 80))} is not allowed: use at most ${MAX_KEY_LENGTH} characters in slash-separated segments of letters, digits, '.', '_' and '-', none starting with '.'`,
    );
  }
}

/** Characters of a chain request id kept in a key; anything else becomes '-'. */
const UNSAFE = /[^A-Za-z0-9-]/g;

/**
 * The key the sending hop writes its payload to: one per chain request and hop, made unique by
 * `randomId` so a repeated request id can never read another request's object.
 */
export function newTransferKey(chainRequestId: string, hop: number, randomId: () => string = () => crypto.randomUUID()): string {
  if (!Number.isInteger(hop) || hop < 0) throw new RangeError(`hop must be a non-negative integer, got ${hop}`);
  const request = chainRequestId.replace(UNSAFE, '-').replace(/^-+/, '').slice(0, 64) || 'request';
  const key = `${TRANSFER_KEY_PREFIX}${request}/hop-${hop}-${randomId().replace(UNSAFE, '-')}`;
  checkKey(key);
  return key;
}

/** The key as a URL path: each segment percent-encoded, slashes kept. */
export function keyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/');
}
