import type { BurstSummary, CalibrationResult, RunEvent, RunInfo } from '../../../runner/engine/events.js';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

/** A successful warm request to sub-experiment 0; `overrides` patch any field. */
export function recordFixture(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    subExperiment: 'warm',
    subExperimentIndex: 0,
    endpointIndex: 0,
    endpointUrl: 'https://example.invalid/s0-r0',
    burstId: 0,
    round: 0,
    burstSize: 1,
    indexInBurst: 0,
    desiredServiceTimeMs: 0,
    spinIncrementsRequested: 0,
    scheduledMs: 100,
    dispatchedMs: 100.25,
    connectedMs: 101.5,
    secureConnectedMs: 103.125,
    sentMs: 103.5,
    firstByteMs: 140.75,
    endMs: 141,
    latencyMs: 40.75,
    ttfbMs: 40.5,
    scheduleLagMs: 0.25,
    dnsMs: 0.5,
    tcpMs: 1,
    tlsMs: 1.625,
    reusedConnection: false,
    remoteAddress: '192.0.2.10',
    addressFamily: 4,
    status: 200,
    ok: true,
    errorCode: null,
    errorMessage: null,
    responseBytes: 412,
    requestClass: 'warm',
    classSource: 'function',
    instanceId: 'i-7f3a',
    coldStart: false,
    refusedBeforeFirst: 0,
    invocationCount: 2,
    instanceStartedAt: 1795000000000.125,
    initEndedAt: 1795000000080.25,
    handlerStartedAt: 1795000000100.5,
    handlerEndedAt: 1795000000101.75,
    initMs: 80.125,
    idleBeforeMs: 20.25,
    serviceTimeMs: 1.25,
    spinIncrements: 0,
    spinCapped: false,
    payloadBytes: 0,
    vendor: 'aws',
    runtime: 'node20',
    region: 'eu-west-1',
    memoryMb: 256,
    requestId: 'req-1',
    ...overrides,
  };
}

/** A failed request: no response, so every function field is null. */
export function failedRecordFixture(errorCode: string, overrides: Partial<RequestRecord> = {}): RequestRecord {
  return recordFixture({
    firstByteMs: null,
    ttfbMs: null,
    status: errorCode.startsWith('HTTP_') ? Number(errorCode.slice(5)) : null,
    ok: false,
    errorCode,
    errorMessage: `request failed: ${errorCode}`,
    responseBytes: 0,
    requestClass: 'unknown',
    classSource: 'none',
    instanceId: null,
    coldStart: null,
    refusedBeforeFirst: null,
    invocationCount: null,
    instanceStartedAt: null,
    initEndedAt: null,
    handlerStartedAt: null,
    handlerEndedAt: null,
    initMs: null,
    idleBeforeMs: null,
    serviceTimeMs: null,
    spinIncrements: null,
    spinCapped: null,
    payloadBytes: null,
    vendor: null,
    runtime: null,
    region: null,
    memoryMb: null,
    requestId: null,
    ...overrides,
  });
}

/** RunInfo for the shared experiment fixture, and the stack token that must never reach a results file. */
export function runInfoFixture(): { run: RunInfo; token: string } {
  const experiment = experimentFixture('experiments/fixture.json');
  const outputs = outputsFixture(experiment);
  const endpoints = outputs.experiments[0];
  if (endpoints === undefined) throw new Error('outputs fixture has no experiment');
  const run: RunInfo = {
    runId: '2026-11-23T14-05-12Z-3f9a',
    experiment,
    endpoints,
    endpointSource: 'stack',
    toolVersion: '0.1.0',
    nodeVersion: 'v20.20.2',
    originEpochMs: Date.UTC(2026, 10, 23, 14, 5, 12, 250),
    plannedRequests: 6,
    plannedBursts: 6,
    plannedLastBurstMs: 30,
  };
  return { run, token: outputs.token };
}

export function calibrationFixture(overrides: Partial<CalibrationResult> = {}): CalibrationResult {
  return {
    subExperimentIndex: 0,
    subExperiment: 'warm',
    incrementsPerMs: 1500,
    points: [{ desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: 0.01 }],
    requestsSent: 3,
    timedBy: 'function',
    problem: null,
    ...overrides,
  };
}

function burstSummary(records: readonly RequestRecord[]): BurstSummary {
  const first = records[0];
  if (first === undefined) throw new Error('a burst needs a record');
  const ok = records.filter((r) => r.ok);
  return {
    subExperimentIndex: first.subExperimentIndex,
    subExperiment: first.subExperiment,
    burstId: first.burstId,
    round: first.round,
    endpointIndex: first.endpointIndex,
    size: records.length,
    scheduledMs: first.scheduledMs,
    firstDispatchedMs: first.dispatchedMs,
    lastDispatchedMs: first.dispatchedMs,
    firstSentMs: first.sentMs,
    lastSentMs: first.sentMs,
    ok: ok.length,
    errors: records.length - ok.length,
    cold: records.filter((r) => r.requestClass === 'cold').length,
    warm: records.filter((r) => r.requestClass === 'warm').length,
    medianLatencyMs: ok[0]?.latencyMs ?? null,
    maxLatencyMs: ok[0]?.latencyMs ?? null,
  };
}

/**
 * A whole small run as the engine would emit it: two sub-experiments, three single-request bursts
 * each, one cold start and one timeout, then run-end with `status`.
 */
export function scriptedRun(run: RunInfo, status: 'completed' | 'interrupted' | 'failed' = 'completed'): RunEvent[] {
  const events: RunEvent[] = [{ type: 'run-start', run }];
  for (const sub of run.experiment.subExperiments) {
    events.push({ type: 'calibration', calibration: calibrationFixture({ subExperimentIndex: sub.index, subExperiment: sub.title }) });
    for (let burstId = 0; burstId < 3; burstId += 1) {
      const scheduledMs = sub.index * 15 + burstId * 5;
      const base = { subExperiment: sub.title, subExperimentIndex: sub.index, burstId, round: burstId, scheduledMs, dispatchedMs: scheduledMs + 0.25 };
      const record =
        burstId === 0
          ? recordFixture({ ...base, requestClass: 'cold', coldStart: true, latencyMs: 250.5 })
          : sub.index === 1 && burstId === 2
            ? failedRecordFixture('TIMEOUT', base)
            : recordFixture({ ...base, latencyMs: 40 + burstId });
      events.push({ type: 'burst-start', subExperimentIndex: sub.index, burstId, size: 1, scheduledMs });
      events.push({ type: 'request', record });
      events.push({ type: 'burst-end', summary: burstSummary([record]) });
    }
    events.push({ type: 'sub-experiment-end', subExperimentIndex: sub.index, endMs: sub.index * 15 + 14 });
  }
  events.push({ type: 'run-end', status, endMs: 31.5, reason: status === 'completed' ? null : 'SIGINT received' });
  return events;
}
