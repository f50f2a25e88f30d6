import type { CoreConfig, CoreReply, CoreRequest, MeasurementInstance, MeasurementResponse, SpanClock } from '../core/index.js';
import { TOKEN_HEADER } from '../core/index.js';
import { StoreError } from '../storage/store-error.js';
import { isValidKey, newTransferKey, TRANSFER_KEY_PREFIX } from '../storage/transfer-key.js';
import type { StoreTiming, TransferStore } from '../storage/transfer-store.js';
import type { ChainConfig } from './chain-env.js';
import {
  CHAIN_HEADERS,
  CHAIN_ID_PATTERN,
  CHAIN_PAYLOAD_PARAM,
  type HopError,
  type HopReport,
  type HopStamp,
  type NextAnswer,
} from './hop-protocol.js';
import type { NextHop } from './next-hop.js';
import { payloadOf } from './payload.js';

/** What an adapter hands the hop besides the core request. */
export interface HopInput {
  /** The client's query value of chainPayloadBytes (hop 0 only). */
  readonly queryPayloadBytes: string | undefined;
  /** Lower-case header names; only the chain headers are read. */
  readonly header: (name: string) => string | undefined;
  /** Stamped at handler start, before the body was read. */
  readonly receivedAt: HopStamp;
  /** Stamped once the body was read whole (the same as receivedAt where the platform reads it before the handler). */
  readonly bodyReadAt: HopStamp;
}

export interface HopDeps {
  readonly clock: SpanClock;
  /** The hop's object store, made on first use (storage mode only). */
  readonly store: () => TransferStore;
  /** The next hop, or null on the last hop. */
  readonly next: NextHop | null;
  readonly randomId?: () => string;
}

/** What the adapter writes back: the core's reply, or with a chain, the reply plus `chain`. */
export type HopReply = CoreReply | { readonly status: 200 | 502; readonly body: MeasurementResponse & { readonly chain: HopReport; readonly error?: string; readonly message?: string } };

/** Longest part of a next hop's answer kept when it is not JSON. */
const MAX_FOREIGN_TEXT = 300;

export function stampOf(clock: SpanClock): HopStamp {
  return { epochMs: clock.epochMs(), monotonicMs: clock.monotonicMs() };
}

/**
 * One request to one hop. The core checks the token and spins first (a refusal does no chain
 * work at all); a request without chain fields is a plain measurement. Then the hop gets its
 * payload ready (makes it, checks the body, or reads the object back and deletes it), hands it
 * to the next hop, and answers with its stamps and the next hop's answer nested. A hop never
 * throws away what it measured: whatever failed is in `errors`, and the answer is 502 so the
 * client's row says the chain failed.
 */
