import type { ResolvedChain } from '../../experiments/schema/index.js';
import type { RequestClass, RequestRecord } from '../results/request-record.js';
import { type HopAnswer, hopAnswers, type ParsedStamp } from './hop-reports.js';
import type { TransferRow } from './transfer-row.js';

/** The request and sub-experiment a chain answer belongs to. */
export interface ChainRequest {
  readonly record: Pick<RequestRecord, 'subExperiment' | 'subExperimentIndex' | 'endpointIndex' | 'burstId' | 'indexInBurst' | 'errorCode' | 'errorMessage'>;
  readonly chain: ResolvedChain;
  readonly preinitThresholdMs: number;
}

/**
 * The transfers.csv rows of one chain request: one per transfer, hop 0 → 1 to hop N−2 → N−1,
 * always N − 1 of them (pure). A transfer that could not be measured is a row with its error: the
 * error of the hop that failed, NOT_REACHED past it, and the client's own error code (TIMEOUT,
 * ECONNREFUSED, ...) when no hop answered at all.
 */
export function hopRows(request: ChainRequest, body: unknown): TransferRow[] {
  const hops = hopAnswers(body);
  const rows: TransferRow[] = [];
  for (let hop = 0; hop < request.chain.length - 1; hop++) rows.push(rowOf(request, hops, hop));
  return rows;
}

function rowOf(request: ChainRequest, hops: readonly HopAnswer[], hop: number): TransferRow {
  const { record, chain } = request;
  const sender = hops[hop];
  const receiver = hops[hop + 1];
  const base = {
    subExperiment: record.subExperiment,
    subExperimentIndex: record.subExperimentIndex,
    endpointIndex: record.endpointIndex,
    burstId: record.burstId,
    indexInBurst: record.indexInBurst,
    chainId: hops[0]?.chain.chainId ?? null,
    hop,
    chainLength: chain.length,
    transfer: chain.transfer,
    payloadBytes: sender?.chain.payloadBytes ?? chain.payloadBytes,
    senderInstanceId: sender?.instanceId ?? null,
    receiverInstanceId: receiver?.instanceId ?? null,
    receiverClass: receiver === undefined ? ('unknown' as const) : classOf(receiver, request.preinitThresholdMs),
    storeService: sender?.chain.storage.service ?? receiver?.chain.storage.service ?? null,
  };
  const put = sender?.chain.storage.put ?? null;
  const get = receiver?.chain.storage.get ?? null;
  const del = receiver?.chain.storage.delete ?? null;
  const s = sender?.chain.stamps;
  const r = receiver?.chain.stamps;
  const transferMs =
    s?.payloadReadyAt != null && s.answerReceivedAt != null && r?.payloadReadyAt != null
      ? s.answerReceivedAt.monotonicMs - s.payloadReadyAt.monotonicMs - (r.respondedAt.monotonicMs - r.payloadReadyAt.monotonicMs)
      : null;
  const error = errorOf(request, hops, hop);
  return {
    ...base,
    putMs: put?.durationMs ?? null,
    getMs: get?.durationMs ?? null,
    deleteMs: del?.durationMs ?? null,
    authMs: put === null && get === null ? null : (put?.authMs ?? 0) + (get?.authMs ?? 0),
    handoffRttMs: s?.handedOnAt != null && s.answerReceivedAt != null ? s.answerReceivedAt.monotonicMs - s.handedOnAt.monotonicMs : null,
    receiverBusyMs: r === undefined ? null : r.respondedAt.monotonicMs - r.receivedAt.monotonicMs,
    transferMs,
    transferCrossClockMs: s?.payloadReadyAt != null && r?.payloadReadyAt != null ? crossClock(s.payloadReadyAt, r.payloadReadyAt) : null,
    bandwidthMbps: transferMs !== null && transferMs > 0 ? (base.payloadBytes * 8) / transferMs / 1000 : null,
    ok: error === null && transferMs !== null,
    errorCode: error?.code ?? (transferMs === null ? 'NO_STAMPS' : null),
    errorMessage: error?.message ?? (transferMs === null ? 'the answers lack the stamps this transfer needs' : null),
  };
}

/** The receiver's wall clock minus the sender's: two clocks. */
function crossClock(sent: ParsedStamp, received: ParsedStamp): number {
  return received.epochMs - sent.epochMs;
}

/** Stages of the sender and of the receiver that belong to this transfer. */
const SENDER_STAGES = new Set(['put', 'next-hop', 'cleanup']);
const RECEIVER_STAGES = new Set(['request', 'payload', 'get', 'delete']);

function errorOf(request: ChainRequest, hops: readonly HopAnswer[], hop: number): { code: string; message: string } | null {
  if (hops.length === 0) {
    return { code: request.record.errorCode ?? 'NO_REPORT', message: request.record.errorMessage ?? 'the answer carried no hop report' };
  }
  const sender = hops[hop];
  if (sender === undefined) return { code: 'NOT_REACHED', message: `hop ${hop} was not reached: ${firstFailure(hops) ?? 'an earlier hop failed'}` };
  const receiver = hops[hop + 1];
  const receiverError = receiver?.chain.errors.find((e) => RECEIVER_STAGES.has(e.stage));
  if (receiverError !== undefined) return { code: receiverError.code, message: `hop ${hop + 1} ${receiverError.stage}: ${receiverError.message}` };
  // A next-hop error that is only the receiver's own 502 passing up says nothing new about this transfer.
  const senderError = sender.chain.errors.find((e) => SENDER_STAGES.has(e.stage) && !(e.stage === 'next-hop' && receiver !== undefined));
  if (senderError !== undefined) return { code: senderError.code, message: `hop ${hop} ${senderError.stage}: ${senderError.message}` };
  const payloadError = sender.chain.errors.find((e) => e.stage === 'payload' || e.stage === 'get');
  if (payloadError !== undefined && hop > 0) return { code: 'NOT_SENT', message: `hop ${hop} had no payload to send: ${payloadError.message}` };
  return null;
}

function firstFailure(hops: readonly HopAnswer[]): string | null {
  for (const answer of hops) {
    const first = answer.chain.errors[0];
    if (first !== undefined) return `hop ${answer.chain.position} ${first.stage}: ${first.code}`;
  }
  return null;
}

function classOf(answer: HopAnswer, preinitThresholdMs: number): RequestClass {
  if (!answer.coldStart) return 'warm';
  const idle = answer.initEndedAt === null ? null : answer.handlerStartedAt - answer.initEndedAt;
  return idle !== null && idle >= preinitThresholdMs ? 'cold-preinit' : 'cold';
}
