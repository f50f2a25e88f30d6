import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { HttpRequest, HttpResponse, InvocationContext } from '@azure/functions';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CHAIN_ENV, CHAIN_HEADERS } from '../../../measurement-functions/chain/index.js';
import { APP_ENV, TOKEN } from './fixtures.js';

/**
 * The module-level handler of a Function App wired as hop 0 of an inline chain of 2: measure.ts
 * reads the chain settings and FAASBENCH_NEXT_HOP_URL from the app settings at load, and calls
 * that URL (here a recording server on 127.0.0.1) and nothing else.
 */

let server: Server;
const received: { headers: IncomingHttpHeaders; bytes: number }[] = [];
const saved = { ...process.env };

beforeAll(async () => {
  server = createServer((request, response) => {
    let bytes = 0;
    request.on('data', (chunk: Buffer) => (bytes += chunk.length));
    request.on('end', () => {
      received.push({ headers: request.headers, bytes });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ next: 'answer' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, APP_ENV, {
    [CHAIN_ENV.position]: '0',
    [CHAIN_ENV.length]: '2',
    [CHAIN_ENV.transfer]: 'inline',
    [CHAIN_ENV.maxPayloadBytes]: '4096',
    [CHAIN_ENV.nextHopUrl]: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/measure`,
  });
});

afterAll(async () => {
  process.env = { ...saved };
  await new Promise((resolve) => server.close(resolve));
});

describe('measure.ts as a chain hop', () => {
  test('hop 0 makes the payload and posts it to the next hop its settings name, with the token and chain headers', async () => {
    const { measure } = await import('../../../measurement-functions/azure/measure.js');
    const request = new HttpRequest({
      method: 'POST',
      url: 'https://fb-app.azurewebsites.net/api/measure?chainPayloadBytes=3000',
      headers: { 'x-faasbench-token': TOKEN },
      query: { chainPayloadBytes: '3000' },
    });
    const response = new HttpResponse(await measure(request, new InvocationContext({ invocationId: 'm-1', functionName: 'measure' })));
    const body = (await response.json()) as Record<string, any>;
    expect(response.status).toBe(200);
    expect(body['chain']).toMatchObject({ position: 0, length: 2, transfer: 'inline', payloadBytes: 3000, errors: [], next: { status: 200, body: { next: 'answer' } } });
    expect(received).toHaveLength(1);
    expect(received[0]?.bytes).toBe(3000);
    expect(received[0]?.headers).toMatchObject({
      'x-faasbench-token': TOKEN,
      [CHAIN_HEADERS.chainId]: body['chain'].chainId,
      [CHAIN_HEADERS.fromHop]: '0',
      [CHAIN_HEADERS.transfer]: 'inline',
      [CHAIN_HEADERS.payloadBytes]: '3000',
    });
  });
});
