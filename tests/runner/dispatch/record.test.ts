import { describe, expect, test } from '@jest/globals';
import { type ProbeOutcome, toRequestRecord, type RecordContext } from '../../../runner/dispatch/index.js';
import { LATENCY_COLUMNS } from '../../../runner/results/request-record.js';
import type { PlannedBurst } from '../../../runner/schedule/index.js';
import { contractBody } from './script-server.js';

const planned: PlannedBurst = { subExperimentIndex: 1, burstId: 7, round: 3, endpointIndex: 1, size: 5, desiredServiceTimeMs: 20, offsetMs: 400 };
const endpoint = { index: 1, url: 'https://fn.example.invalid/' };
const context: RecordContext = {
  subExperiment: 'warm',
  subExperimentIndex: 1,
  indexInBurst: 2,
  scheduledMs: 1000,
  spinIncrementsRequested: 40_000,
  coldThresholdMs: null,
  preinitThresholdMs: 10_000,
};

/** A completed 200 with a contract body: dispatched 2 ms late, 10 ms to first byte, 12 ms in all. */
function outcome(overrides: Partial<ProbeOutcome> = {}): ProbeOutcome {
  return {
    dispatchedMs: 1002,
    connectedMs: 1003,
    secureConnectedMs: 1005,
    sentMs: 1005.5,
    firstByteMs: 1012,
    endMs: 1014,
    dnsMs: 1.25,
    tcpMs: 1,
    tlsMs: 2,
    reusedConnection: false,
    remoteAddress: '192.0.2.1',
    addressFamily: 4,
    status: 200,
    body: Buffer.from(JSON.stringify(contractBody({ coldStart: false, instanceId: 'i-9', extra: 'ignored' }))),
    responseBytes: 300,
    errorCode: null,
    errorMessage: null,
    ...overrides,
  };
}

