import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalInvocation, LocalResult } from '../../measurement-functions/local/handler.js';
import { InvocationError } from './invocation-error.js';
import { closeServer, replyError } from './http-replies.js';

/** Routes one request to a function; null when no function has that name. */
export type RouteInvocation = (functionName: string, invocation: LocalInvocation, signal: AbortSignal) => Promise<LocalResult> | null;

export interface Gateway {
  readonly baseUrl: string;
  close(): Promise<void>;
}

const ROUTE = /^\/fn\/([^/?]+)$/;

/**
 * The platform's HTTP front end on 127.0.0.1: `GET|POST /fn/<name>?<query>` becomes one
 * invocation of that function. Like a vendor's front end it refuses bodies over its limit itself.
 */
export async function startGateway(options: { port: number; maxBodyBytes: number; route: RouteInvocation }): Promise<Gateway> {
  const server = createServer((request, response) => {
    void serve(request, response, options).catch((error: unknown) => {
      replyError(response, 500, 'gateway-failed', error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  options: { maxBodyBytes: number; route: RouteInvocation },
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://gateway');
  const name = ROUTE.exec(url.pathname)?.[1];
  if (name === undefined) return replyError(response, 404, 'not-found', 'functions are served at /fn/<name>');
  if (request.method !== 'GET' && request.method !== 'POST') {
    return replyError(response, 405, 'method-not-allowed', 'use GET or POST');
  }
  const body = await readBody(request, options.maxBodyBytes);
  if (body === null) {
    return replyError(response, 413, 'payload-too-large', `bodies over ${options.maxBodyBytes} bytes are refused`);
  }
  // Once the client is gone a waiting request is dropped instead of starting or occupying an instance.
  const abandoned = new AbortController();
  response.once('close', () => {
    if (!response.writableFinished) abandoned.abort();
  });
  const invocation: LocalInvocation = {
    method: request.method,
    query: Object.fromEntries(url.searchParams),
    headers: Object.fromEntries(Object.entries(request.headers).map(([key, value]) => [key, Array.isArray(value) ? value.join(', ') : (value ?? '')])),
    body,
    requestId: randomUUID(),
  };
  const pending = options.route(name, invocation, abandoned.signal);
  if (pending === null) return replyError(response, 404, 'not-found', `no function named ${name}`);
  try {
    const result = await pending;
    if (response.destroyed) return;
    response.writeHead(result.status, { ...result.headers, 'content-length': Buffer.byteLength(result.body) });
    response.end(result.body);
  } catch (error) {
    if (error instanceof InvocationError) return replyError(response, error.status, error.code, error.message);
    throw error;
  }
}

/**
 * The body, or null when it is larger than `maxBytes`. An oversized body is still drained (not
 * kept), so the connection stays usable for the 413 reply.
 */
async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes <= maxBytes) chunks.push(chunk);
  }
  return bytes > maxBytes ? null : Buffer.concat(chunks);
}
