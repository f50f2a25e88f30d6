import { type SpanClock, systemClock } from '../core/index.js';
import { StoreError, StoreFailure } from './store-error.js';
import { checkKey } from './transfer-key.js';
import type { DeleteResult, GetResult, PutResult, StoreOperation, StoreService, StoreTiming, TransferStore } from './transfer-store.js';

/** What a vendor client gets for one call: the deadline's signal, and where to report credential time. */
export interface CallContext {
  /** Aborts when the call's time is up; pass it to fetch or the SDK. */
  readonly signal: AbortSignal;
  /** Adds to the call's authMs (time spent fetching a token inside the call). */
  addAuthMs(ms: number): void;
}

/**
 * The three calls a vendor client implements, untimed. They throw StoreFailure for an answer that
 * is an error, or let transport errors (refused connection, abort) propagate as they come.
 */
export interface StoreBackend {
  readonly service: StoreService;
  put(key: string, body: Uint8Array, call: CallContext): Promise<void>;
  get(key: string, call: CallContext): Promise<Uint8Array>;
  delete(key: string, call: CallContext): Promise<void>;
}

export interface TimedStoreOptions {
  /** A call still unsettled after this long is abandoned and fails with code TIMEOUT. */
  readonly timeoutMs: number;
  readonly clock?: SpanClock;
}

/** Longest a call may be given: a Lambda, the longest-running of the hosts, stops at 15 minutes. */
export const MAX_STORE_TIMEOUT_MS = 900_000;

/**
 * Times every call of `backend` on the instance's clocks and turns every failure into a
 * StoreError. A call is never retried. Keys are checked before anything is sent.
 */
export function timedStore(backend: StoreBackend, options: TimedStoreOptions): TransferStore {
  const { timeoutMs } = options;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0 || timeoutMs > MAX_STORE_TIMEOUT_MS) {
    throw new RangeError(`store timeoutMs must be in (0, ${MAX_STORE_TIMEOUT_MS}], got ${timeoutMs}`);
  }
  const clock = options.clock ?? systemClock;
  const { service } = backend;

  async function timed<T>(operation: StoreOperation, key: string, run: (call: CallContext) => Promise<T>): Promise<{ value: T; timing: StoreTiming }> {
    checkKey(key);
    const startedAtEpochMs = clock.epochMs();
    const startedAtMonotonicMs = clock.monotonicMs();
    let authMs = 0;
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new StoreFailure(null, 'TIMEOUT', `no answer within ${timeoutMs} ms`)), timeoutMs);
    const call: CallContext = { signal: deadline.signal, addAuthMs: (ms) => (authMs += ms) };
    const timingNow = (): StoreTiming => {
      const endedAtMonotonicMs = clock.monotonicMs();
      return { startedAtEpochMs, startedAtMonotonicMs, endedAtMonotonicMs, durationMs: endedAtMonotonicMs - startedAtMonotonicMs, authMs };
    };
    try {
      // The race settles the call at its deadline even where the client cannot be aborted (an R2 binding).
      const value = await Promise.race([run(call), rejectOnAbort(deadline.signal)]);
      return { value, timing: timingNow() };
    } catch (error) {
      const failure = deadline.signal.aborted ? (deadline.signal.reason as StoreFailure) : describeFailure(error);
      throw new StoreError({ service, operation, key, status: failure.status, code: failure.code, detail: failure.message, timing: timingNow() });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    service,
    async put(key, body): Promise<PutResult> {
      const { timing } = await timed('put', key, (call) => backend.put(key, body, call));
      return { ...timing, key, bytes: body.byteLength };
    },
    async get(key): Promise<GetResult> {
      const { value, timing } = await timed('get', key, (call) => backend.get(key, call));
      return { ...timing, key, bytes: value.byteLength, body: value };
    },
    async delete(key): Promise<DeleteResult> {
      const { timing } = await timed('delete', key, (call) => backend.delete(key, call));
      return { ...timing, key };
    },
  };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
}

/**
 * A StoreFailure as it is; a transport error by its code: Node's socket code where fetch hides
 * it in `cause` (`TypeError: fetch failed`, cause ECONNREFUSED), else the error's own code or
 * name. Errors are read by shape, not `instanceof`: fetch's come from another realm under test
 * runners and from the host in workerd.
 */
export function describeFailure(error: unknown): StoreFailure {
  if (error instanceof StoreFailure) return error;
  if (typeof error !== 'object' || error === null) return new StoreFailure(null, 'UNKNOWN', String(error));
  const { name, message, code, cause } = error as { name?: unknown; message?: unknown; code?: unknown; cause?: { code?: unknown; message?: unknown } };
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const causeMessage = text(cause?.message);
  const ownMessage = text(message) ?? 'no message';
  return new StoreFailure(
    null,
    text(cause?.code) ?? text(code) ?? text(name) ?? 'UNKNOWN',
    causeMessage === undefined ? ownMessage : `${ownMessage} (${causeMessage})`,
  );
}