describe('toRequestRecord', () => {
  test('a success: times derived from the outcome, the function\'s fields copied, class from its own flag', () => {
    const record = toRequestRecord(planned, outcome(), endpoint, context);
    expect(record).toMatchObject({
      subExperiment: 'warm', subExperimentIndex: 1, endpointIndex: 1, endpointUrl: 'https://fn.example.invalid/',
      burstId: 7, round: 3, burstSize: 5, indexInBurst: 2, desiredServiceTimeMs: 20, spinIncrementsRequested: 40_000,
      scheduledMs: 1000, dispatchedMs: 1002, latencyMs: 12, ttfbMs: 10, scheduleLagMs: 2,
      dnsMs: 1.25, tcpMs: 1, tlsMs: 2, remoteAddress: '192.0.2.1', addressFamily: 4, status: 200, ok: true, errorCode: null, errorMessage: null,
      requestClass: 'warm', classSource: 'function', instanceId: 'i-9', coldStart: false, serviceTimeMs: 2.5,
    });
  });

  test('has exactly the latency CSV\'s fields', () => {
    const record = toRequestRecord(planned, outcome(), endpoint, context);
    expect(Object.keys(record).sort()).toEqual(LATENCY_COLUMNS.map(([, field]) => field).sort());
  });

  test('copies the new contract fields and takes init_ms and idle_before_ms on the function\'s clock', () => {
    const body = contractBody({ refusedBeforeFirst: 2, coldStart: false, instanceStartedAt: 5000.25, initEndedAt: 5120.75, handlerStartedAt: 5200 });
    const record = toRequestRecord(planned, outcome({ body: Buffer.from(JSON.stringify(body)) }), endpoint, context);
    expect(record).toMatchObject({ refusedBeforeFirst: 2, instanceStartedAt: 5000.25, initEndedAt: 5120.75, handlerStartedAt: 5200, initMs: 120.5, idleBeforeMs: 79.25 });
  });

  test('without an init end (workerd) both spans are null and a first request is cold whatever the gap', () => {
    const body = contractBody({ coldStart: true, initEndedAt: null, instanceStartedAt: 1, handlerStartedAt: 1_000_000 });
    const record = toRequestRecord(planned, outcome({ body: Buffer.from(JSON.stringify(body)) }), endpoint, { ...context, preinitThresholdMs: 1 });
    expect(record).toMatchObject({ initEndedAt: null, initMs: null, idleBeforeMs: null, requestClass: 'cold', classSource: 'function' });
  });

  test.each([
    // [coldStart, ms from init end to handler start, threshold, class]
    [true, 9_999.999, 10_000, 'cold'],
    [true, 10_000, 10_000, 'cold-preinit'],
    [true, 600_000, 10_000, 'cold-preinit'],
    [true, 2, 1, 'cold-preinit'],
    [true, 0.5, 1, 'cold'],
    [false, 600_000, 10_000, 'warm'],
    [false, 0, 10_000, 'warm'],
  ] as const)('coldStart %s, idle %f ms, threshold %f ms: %s', (coldStart, idleMs, preinitThresholdMs, expected) => {
    const body = contractBody({ coldStart, initEndedAt: 1_700_000_000_000, handlerStartedAt: 1_700_000_000_000 + idleMs });
    const record = toRequestRecord(planned, outcome({ body: Buffer.from(JSON.stringify(body)) }), endpoint, { ...context, preinitThresholdMs });
    expect(record).toMatchObject({ requestClass: expected, classSource: 'function' });
    expect(record.idleBeforeMs).toBeCloseTo(idleMs, 3);
  });

  test('a first accepted request after refused ones is warm, even long after init: the refusal was the cold start', () => {
    const body = contractBody({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1, initEndedAt: 0, handlerStartedAt: 60_000 });
    expect(toRequestRecord(planned, outcome({ body: Buffer.from(JSON.stringify(body)) }), endpoint, context)).toMatchObject({
      requestClass: 'warm', classSource: 'function', refusedBeforeFirst: 1, invocationCount: 1,
    });
  });

  test('the latency threshold never overrides a first request the function reported', () => {
    const body = contractBody({ coldStart: true, initEndedAt: 0, handlerStartedAt: 60_000 });
    const record = toRequestRecord(planned, outcome({ body: Buffer.from(JSON.stringify(body)) }), endpoint, { ...context, coldThresholdMs: 1_000_000 });
    expect(record).toMatchObject({ requestClass: 'cold-preinit', classSource: 'function' });
  });

  test('the function\'s coldStart wins over the threshold', () => {
    const record = toRequestRecord(planned, outcome(), endpoint, { ...context, coldThresholdMs: 5 });
    expect(record).toMatchObject({ requestClass: 'warm', classSource: 'function' });
  });

  test('HTTP errors keep the body\'s message, trimmed, and fall back to the threshold when one is set', () => {
    const body = Buffer.from(JSON.stringify({ error: 'unauthorized', message: '  missing or wrong x-faasbench-token \n' }));
    const failed = outcome({ status: 401, body });
    expect(toRequestRecord(planned, failed, endpoint, context)).toMatchObject({
      ok: false, errorCode: 'HTTP_401', errorMessage: 'missing or wrong x-faasbench-token', requestClass: 'unknown', classSource: 'none', instanceId: null,
    });
    expect(toRequestRecord(planned, failed, endpoint, { ...context, coldThresholdMs: 12 })).toMatchObject({ requestClass: 'cold', classSource: 'threshold' });
    expect(toRequestRecord(planned, failed, endpoint, { ...context, coldThresholdMs: 12.5 })).toMatchObject({ requestClass: 'warm', classSource: 'threshold' });
  });

  test('a non-JSON error body is its own message; an empty one gives the status line', () => {
    expect(toRequestRecord(planned, outcome({ status: 502, body: Buffer.from(' Bad gateway upstream ') }), endpoint, context).errorMessage).toBe('Bad gateway upstream');
    expect(toRequestRecord(planned, outcome({ status: 503, body: Buffer.alloc(0) }), endpoint, context).errorMessage).toBe('HTTP 503 Service Unavailable');
  });

  test.each([
    ['not JSON', Buffer.from('<html>'), 'not JSON'],
    ['a missing field', Buffer.from(JSON.stringify({ ...contractBody(), instanceId: undefined })), 'instanceId'],
    ['a mistyped field', Buffer.from(JSON.stringify(contractBody({ coldStart: 'yes' }))), 'coldStart'],
    ['no refusedBeforeFirst (a function older than the contract)', Buffer.from(JSON.stringify({ ...contractBody(), refusedBeforeFirst: undefined })), 'refusedBeforeFirst'],
    ['a fractional refusedBeforeFirst', Buffer.from(JSON.stringify(contractBody({ refusedBeforeFirst: 0.5 }))), 'refusedBeforeFirst'],
    ['no initEndedAt (null is the way to say unknown)', Buffer.from(JSON.stringify({ ...contractBody(), initEndedAt: undefined })), 'initEndedAt'],
    ['STeLLAR\'s body', Buffer.from(JSON.stringify({ RequestID: 'x', TimestampChain: ['1'] })), 'measurement contract'],
  ])('a 200 with %s is BAD_BODY, with no function fields', (_label, body, inMessage) => {
    const record = toRequestRecord(planned, outcome({ body }), endpoint, context);
    expect(record).toMatchObject({ ok: false, errorCode: 'BAD_BODY', status: 200, instanceId: null, coldStart: null, requestClass: 'unknown', classSource: 'none' });
    expect(record.errorMessage).toContain(inMessage);
  });

  test('a transport failure: no response, so no threshold class even when a threshold is set', () => {
    const failed = outcome({ status: null, firstByteMs: null, connectedMs: null, sentMs: null, tcpMs: null, body: Buffer.alloc(0), errorCode: 'ECONNREFUSED', errorMessage: 'connect ECONNREFUSED 192.0.2.1:443', endMs: 1003 });
    expect(toRequestRecord(planned, failed, endpoint, { ...context, coldThresholdMs: 1 })).toMatchObject({
      ok: false, errorCode: 'ECONNREFUSED', errorMessage: 'connect ECONNREFUSED 192.0.2.1:443', latencyMs: 1, ttfbMs: null, requestClass: 'unknown', classSource: 'none',
    });
  });
});
