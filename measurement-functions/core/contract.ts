/**
 * The wire contract of every measurement function, on every vendor and runtime. The runner, the
 * local platform and every adapter import these names; the Python core mirrors them.
 *
 * Request: GET or POST `<endpoint url>?spinIncrements=N` or `?spinMs=T` (at most one of the two),
 * header `x-faasbench-token: <stack token>`, optional body of payload bytes (counted, not parsed).
 * A request without the right token is refused with 401 before any work is done.
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
   * refuses random values at global scope) when the isolate serves its first request.
   */
  readonly instanceId: string;
  /** True on the first invocation this instance serves. */
  readonly coldStart: boolean;
  /** Invocations this instance has served, this one included (1 on a cold start). */
  readonly invocationCount: number;
  /** Epoch ms (sub-ms fraction where the runtime has it) when the instance was made (see instanceId). */
  readonly instanceStartedAt: number;
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
