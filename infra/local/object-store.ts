import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TOKEN_HEADER, tokenMatches } from '../../measurement-functions/core/index.js';
import { isValidKey } from '../../measurement-functions/storage/transfer-key.js';
import { BoundedObjects, DEFAULT_OBJECT_STORE_LIMITS, type ObjectStoreCounts, type ObjectStoreLimits, type ObjectStoreSweep } from './object-store-memory.js';
import { closeServer, replyError } from './http-replies.js';

/**
 * The local platform's object store: what S3, Blob Storage, Cloud Storage and R2 are to the
 * vendors' chain functions. `PUT|GET|DELETE /o/<key>` on 127.0.0.1, every request with the
 * store's token in x-faasbench-token, objects in memory within DEFAULT_OBJECT_STORE_LIMITS.
 * The platform starts it and stops it; stopping drops every object.
 *
 * Answers: PUT 201, GET 200 with the bytes, DELETE 204 (also when there was no such object, as on
 * S3); errors as JSON `{ error, message }` with 400 (bad key), 401 (token), 404 (no object on
 * GET), 405, 413 (object over the limit) or 507 (store full).
 */

export interface LocalObjectStoreOptions {
  /** Requests without it are refused before their body is read. */
  readonly token: string;
  readonly limits?: Partial<ObjectStoreLimits>;
  /** On 127.0.0.1; 0 (the default) picks a free port. */
  readonly port?: number;
}

export interface LocalObjectStore {
  /** http://127.0.0.1:<port>; a function's client puts objects at `${baseUrl}/o/<key>`. */
  readonly baseUrl: string;
  readonly limits: ObjectStoreLimits;
  counts(): ObjectStoreCounts;
  /** Removes every object still held (what no consumer deleted) and says how many there were. */
  sweep(): ObjectStoreSweep;
  /** Closes every connection and drops every object. Safe to call more than once. */
  stop(): Promise<void>;
}

export const OBJECT_PATH_PREFIX = '/o/';

export async function startLocalObjectStore(options: LocalObjectStoreOptions): Promise<LocalObjectStore> {
  if (options.token.length === 0) throw new Error('the local object store needs a non-empty token');
  const limits: ObjectStoreLimits = { ...DEFAULT_OBJECT_STORE_LIMITS, ...options.limits };
  const objects = new BoundedObjects(limits);
  const server = createServer((request, response) => {
    void serve(request, response, objects, options.token).catch((error: unknown) => {
      replyError(response, 500, 'store-failed', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopped: Promise<void> | null = null;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    limits,
    counts: () => objects.counts(),
    sweep: () => objects.clear(),
    stop() {
      stopped ??= closeServer(server).then(() => {
        objects.clear();
      });
      return stopped;
    },
  };
}

async function serve(request: IncomingMessage, response: ServerResponse, objects: BoundedObjects, token: string): Promise<void> {
  const header = request.headers[TOKEN_HEADER];
  if (!tokenMatches(token, Array.isArray(header) ? header[0] : header)) {
    return replyError(response, 401, 'unauthorized', `missing or wrong ${TOKEN_HEADER}`);
  }
  // The raw path: URL parsing would resolve dot segments and turn /o/a/../b into another key.
  const path = (request.url ?? '/').split('?', 1)[0] ?? '/';
  if (!path.startsWith(OBJECT_PATH_PREFIX)) return replyError(response, 404, 'not-found', `objects are at ${OBJECT_PATH_PREFIX}<key>`);
  const key = decodeKey(path.slice(OBJECT_PATH_PREFIX.length));
  if (key === null || !isValidKey(key)) return replyError(response, 400, 'bad-key', 'the key is not a valid object key');

  switch (request.method) {
    case 'PUT':
      return putObject(request, response, objects, key);
    case 'GET': {
      const body = objects.get(key);
      if (body === undefined) return replyError(response, 404, 'no-such-object', `no object ${key}`);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.byteLength });
      response.end(body);
      return;
    }
    case 'DELETE':
      objects.delete(key);
      response.writeHead(204);
      response.end();
      return;
    default:
      return replyError(response, 405, 'method-not-allowed', 'use PUT, GET or DELETE');
  }
}

async function putObject(request: IncomingMessage, response: ServerResponse, objects: BoundedObjects, key: string): Promise<void> {
  const declared = request.headers['content-length'];
  // Refused up front when the announced size cannot fit; the body is then drained unread.
  const early = declared === undefined ? 'stored' : objects.admits(key, Number(declared));
  if (early !== 'stored') {
    await drain(request);
    objects.noteRefused();
    return refusePut(response, objects.limits, early);
  }
  const body = await readBody(request, objects.limits.maxObjectBytes);
  if (body === null) {
    objects.noteRefused();
    return refusePut(response, objects.limits, 'too-large');
  }
  const outcome = objects.put(key, body);
  if (outcome !== 'stored') return refusePut(response, objects.limits, outcome);
  response.writeHead(201, { 'content-length': 0 });
  response.end();
}

function refusePut(response: ServerResponse, limits: ObjectStoreLimits, outcome: 'too-large' | 'full'): void {
  if (outcome === 'too-large') return replyError(response, 413, 'too-large', `objects over ${limits.maxObjectBytes} bytes are refused`);
  replyError(response, 507, 'store-full', `the store holds at most ${limits.maxTotalBytes} bytes in ${limits.maxObjects} objects`);
}

/** The body, or null once it passes `maxBytes` (the rest is drained, not kept). */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Uint8Array | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= maxBytes) chunks.push(chunk);
  }
  if (bytes > maxBytes) return null;
  // A copy the store owns, not a view into a pooled buffer.
  return new Uint8Array(Buffer.concat(chunks, bytes));
}

async function drain(request: IncomingMessage): Promise<void> {
  for await (const _ of request as AsyncIterable<Buffer>);
}

function decodeKey(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
