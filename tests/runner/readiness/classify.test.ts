import { describe, expect, it } from '@jest/globals';
import { classifyAnswer, classifyError } from '../../../runner/readiness/index.js';
import { contractBody } from '../dispatch/script-server.js';

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('classifyAnswer', () => {
  it('is ready only for a 2xx carrying the measurement contract', () => {
    expect(classifyAnswer(200, json(contractBody()))).toEqual({ kind: 'ready' });
    expect(classifyAnswer(200, Buffer.from('<html>Your Functions app is up and running</html>'))).toEqual({
      kind: 'not-ready',
      what: 'HTTP 200 but the response body is not JSON',
    });
  });

  it('waits on what propagation and host start look like', () => {
    for (const status of [403, 404, 429, 500, 502, 503, 504]) expect(classifyAnswer(status, Buffer.alloc(0)).kind).toBe('not-ready');
    expect(classifyAnswer(503, Buffer.alloc(0))).toEqual({ kind: 'not-ready', what: 'HTTP 503 Service Unavailable' });
  });

  it("treats the function's own refusals as final, with its message", () => {
    expect(classifyAnswer(401, json({ error: 'unauthorized', message: 'missing or wrong x-faasbench-token' }))).toEqual({
      kind: 'refused',
      what: 'HTTP 401 Unauthorized: missing or wrong x-faasbench-token',
    });
    expect(classifyAnswer(400, Buffer.alloc(0)).kind).toBe('refused');
  });
});

describe('classifyError', () => {
  it('waits on socket errors a starting platform causes and gives up on others', () => {
    expect(classifyError('ECONNREFUSED', 'connect ECONNREFUSED')).toEqual({ kind: 'not-ready', what: 'ECONNREFUSED' });
    expect(classifyError('ETIMEDOUT', 'Timeout awaiting request')).toEqual({ kind: 'not-ready', what: 'ETIMEDOUT (no answer in time)' });
    expect(classifyError('ERR_INVALID_URL', 'Invalid URL').kind).toBe('refused');
  });
});