export async function serveHop(
  instance: MeasurementInstance,
  config: CoreConfig,
  chain: ChainConfig,
  request: CoreRequest,
  input: HopInput,
  deps: HopDeps,
): Promise<HopReply> {
  const reply = instance.invoke(config, request);
  if (reply.status !== 200) return reply;
  const fields = readChainFields(chain, input);
  if (fields === null) return reply;
  if ('refusal' in fields) return { status: 400, body: { error: 'bad-request', message: fields.refusal } };

  const { clock } = deps;
  const { chainId, payloadBytes } = fields;
  const errors: HopError[] = [];
  const storage: { put: StoreTiming | null; get: StoreTiming | null; delete: StoreTiming | null } = { put: null, get: null, delete: null };
  let service: string | null = null;

  // 1. The payload, ready to send on.
  let payloadReadyAt: HopStamp | null = null;
  if (chain.position === 0) {
    payloadOf(payloadBytes);
    payloadReadyAt = stampOf(clock);
  } else if (chain.transfer === 'inline') {
    if (request.payloadBytes === payloadBytes) payloadReadyAt = input.bodyReadAt;
    else errors.push({ stage: 'payload', code: 'PAYLOAD_LENGTH', message: `received ${request.payloadBytes} bytes of the ${payloadBytes} announced`, status: null });
  } else {
    const store = deps.store();
    service = store.service;
    const key = fields.objectKey as string;
    try {
      const read = await store.get(key);
      storage.get = timingOf(read);
      if (read.bytes === payloadBytes) payloadReadyAt = stampOf(clock);
      else errors.push({ stage: 'payload', code: 'PAYLOAD_LENGTH', message: `read ${read.bytes} bytes of the ${payloadBytes} announced`, status: null });
    } catch (error) {
      errors.push(storeFailure('get', error));
      if (error instanceof StoreError) storage.get = error.timing;
    }
    // Deleted whether or not the read worked; a failed delete is left to the lifecycle rule.
    try {
      storage.delete = timingOf(await store.delete(key));
    } catch (error) {
      errors.push(storeFailure('delete', error));
      if (error instanceof StoreError) storage.delete = error.timing;
    }
  }

  // 2. On to the next hop.
  let handedOnAt: HopStamp | null = null;
  let answerReceivedAt: HopStamp | null = null;
  let next: NextAnswer | null = null;
  if (chain.hasNext && payloadReadyAt !== null) {
    const headers: Record<string, string> = {
      [TOKEN_HEADER]: config.token,
      [CHAIN_HEADERS.chainId]: chainId,
      [CHAIN_HEADERS.fromHop]: String(chain.position),
      [CHAIN_HEADERS.transfer]: chain.transfer,
      [CHAIN_HEADERS.payloadBytes]: String(payloadBytes),
    };
    let body: Uint8Array | null = null;
    let written: string | null = null;
    if (chain.transfer === 'inline') {
      body = payloadOf(payloadBytes);
      headers['content-type'] = 'application/octet-stream';
    } else {
      const store = deps.store();
      service = store.service;
      const key = newTransferKey(chainId, chain.position, deps.randomId);
      try {
        storage.put = timingOf(await store.put(key, payloadOf(payloadBytes)));
        written = key;
        headers[CHAIN_HEADERS.objectKey] = key;
      } catch (error) {
        errors.push(storeFailure('put', error));
        if (error instanceof StoreError) storage.put = error.timing;
      }
    }
    if (chain.transfer === 'inline' || written !== null) {
      handedOnAt = stampOf(clock);
      next = await callNext(deps.next, headers, body, chain.nextTimeoutMs, errors);
      answerReceivedAt = stampOf(clock);
      // The receiver deletes what it read; when it never answered 200 it may not have, so the sender tries.
      if (written !== null && next.status !== 200) await cleanUp(deps.store(), written, errors);
    }
  }

  const report: HopReport = {
    chainId,
    position: chain.position,
    length: chain.length,
    transfer: chain.transfer,
    payloadBytes,
    stamps: { receivedAt: input.receivedAt, payloadReadyAt, handedOnAt, answerReceivedAt, respondedAt: stampOf(clock) },
    storage: { service, ...storage },
    errors,
    next,
  };
  const failed = errors.length > 0 || (chain.hasNext && next?.status !== 200);
  if (!failed) return { status: 200, body: { ...reply.body, chain: report } };
  return { status: 502, body: { error: 'chain-failed', message: failureMessage(chain, errors, next), ...reply.body, chain: report } };
}

type ChainFields = { chainId: string; payloadBytes: number; objectKey: string | null } | { refusal: string } | null;

/** The chain fields of a request, checked; null when it has none (a plain measurement). */
function readChainFields(chain: ChainConfig, input: HopInput): ChainFields {
  if (chain.position === 0) {
    if (input.queryPayloadBytes === undefined) return null;
    const bytes = wholeBytes(input.queryPayloadBytes, chain.maxPayloadBytes);
    if (bytes === null) return { refusal: `${CHAIN_PAYLOAD_PARAM} must be a whole number from 0 to ${chain.maxPayloadBytes}` };
    return { chainId: crypto.randomUUID(), payloadBytes: bytes, objectKey: null };
  }
  const chainId = input.header(CHAIN_HEADERS.chainId);
  if (chainId === undefined) return null;
  if (!CHAIN_ID_PATTERN.test(chainId)) return { refusal: `${CHAIN_HEADERS.chainId} must be 1 to 64 letters, digits or dashes` };
  if (input.header(CHAIN_HEADERS.fromHop) !== String(chain.position - 1)) return { refusal: `this is hop ${chain.position}: only hop ${chain.position - 1} calls it` };
  if (input.header(CHAIN_HEADERS.transfer) !== chain.transfer) return { refusal: `this chain passes payloads ${chain.transfer}` };
  const bytes = wholeBytes(input.header(CHAIN_HEADERS.payloadBytes) ?? '', chain.maxPayloadBytes);
  if (bytes === null) return { refusal: `${CHAIN_HEADERS.payloadBytes} must be a whole number from 0 to ${chain.maxPayloadBytes}` };
  if (chain.transfer === 'inline') return { chainId, payloadBytes: bytes, objectKey: null };
  // The key must be one the previous hop of this very chain request could have made.
  const key = input.header(CHAIN_HEADERS.objectKey);
  const prefix = `${TRANSFER_KEY_PREFIX}${chainId}/hop-${chain.position - 1}-`;
  if (key === undefined || !isValidKey(key) || !key.startsWith(prefix)) return { refusal: `${CHAIN_HEADERS.objectKey} must be a key under ${prefix}` };
  return { chainId, payloadBytes: bytes, objectKey: key };
}

