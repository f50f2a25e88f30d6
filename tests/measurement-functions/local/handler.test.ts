import { beforeAll, describe, expect, test } from '@jest/globals';
import { ENV, TOKEN_HEADER } from '../../../measurement-functions/core/index.js';

type HandlerModule = typeof import('../../../measurement-functions/local/handler.js');
let handler: HandlerModule;

beforeAll(async () => {
  Object.assign(process.env, {
    [ENV.token]: 'local-token-0123456789',
    [ENV.vendor]: 'local',
    [ENV.region]: 'local',
    [ENV.runtime]: 'nodejs',
    [ENV.memoryMb]: '256',
    [ENV.maxSpinMs]: '1000',
    [ENV.maxPayloadBytes]: '16',
  });
  // The adapter reads its configuration at load, as on a real platform.
  importStartedAt = performance.timeOrigin + performance.now();
  handler = await import('../../../measurement-functions/local/handler.js');
  importEndedAt = performance.timeOrigin + performance.now();
});

let importStartedAt: number;
let importEndedAt: number;

const invocation = (headers: Record<string, string>, query: Record<string, string> = {}, bodyBytes = 0) => ({
  method: 'POST',
  query,
  headers,
  body: new Uint8Array(bodyBytes),
  requestId: 'local-req',
});

describe('local adapter', () => {
  test('answers JSON with the core response, cold then warm', async () => {
    const first = await handler.handle(invocation({ [TOKEN_HEADER]: 'local-token-0123456789' }, { spinIncrements: '1000' }, 3));
    expect(first.status).toBe(200);
    expect(first.headers['content-type']).toBe('application/json');
    const cold = JSON.parse(first.body) as Record<string, unknown>;
    expect(cold).toMatchObject({
      coldStart: true,
      refusedBeforeFirst: 0,
      invocationCount: 1,
      spinIncrements: 1000,
      payloadBytes: 3,
      vendor: 'local',
      memoryMb: 256,
      requestId: 'local-req',
    });
    // The instance process's start, and the end of loading the handler module.
    expect(cold['instanceStartedAt']).toBe(performance.timeOrigin);
    expect(cold['initEndedAt']).toBeGreaterThanOrEqual(importStartedAt);
    expect(cold['initEndedAt']).toBeLessThanOrEqual(importEndedAt);
    const second = JSON.parse((await handler.handle(invocation({ [TOKEN_HEADER]: 'local-token-0123456789' }))).body);
    expect(second).toMatchObject({ coldStart: false, refusedBeforeFirst: 0, invocationCount: 2, initEndedAt: cold['initEndedAt'] });
  });

  test('passes refusals through with their status and small body; after the first accepted request they change nothing', async () => {
    expect((await handler.handle(invocation({}))).status).toBe(401);
    expect(Object.keys(JSON.parse((await handler.handle(invocation({}))).body)).sort()).toEqual(['error', 'message']);
    expect((await handler.handle(invocation({ [TOKEN_HEADER]: 'local-token-0123456789' }, { spinMs: '2000' }))).status).toBe(400);
    expect((await handler.handle(invocation({ [TOKEN_HEADER]: 'local-token-0123456789' }, {}, 17))).status).toBe(413);
    expect(JSON.parse((await handler.handle(invocation({ [TOKEN_HEADER]: 'local-token-0123456789' }))).body)).toMatchObject({ coldStart: false, refusedBeforeFirst: 0 });
  });
});
