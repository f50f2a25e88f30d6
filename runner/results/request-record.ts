/**
 * One request the runner sent, whatever became of it: the unit every sink (CSV, statistics,
 * progress, plots) consumes. Failed requests are records too, with `ok: false` and an error code;
 * nothing is ever dropped.
 *
 * Times ending in `Ms` without "duration" meaning are offsets in milliseconds (µs precision) from
 * the run's monotonic origin (`RunInfo.originEpochMs` anchors them to the wall clock).
 */

/**
 * How a request met its instance: `cold` (the instance's first request, its init just before),
 * `cold-preinit` (the instance's first request, but the platform had initialised it well ahead of
 * it, so the client did not wait for the init: idleBeforeMs at or above the sub-experiment's
 * preinitThresholdMs), `warm` (a later request, or the first accepted one after a refused one),
 * `unknown` (no answer that could say). Every list of classes in the code derives from this one,
 * in this order.
 */
export const REQUEST_CLASSES = ['cold', 'cold-preinit', 'warm', 'unknown'] as const;
export type RequestClass = (typeof REQUEST_CLASSES)[number];
/** Where the class came from: the function's coldStart flag, the latency threshold, or nowhere. */
export type ClassSource = 'function' | 'threshold' | 'none';

/**
 * Error codes: Node's socket codes as they come (ECONNREFUSED, ECONNRESET, EPIPE, ENOTFOUND,
 * ...), plus faasbench's own: TIMEOUT (requestTimeoutMs passed), HTTP_<status> (a non-2xx
 * answer), BAD_BODY (2xx whose body is not the response contract), ABORTED (the run was
 * interrupted while the request was in flight).
 */
export type ErrorCode = string;

export interface RequestRecord {
  readonly subExperiment: string;
  readonly subExperimentIndex: number;
  /** Replica the request went to (0-based) and its URL (never with the token). */
  readonly endpointIndex: number;
  readonly endpointUrl: string;
  /** 0-based, in scheduled order, unique within the sub-experiment. */
  readonly burstId: number;
  readonly round: number;
  readonly burstSize: number;
  readonly indexInBurst: number;
  readonly desiredServiceTimeMs: number;
  /** Busy-spin increments asked for (from calibration); 0 when no spin was wanted. */
  readonly spinIncrementsRequested: number;

  readonly scheduledMs: number;
  readonly dispatchedMs: number;
  /** Socket connected (TCP), TLS done, request fully written, first response byte, done or failed. */
  readonly connectedMs: number | null;
  readonly secureConnectedMs: number | null;
  readonly sentMs: number | null;
  readonly firstByteMs: number | null;
  readonly endMs: number;

  /** endMs - dispatchedMs: what the client waited, connection set-up included. */
  readonly latencyMs: number;
  /** firstByteMs - dispatchedMs (STeLLAR's "Client Latency"), null without a response. */
  readonly ttfbMs: number | null;
  /** dispatchedMs - scheduledMs: how late the client sent it. */
  readonly scheduleLagMs: number;

  /** Connection phases; null when no new connection (or no TLS) was made. */
  readonly dnsMs: number | null;
  readonly tcpMs: number | null;
  readonly tlsMs: number | null;
  readonly reusedConnection: boolean;
  readonly remoteAddress: string | null;
  /** IP version dialed, 4 or 6: one per endpoint for the whole run (`addressFamily`); null when nothing was dialed. */
  readonly addressFamily: 4 | 6 | null;

  readonly status: number | null;
  readonly ok: boolean;
  readonly errorCode: ErrorCode | null;
  readonly errorMessage: string | null;
  readonly responseBytes: number;

  readonly requestClass: RequestClass;
  readonly classSource: ClassSource;

  /**
   * The function's own fields (null when there was no valid response body); the `...At` fields are
   * epoch ms on the function's clock. See MeasurementResponse in measurement-functions/core.
   */
  readonly instanceId: string | null;
  readonly coldStart: boolean | null;
  readonly refusedBeforeFirst: number | null;
  readonly invocationCount: number | null;
  readonly instanceStartedAt: number | null;
  /** null also where the runtime cannot say when init ended (workerd). */
  readonly initEndedAt: number | null;
  readonly handlerStartedAt: number | null;
  readonly handlerEndedAt: number | null;
  /** initEndedAt - instanceStartedAt: how long the instance took to load the function. */
  readonly initMs: number | null;
  /** handlerStartedAt - initEndedAt: how long the loaded instance waited for this request. */
  readonly idleBeforeMs: number | null;
  readonly serviceTimeMs: number | null;
  readonly spinIncrements: number | null;
  readonly spinCapped: boolean | null;
  readonly payloadBytes: number | null;
  readonly vendor: string | null;
  readonly runtime: string | null;
  readonly region: string | null;
  readonly memoryMb: number | null;
  readonly requestId: string | null;
}

/**
 * The latency CSV's columns, in order: `[csv header, record field]`. Changing this changes the
 * file format; the report command reads files by these headers.
 */
export const LATENCY_COLUMNS = [
  ['sub_experiment', 'subExperiment'],
  ['sub_experiment_index', 'subExperimentIndex'],
  ['endpoint_index', 'endpointIndex'],
  ['endpoint_url', 'endpointUrl'],
  ['burst_id', 'burstId'],
  ['round', 'round'],
  ['burst_size', 'burstSize'],
  ['index_in_burst', 'indexInBurst'],
  ['desired_service_time_ms', 'desiredServiceTimeMs'],
  ['spin_increments_requested', 'spinIncrementsRequested'],
  ['scheduled_ms', 'scheduledMs'],
  ['dispatched_ms', 'dispatchedMs'],
  ['connected_ms', 'connectedMs'],
  ['secure_connected_ms', 'secureConnectedMs'],
  ['sent_ms', 'sentMs'],
  ['first_byte_ms', 'firstByteMs'],
  ['end_ms', 'endMs'],
  ['latency_ms', 'latencyMs'],
  ['ttfb_ms', 'ttfbMs'],
  ['schedule_lag_ms', 'scheduleLagMs'],
  ['dns_ms', 'dnsMs'],
  ['tcp_ms', 'tcpMs'],
  ['tls_ms', 'tlsMs'],
  ['reused_connection', 'reusedConnection'],
  ['remote_address', 'remoteAddress'],
  ['address_family', 'addressFamily'],
  ['status', 'status'],
  ['ok', 'ok'],
  ['error_code', 'errorCode'],
  ['error_message', 'errorMessage'],
  ['response_bytes', 'responseBytes'],
  ['class', 'requestClass'],
  ['class_source', 'classSource'],
  ['instance_id', 'instanceId'],
  ['cold_start', 'coldStart'],
  ['refused_before_first', 'refusedBeforeFirst'],
  ['invocation_count', 'invocationCount'],
  ['instance_started_at', 'instanceStartedAt'],
  ['init_ended_at', 'initEndedAt'],
  ['handler_started_at', 'handlerStartedAt'],
  ['handler_ended_at', 'handlerEndedAt'],
  ['init_ms', 'initMs'],
  ['idle_before_ms', 'idleBeforeMs'],
  ['service_time_ms', 'serviceTimeMs'],
  ['spin_increments', 'spinIncrements'],
  ['spin_capped', 'spinCapped'],
  ['payload_bytes', 'payloadBytes'],
  ['vendor', 'vendor'],
  ['runtime', 'runtime'],
  ['region', 'region'],
  ['memory_mb', 'memoryMb'],
  ['request_id', 'requestId'],
] as const satisfies readonly (readonly [string, keyof RequestRecord])[];
