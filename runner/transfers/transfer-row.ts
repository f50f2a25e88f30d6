import type { RequestClass } from '../results/request-record.js';

/**
 * One row of transfers.csv: the transfer from hop `hop` to hop `hop + 1` of one chain request,
 * failures included. Identity columns join it with the request's row in latencies.csv
 * (sub_experiment_index, burst_id, index_in_burst). Times are ms with µs precision.
 *
 * Which clock each figure is on:
 * - put_ms, handoff_rtt_ms: the sender's monotonic clock (one clock);
 * - get_ms, delete_ms, receiver_busy_ms: the receiver's monotonic clock (one clock);
 * - transfer_ms: a difference on the sender's clock minus a difference on the receiver's, so no
 *   skew between the two enters it;
 * - transfer_cross_clock_ms: one instant on the receiver's wall clock minus one on the sender's:
 *   it CROSSES two clocks and carries their offset (kept for comparison with STeLLAR, whose
 *   timestamp chains were such differences; never used for bandwidth).
 */
export interface TransferRow {
  readonly subExperiment: string;
  readonly subExperimentIndex: number;
  readonly endpointIndex: number;
  readonly burstId: number;
  readonly indexInBurst: number;
  /** Made by hop 0 for this chain request; null when no hop answered. */
  readonly chainId: string | null;
  /** The sender's position; the receiver is hop + 1. */
  readonly hop: number;
  readonly chainLength: number;
  readonly transfer: 'inline' | 'storage';
  readonly payloadBytes: number;
  readonly senderInstanceId: string | null;
  readonly receiverInstanceId: string | null;
  /** The receiver's own class (its first request: cold or cold-preinit; later: warm), unknown without its answer. */
  readonly receiverClass: RequestClass;
  /** The store the payload went through (storage mode): s3, azure-blob, gcs, r2, local. */
  readonly storeService: string | null;
  readonly putMs: number | null;
  readonly getMs: number | null;
  readonly deleteMs: number | null;
  /** Time spent fetching credentials inside the put and get (GCS's metadata token). */
  readonly authMs: number | null;
  /** answerReceived − handedOn on the sender: the call to the next hop, whole chain after it included. */
  readonly handoffRttMs: number | null;
  /** responded − received on the receiver. */
  readonly receiverBusyMs: number | null;
  /**
   * (answerReceived − payloadReady) on the sender − (responded − payloadReady) on the receiver,
   * monotonic stamps only: each difference on ONE instance's clock, so no skew enters. An upper
   * bound of the one-way transfer (it holds the answer's way back, and a cold receiver's start).
   */
  readonly transferMs: number | null;
  /** payloadReady.epochMs of the receiver − that of the sender: across TWO clocks, skew included. */
  readonly transferCrossClockMs: number | null;
  /** payload_bytes · 8 / transfer_ms / 1000: megabits per second. */
  readonly bandwidthMbps: number | null;
  /** No error on either side of this transfer. */
  readonly ok: boolean;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
}

/** The columns of transfers.csv in order: `[header, field]`. */
export const TRANSFER_COLUMNS = [
  ['sub_experiment', 'subExperiment'],
  ['sub_experiment_index', 'subExperimentIndex'],
  ['endpoint_index', 'endpointIndex'],
  ['burst_id', 'burstId'],
  ['index_in_burst', 'indexInBurst'],
  ['chain_id', 'chainId'],
  ['hop', 'hop'],
  ['chain_length', 'chainLength'],
  ['transfer', 'transfer'],
  ['payload_bytes', 'payloadBytes'],
  ['sender_instance_id', 'senderInstanceId'],
  ['receiver_instance_id', 'receiverInstanceId'],
  ['receiver_class', 'receiverClass'],
  ['store_service', 'storeService'],
  ['put_ms', 'putMs'],
  ['get_ms', 'getMs'],
  ['delete_ms', 'deleteMs'],
  ['auth_ms', 'authMs'],
  ['handoff_rtt_ms', 'handoffRttMs'],
  ['receiver_busy_ms', 'receiverBusyMs'],
  ['transfer_ms', 'transferMs'],
  ['transfer_cross_clock_ms', 'transferCrossClockMs'],
  ['bandwidth_mbps', 'bandwidthMbps'],
  ['ok', 'ok'],
  ['error_code', 'errorCode'],
  ['error_message', 'errorMessage'],
] as const satisfies readonly (readonly [string, keyof TransferRow])[];

export const TRANSFER_HEADERS: readonly string[] = TRANSFER_COLUMNS.map(([header]) => header);
