/**
 * The wire contract of every measurement function, on every vendor and runtime. The runner, the
 * local platform and every adapter import these names; the Python core mirrors them.
 *
 * Request: GET or POST `<endpoint url>?spinIncrements=N` or `?spinMs=T` (at most one of the two),
 * header `x-faasbench-token: <stack token>`, optional body of payload bytes (counted, not parsed).
 * A request without the right token is refused with 401 before any work is done; then a bad spin
 * (400) or a payload over the cap (413). A refusal answers only `{ error, message }`, but it still
 * counts as the instance's first request (see `coldStart`): the platform started the instance for
 * it whoever sent it, and no vendor checks the token before starting one.
 */

export const TOKEN_HEADER = 'x-faasbench-token';

/** Query parameter names. */
export const SPIN_INCREMENTS_PARAM = 'spinIncrements';
export const SPIN_MS_PARAM = 'spinMs';

/** Upper bound on spinIncrements a request may ask for, whatever the time cap. */
export const MAX_SPIN_INCREMENTS = 1e11;

/** What a successful invocation returns (HTTP 200, JSON). */
export interface MeasurementResponse {
  /**
   * Random id made once per instance: when the function's module is loaded, or on workerd (which
   * refuses random values at global scope) when the isolate receives its first request.
   */
  readonly instanceId: string;
  /**
   * True on the first request this instance received, of any kind: a refused request (401, 400,
   * 413) counts, so a stranger's request that started the instance leaves the next accepted one
   * warm. Always `invocationCount === 1 && refusedBeforeFirst === 0`.
   */
  readonly coldStart: boolean;
  /** Refused requests this instance answered before its first accepted one (0 when none). */
  readonly refusedBeforeFirst: number;
  /** Accepted invocations this instance has served, this one included. */
  readonly invocationCount: number;
  /**
   * Epoch ms when the runtime began loading the function: the process start where the runtime
   * exposes it, else the start of the function's module, else (workerd) the arrival of the
   * isolate's first request. Each adapter documents which.
   */
  readonly instanceStartedAt: number;
  /**
   * Epoch ms when the function's module finished loading (global init done); null where the
   * runtime's clock cannot say (workerd). A first request whose handler starts long after this
   * met an instance the platform had initialised ahead of it.
   */
  readonly initEndedAt: number | null;
  readonly handlerStartedAt: number;
  readonly handlerEndedAt: number;
  /** Busy time actually spent spinning, measured inside the function; null where the runtime's clock cannot advance during a request (workerd). */
  readonly serviceTimeMs: number | null;
  /** Loop increments actually executed. */
  readonly spinIncrements: number;
  /** True when the spin stopped at the function's cap rather than at what was asked. */
  readonly spinCapped: boolean;
  /** Bytes of request body received. */
  readonly payloadBytes: number;
  readonly vendor: string;
  /** Runtime as the function sees it, e.g. "nodejs v22.11.0" or "python 3.12.4". */
  readonly runtime: string;
  readonly region: string;
  readonly memoryMb: number;
  /** The platform's request id, when the platform gives one. */
  readonly requestId: string | null;
}

/** What a refused invocation returns (HTTP 400, 401 or 413, JSON). */
export interface MeasurementRefusal {
  readonly error: 'unauthorized' | 'bad-request' | 'payload-too-large';
  readonly message: string;
}
