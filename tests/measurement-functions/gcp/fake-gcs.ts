import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for Cloud Storage's JSON API and the metadata server on 127.0.0.1, in memory, for the
 * adapter's chain tests, where object keys are random and recorded exchanges (which pin every
 * request) cannot be replayed. It answers only the calls the store makes, in the shapes
 * ../storage/gcs-recordings.ts pins from Google's documentation (media upload with
 * ifGenerationMatch=0, alt=media download, delete answering 204, a bearer token from the
 * metadata server), and lists any other request in `mismatches`. No emulator for Cloud Storage
 * installs from npm.
 */

export const FAKE_TOKEN = 'ya29.c.fake-chain-token';

export interface FakeGcs {
  /** For STORAGE_EMULATOR_HOST and GCE_METADATA_HOST (host:port). */
  readonly host: string;
  readonly objects: Map<string, Buffer>;
  /** `put <key>`, `get <key>`, `delete <key>`, `token`, in the order served. */
  readonly calls: string[];
  readonly mismatches: string[];
  stop(): Promise<void>;
}

export async function startFakeGcs(bucket: string): Promise<FakeGcs> {
  const objects = new Map<string, Buffer>();
  const calls: string[] = [];
  const mismatches: string[] = [];
  const objectPrefix = `/storage/v1/b/${bucket}/o/`;

  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const url = new URL(request.url ?? '/', 'http://fake');
      const refuse = (why: string) => {
        mismatches.push(`${request.method} ${request.url}: ${why}`);
        send(response, 599, 'text/plain', why);
      };
      if (url.pathname === '/computeMetadata/v1/instance/service-accounts/default/token') {
        if (request.method !== 'GET' || request.headers['metadata-flavor'] !== 'Google') return refuse('metadata request without Metadata-Flavor: Google');
        calls.push('token');
        return send(response, 200, 'application/json', JSON.stringify({ access_token: FAKE_TOKEN, expires_in: 3599, token_type: 'Bearer' }));
      }
      if (request.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return refuse('no bearer token from the metadata server');
      if (request.method === 'POST' && url.pathname === `/upload/storage/v1/b/${bucket}/o`) {
        const key = url.searchParams.get('name') ?? '';
        if (url.searchParams.get('uploadType') !== 'media' || url.searchParams.get('ifGenerationMatch') !== '0' || key === '') return refuse('not a create-only media upload');
        if (request.headers['content-type'] !== 'application/octet-stream') return refuse('upload without content-type application/octet-stream');
        calls.push(`put ${key}`);
        if (objects.has(key)) return send(response, 412, 'application/json', gcsError(412, 'conditionNotMet', 'At least one of the pre-conditions you specified did not hold.'));
        objects.set(key, body);
        return send(response, 200, 'application/json', JSON.stringify({ kind: 'storage#object', name: key, bucket, size: String(body.byteLength) }));
      }
      if (url.pathname.startsWith(objectPrefix)) {
        const key = decodeURIComponent(url.pathname.slice(objectPrefix.length));
        const stored = objects.get(key);
        if (request.method === 'GET' && url.searchParams.get('alt') === 'media') {
          calls.push(`get ${key}`);
          return stored === undefined ? send(response, 404, 'application/json', gcsError(404, 'notFound', `No such object: ${bucket}/${key}`)) : send(response, 200, 'application/octet-stream', stored);
        }
        if (request.method === 'DELETE') {
          calls.push(`delete ${key}`);
          if (stored === undefined) return send(response, 404, 'application/json', gcsError(404, 'notFound', `No such object: ${bucket}/${key}`));
          objects.delete(key);
          response.writeHead(204);
          return response.end();
        }
      }
      return refuse('not a call the store makes');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    objects,
    calls,
    mismatches,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function gcsError(code: number, reason: string, message: string): string {
  return JSON.stringify({ error: { code, message, errors: [{ message, domain: 'global', reason }] } });
}

function send(response: ServerResponse, status: number, contentType: string, body: string | Buffer): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  response.writeHead(status, { 'content-type': contentType, 'content-length': bytes.byteLength });
  response.end(bytes);
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