function wholeBytes(text: string, max: number): number | null {
  if (!/^\d{1,12}$/.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

async function callNext(next: NextHop | null, headers: Record<string, string>, body: Uint8Array | null, timeoutMs: number, errors: HopError[]): Promise<NextAnswer> {
  if (next === null) {
    errors.push({ stage: 'next-hop', code: 'NO_NEXT_HOP', message: 'this hop has no next hop configured', status: null });
    return { status: null, body: null };
  }
  const deadline = AbortSignal.timeout(timeoutMs);
  try {
    const { status, text } = await next.call(headers, body, deadline);
    const parsed = parseAnswer(text);
    if (status !== 200) errors.push({ stage: 'next-hop', code: `HTTP_${status}`, message: describeAnswer(parsed, text), status });
    return { status, body: parsed };
  } catch (error) {
    const code = deadline.aborted ? 'TIMEOUT' : codeOf(error);
    const message = deadline.aborted ? `no answer within ${timeoutMs} ms` : oneLine(error);
    errors.push({ stage: 'next-hop', code, message, status: null });
    return { status: null, body: null };
  }
}

async function cleanUp(store: TransferStore, key: string, errors: HopError[]): Promise<void> {
  try {
    await store.delete(key);
  } catch (error) {
    errors.push(storeFailure('cleanup', error));
  }
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text.length > MAX_FOREIGN_TEXT ? `${text.slice(0, MAX_FOREIGN_TEXT)}…` : text;
  }
}

function describeAnswer(parsed: unknown, text: string): string {
  const message = (parsed as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : text.slice(0, MAX_FOREIGN_TEXT) || 'no body';
}

function failureMessage(chain: ChainConfig, errors: readonly HopError[], next: NextAnswer | null): string {
  const first = errors[0];
  // A failure further down arrives as the next hop's 502: its message already names the hop.
  if (first?.stage === 'next-hop' && next?.status === 502) return first.message;
  return first === undefined ? `hop ${chain.position} failed` : `hop ${chain.position} ${first.stage}: ${first.code}: ${first.message}`;
}

function timingOf(result: StoreTiming): StoreTiming {
  return {
    startedAtEpochMs: result.startedAtEpochMs,
    startedAtMonotonicMs: result.startedAtMonotonicMs,
    endedAtMonotonicMs: result.endedAtMonotonicMs,
    durationMs: result.durationMs,
    authMs: result.authMs,
  };
}

function storeFailure(stage: HopError['stage'], error: unknown): HopError {
  if (error instanceof StoreError) return { stage, code: error.code, message: error.message, status: error.status };
  return { stage, code: codeOf(error), message: oneLine(error), status: null };
}

function codeOf(error: unknown): string {
  const { code, name, cause } = (error ?? {}) as { code?: unknown; name?: unknown; cause?: { code?: unknown } };
  for (const value of [cause?.code, code, name]) if (typeof value === 'string' && value !== '') return value;
  return 'UNKNOWN';
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? `${error.message}${(error.cause as Error | undefined)?.message ? ` (${(error.cause as Error).message})` : ''}` : String(error);
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_FOREIGN_TEXT);
}
