import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createSecureServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { MeasurementResponse } from '../../../measurement-functions/core/index.js';

/** What the server does with one request. */
export type Behaviour =
  | { readonly kind: 'reply'; readonly status?: number; readonly body?: unknown; readonly delayMs?: number }
  | { readonly kind: 'raw'; readonly status: number; readonly text: string }
  | { readonly kind: 'reset' }
  | { readonly kind: 'hang' }
  | { readonly kind: 'large'; readonly bytes: number }
  /** A contract reply once `until` resolves. */
  | { readonly kind: 'held'; readonly until: Promise<unknown> }
  /**
   * The status line at once, the rest of the head and the body once `rest()` resolves, written on
   * the socket by hand (so the connection is left to the client: keep it last on a kept socket).
   * `writing` hears of each part just before it is written.
   */
  | { readonly kind: 'split-head'; readonly rest: () => Promise<void>; readonly writing: (part: 'status-line' | 'rest') => void };

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
}

export interface ScriptServer {
  readonly url: string;
  readonly port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** Each completed TLS handshake (HTTPS only): whether it resumed a session, and the SNI it got. */
  readonly handshakes: { readonly resumed: boolean; readonly servername: string | false }[];
  readonly seen: SeenRequest[];
  close(): Promise<void>;
}

/** A contract-valid body; `overrides` change or add fields. */
export function contractBody(overrides: Record<string, unknown> = {}): MeasurementResponse & Record<string, unknown> {
  return {
    instanceId: 'inst-1',
    coldStart: true,
    refusedBeforeFirst: 0,
    invocationCount: 1,
    instanceStartedAt: 1_700_000_000_000.5,
    initEndedAt: 1_700_000_000_009.5,
    handlerStartedAt: 1_700_000_000_010.25,
    handlerEndedAt: 1_700_000_000_012.75,
    serviceTimeMs: 2.5,
    spinIncrements: 0,
    spinCapped: false,
    payloadBytes: 0,
    vendor: 'local',
    runtime: 'nodejs v20.20.0',
    region: 'local',
    memoryMb: 128,
    requestId: null,
    ...overrides,
  };
}

/**
 * A real HTTP server on 127.0.0.1, port 0, acting out `script(request, n)` for the n-th request
 * (0-based): the runner is tested against sockets, not mocks. With `tls` it speaks HTTPS.
 * close() ends every connection.
 */
export async function startScriptServer(
  script: (request: SeenRequest, n: number) => Behaviour,
  tls?: { readonly key: string; readonly cert: string },
  host = '127.0.0.1',
): Promise<ScriptServer> {
  let connections = 0;
  const seen: SeenRequest[] = [];
  const handshakes: { resumed: boolean; servername: string | false }[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    let bodyBytes = 0;
    request.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
    });
    request.on('end', () => {
      const entry: SeenRequest = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, bodyBytes };
      seen.push(entry);
      act(script(entry, seen.length - 1), request, response);
    });
  };
  const server = tls === undefined ? createServer(handle) : createSecureServer(tls, handle);
  server.on('secureConnection', (socket: TLSSocket) => {
    handshakes.push({ resumed: socket.isSessionReused(), servername: (socket as TLSSocket & { servername: string | false }).servername });
  });
  const act = (behaviour: Behaviour, request: IncomingMessage, response: ServerResponse) => {
    switch (behaviour.kind) {
      case 'reply': {
        const send = () => {
          const text = JSON.stringify(behaviour.body ?? contractBody());
          response.writeHead(behaviour.status ?? 200, { 'content-type': 'application/json' }).end(text);
        };
        if (behaviour.delayMs === undefined) send();
        else {
          const timer = setTimeout(() => {
            timers.delete(timer);
            send();
          }, behaviour.delayMs);
          timers.add(timer);
        }
        return;
      }
      case 'held':
        void behaviour.until.then(() => {
          if (!response.destroyed) response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(contractBody()));
        });
        return;
      case 'raw':
        response.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end(behaviour.text);
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'hang':
        return;
      case 'large':
        response.writeHead(200, { 'content-type': 'application/json' }).end(Buffer.alloc(behaviour.bytes, 'a'));
        return;
      case 'split-head': {
        const socket = request.socket;
        const text = JSON.stringify(contractBody());
        behaviour.writing('status-line');
        socket.write('HTTP/1.1 200 OK\r\n');
        void behaviour.rest().then(() => {
          behaviour.writing('rest');
          socket.write(`content-type: application/json\r\ncontent-length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
        });
        return;
      }
    }
  };
  server.on('connection', (socket: Socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${port}/fn`,
    port,
    connections: () => connections,
    handshakes,
    seen,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port that was open a moment ago and is closed now: connecting to it is refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
