import type { StoreTiming } from '../storage/transfer-store.js';

/**
 * The wire protocol between the hops of a data-transfer chain. The client calls hop 0 with the
 * usual measurement request plus `?chainPayloadBytes=B`; hop i calls hop i + 1 (the one hop its
 * deployment names, never an address from a request) with a POST carrying the headers below and,
 * in inline mode, the payload as its body. Every hop answers the usual MeasurementResponse plus
 * `chain`: its own stamps and storage calls, and the next hop's whole answer nested in `next`.
 */

/** Query parameter of the client's request to hop 0: the payload size the producer makes. */
export const CHAIN_PAYLOAD_PARAM = 'chainPayloadBytes';

/** Headers of a hop-to-hop request (besides the stack's token). */
export const CHAIN_HEADERS = {
  /** Made by hop 0 for each chain request; it also names the request's objects. */
  chainId: 'x-faasbench-chain-id',
  /** The sender's position: the receiver must be the next one. */
  fromHop: 'x-faasbench-chain-from-hop',
  transfer: 'x-faasbench-transfer',
  /** Bytes the payload has; the receiver checks what it got against it. */
  payloadBytes: 'x-faasbench-payload-bytes',
  /** Storage mode: the object the sender wrote. */
  objectKey: 'x-faasbench-object-key',
} as const;

export type Transfer = 'inline' | 'storage';

/** One instant on both of the hop's clocks: the wall clock (epoch ms) and its monotonic clock. */
export interface HopStamp {
  readonly epochMs: number;
  readonly monotonicMs: number;
}

export interface HopStamps {
  /** The handler started (before the body was read). */
  readonly receivedAt: HopStamp;
  /**
   * Producer: its payload made. Consumer: inline, the body read whole and its length checked;
   * storage, the object read back (before it is deleted). null when that failed.
   */
  readonly payloadReadyAt: HopStamp | null;
  /** Just before the request to the next hop (storage mode: after the put). null on the last hop or when the hop stopped before. */
  readonly handedOnAt: HopStamp | null;
  /** The next hop's whole answer read. null when there was no call. */
  readonly answerReceivedAt: HopStamp | null;
  /** Just before this hop writes its answer. */
  readonly respondedAt: HopStamp;
}

/** What went wrong at one stage of a hop, in one line (never a URL, a token or a signature). */
export interface HopError {
  readonly stage: 'request' | 'payload' | 'put' | 'get' | 'delete' | 'cleanup' | 'next-hop';
  readonly code: string;
  readonly message: string;
  /** HTTP status of the failed call, when it had an answer. */
  readonly status: number | null;
}

/** The next hop's answer as this hop received it. */
export interface NextAnswer {
  /** null when the call got no answer at all (refused, timed out). */
  readonly status: number | null;
  /** The answer's JSON (the next hop's MeasurementResponse with its own `chain`), or null. */
  readonly body: unknown;
}

export interface HopReport {
  readonly chainId: string;
  readonly position: number;
  readonly length: number;
  readonly transfer: Transfer;
  readonly payloadBytes: number;
  readonly stamps: HopStamps;
  /** Which store the storage calls went to (null in inline mode) and each call's timing on this hop's clocks. */
  readonly storage: {
    readonly service: string | null;
    readonly put: StoreTiming | null;
    readonly get: StoreTiming | null;
    readonly delete: StoreTiming | null;
  };
  readonly errors: readonly HopError[];
  /** null on the last hop, or when the hop stopped before calling the next one. */
  readonly next: NextAnswer | null;
}

/** Chain ids: hop 0's UUID, checked by every receiver before it lands in an object key. */
export const CHAIN_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;
