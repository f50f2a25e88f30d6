import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 that replays recorded HTTP exchanges in order: the n-th request it gets
 * must match the n-th recording (method, path, the exact set of query parameters, the recorded
 * headers and, when recorded, the body), and gets that recording's response. Anything else is
 * answered 599 and listed in `mismatches`, so a client that strays from the recorded API fails
 * its test.
 */

export interface RecordedRequest {
  readonly method: string;
  /** Path as sent, percent-encoding included. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Lower-case names; each must be present with exactly this value (others may be present too). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The exact body, when the recording pins it. */
  readonly body?: Uint8Array;
}

export interface RecordedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

export interface RecordedExchange {
  readonly name: string;
  /** The documentation each side of the exchange was written from. */
  readonly docs: readonly string[];
  readonly request: RecordedRequest;
  readonly response: RecordedResponse;
}

export interface ReplayServer {
  readonly baseUrl: string;
  /** Every difference between what was sent and what was recorded, in order. */
  readonly mismatches: string[];
  /** Recordings not yet requested. */
  remaining(): number;
  stop(): Promise<void>;
}

const MISMATCH_STATUS = 599;

export async function startReplayServer(exchanges: readonly RecordedExchange[]): Promise<ReplayServer> {
  const mismatches: string[] = [];
  let next = 0;
  const server = createServer((request, response) => {
    void readBody(request).then((body) => {
      const exchange = exchanges[next];
      const problems = exchange === undefined ? ['no recording left'] : differences(exchange.request, request, body);
      if (exchange === undefined || problems.length > 0) {
        const message = `request ${next} ${request.method} ${request.url}: ${problems.join('; ')}`;
        mismatches.push(message);
        response.writeHead(MISMATCH_STATUS, { 'content-type': 'text/plain' });
        response.end(message);
        return;
      }
      next += 1;
      const payload = exchange.response.body ?? '';
      const bytes = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : Buffer.from(payload);
      response.writeHead(exchange.response.status, { ...exchange.response.headers, 'content-length': bytes.byteLength });
      response.end(bytes);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    mismatches,
    remaining: () => exchanges.length - next,
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

function differences(recorded: RecordedRequest, request: IncomingMessage, body: Buffer): string[] {
  const problems: string[] = [];
  const [path = '', search = ''] = (request.url ?? '').split('?', 2);
  if (request.method !== recorded.method) problems.push(`method ${request.method}, recorded ${recorded.method}`);
  if (path !== recorded.path) problems.push(`path ${path}, recorded ${recorded.path}`);
  const query = Object.fromEntries(new URLSearchParams(search));
  const expectedQuery = recorded.query ?? {};
  if (JSON.stringify(sorted(query)) !== JSON.stringify(sorted(expectedQuery))) {
    problems.push(`query ${JSON.stringify(sorted(query))}, recorded ${JSON.stringify(sorted(expectedQuery))}`);
  }
  for (const [name, value] of Object.entries(recorded.headers ?? {})) {
    if (request.headers[name] !== value) problems.push(`header ${name}: ${String(request.headers[name])}, recorded ${value}`);
  }
  if (recorded.body !== undefined && Buffer.compare(body, Buffer.from(recorded.body)) !== 0) {
    problems.push(`body of ${body.byteLength} bytes differs from the ${recorded.body.byteLength} recorded`);
  }
  return problems;
}

const sorted = (record: Readonly<Record<string, string>>): [string, string][] => Object.entries(record).sort(([a], [b]) => a.localeCompare(b));

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
