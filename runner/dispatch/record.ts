import type { MeasurementResponse } from '../../measurement-functions/core/index.js';
import type { ClassSource, RequestClass, RequestRecord } from '../results/request-record.js';
import type { PlannedBurst } from '../schedule/index.js';
import type { ProbeOutcome } from './outcome.js';
import { errorMessageOf, parseMeasurementBody } from './response-body.js';

/** What a record needs of its burst (a PlannedBurst is one). */
export type RecordBurst = Pick<PlannedBurst, 'burstId' | 'round' | 'size' | 'desiredServiceTimeMs'>;

export interface RecordEndpoint {
  readonly index: number;
  /** Without query and token: the URL as deployed. */
  readonly url: string;
}

export interface RecordContext {
  readonly subExperiment: string;
  readonly subExperimentIndex: number;
  readonly indexInBurst: number;
  /** When the burst was due, on the run clock. */
  readonly scheduledMs: number;
  readonly spinIncrementsRequested: number;
  readonly coldThresholdMs: number | null;
  /** A first request whose instance sat idle this long after its init is `cold-preinit`. */
  readonly preinitThresholdMs: number;
}

/**
 * One request as a record. ok means: no transport error, a 2xx status and a body that is the
 * measurement contract. The class comes from the function's own coldStart flag and init
 * timestamps; the latency threshold is only a fallback for complete responses whose body cannot say.
 */
export function toRequestRecord(
  planned: RecordBurst,
  outcome: ProbeOutcome,
  endpoint: RecordEndpoint,
  context: RecordContext,
): RequestRecord {
  const { errorCode, errorMessage, response } = judge(outcome);
  const latencyMs = outcome.endMs - outcome.dispatchedMs;
  const initMs = response === null ? null : difference(response.initEndedAt, response.instanceStartedAt);
  const idleBeforeMs = response === null ? null : difference(response.handlerStartedAt, response.initEndedAt);
  const { requestClass, classSource } = classify(response, idleBeforeMs, outcome, latencyMs, context);
  return {
    subExperiment: context.subExperiment,
    subExperimentIndex: context.subExperimentIndex,
    endpointIndex: endpoint.index,
    endpointUrl: endpoint.url,
    burstId: planned.burstId,
    round: planned.round,
    burstSize: planned.size,
    indexInBurst: context.indexInBurst,
    desiredServiceTimeMs: planned.desiredServiceTimeMs,
    spinIncrementsRequested: context.spinIncrementsRequested,
    scheduledMs: context.scheduledMs,
    dispatchedMs: outcome.dispatchedMs,
    connectedMs: outcome.connectedMs,
    secureConnectedMs: outcome.secureConnectedMs,
    sentMs: outcome.sentMs,
    firstByteMs: outcome.firstByteMs,
    endMs: outcome.endMs,
    latencyMs,
    ttfbMs: outcome.firstByteMs === null ? null : outcome.firstByteMs - outcome.dispatchedMs,
    scheduleLagMs: outcome.dispatchedMs - context.scheduledMs,
    dnsMs: outcome.dnsMs,
    tcpMs: outcome.tcpMs,
    tlsMs: outcome.tlsMs,
    reusedConnection: outcome.reusedConnection,
    remoteAddress: outcome.remoteAddress,
    addressFamily: outcome.addressFamily,
    status: outcome.status,
    ok: errorCode === null,
    errorCode,
    errorMessage,
    responseBytes: outcome.responseBytes,
    requestClass,
    classSource,
    instanceId: response?.instanceId ?? null,
    coldStart: response?.coldStart ?? null,
    refusedBeforeFirst: response?.refusedBeforeFirst ?? null,
    invocationCount: response?.invocationCount ?? null,
    instanceStartedAt: response?.instanceStartedAt ?? null,
    initEndedAt: response?.initEndedAt ?? null,
    handlerStartedAt: response?.handlerStartedAt ?? null,
    handlerEndedAt: response?.handlerEndedAt ?? null,
    initMs,
    idleBeforeMs,
    serviceTimeMs: response?.serviceTimeMs ?? null,
    spinIncrements: response?.spinIncrements ?? null,
    spinCapped: response?.spinCapped ?? null,
    payloadBytes: response?.payloadBytes ?? null,
    vendor: response?.vendor ?? null,
    runtime: response?.runtime ?? null,
    region: response?.region ?? null,
    memoryMb: response?.memoryMb ?? null,
    requestId: response?.requestId ?? null,
  };
}

interface Judgement {
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  readonly response: MeasurementResponse | null;
}

function judge(outcome: ProbeOutcome): Judgement {
  if (outcome.errorCode !== null) return { errorCode: outcome.errorCode, errorMessage: outcome.errorMessage, response: null };
  const status = outcome.status ?? 0;
  if (status < 200 || status > 299) {
    return { errorCode: `HTTP_${status}`, errorMessage: errorMessageOf(status, outcome.body), response: null };
  }
  const parsed = parseMeasurementBody(outcome.body);
  return parsed.ok
    ? { errorCode: null, errorMessage: null, response: parsed.response }
    : { errorCode: 'BAD_BODY', errorMessage: parsed.problem, response: null };
}

/** later - earlier on the function's own clock; null when either is unknown. */
function difference(later: number | null, earlier: number | null): number | null {
  return later === null || earlier === null ? null : later - earlier;
}

/**
 * The function decides: not its first request → warm; its first request after an init that ended
 * at least preinitThresholdMs before the handler started → cold-preinit (the platform initialised
 * the instance ahead of the request); any other first request → cold. Both times come from the
 * function's clock, so the client's clock offset does not enter.
 */
function classify(
  response: MeasurementResponse | null,
  idleBeforeMs: number | null,
  outcome: Pick<ProbeOutcome, 'errorCode' | 'status'>,
  latencyMs: number,
  thresholds: Pick<RecordContext, 'coldThresholdMs' | 'preinitThresholdMs'>,
): { requestClass: RequestClass; classSource: ClassSource } {
  if (response !== null) {
    if (!response.coldStart) return { requestClass: 'warm', classSource: 'function' };
    const preinitialised = idleBeforeMs !== null && idleBeforeMs >= thresholds.preinitThresholdMs;
    return { requestClass: preinitialised ? 'cold-preinit' : 'cold', classSource: 'function' };
  }
  // A complete answer whose body cannot say (an HTTP error, a foreign body): only then the threshold.
  const answered = outcome.errorCode === null && outcome.status !== null;
  if (thresholds.coldThresholdMs !== null && answered) {
    return { requestClass: latencyMs >= thresholds.coldThresholdMs ? 'cold' : 'warm', classSource: 'threshold' };
  }
  return { requestClass: 'unknown', classSource: 'none' };
}
