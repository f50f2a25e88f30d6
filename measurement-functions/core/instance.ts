import { type CoreClock, randomInstanceId, systemClock } from './clock.js';
import type { CoreConfig } from './config.js';
import {
  MAX_SPIN_INCREMENTS,
  type MeasurementRefusal,
  type MeasurementResponse,
} from './contract.js';
import { spinFor, spinIncrements } from './spin.js';
import { tokenMatches } from './token.js';

export interface CoreRequest {
  /** Value of the x-faasbench-token header, if any. */
  readonly token: string | undefined;
  /** Raw query values of spinIncrements and spinMs. */
  readonly spinIncrements: string | undefined;
  readonly spinMs: string | undefined;
  readonly payloadBytes: number;
  readonly requestId: string | null;
}

export type CoreReply =
  | { readonly status: 200; readonly body: MeasurementResponse }
  | { readonly status: 400 | 401 | 413; readonly body: MeasurementRefusal };

export interface MeasurementInstance {
  readonly instanceId: string;
  readonly instanceStartedAt: number;
  readonly initEndedAt: number | null;
  invoke(config: CoreConfig, request: CoreRequest): CoreReply;
}

export interface InstanceOptions {
  readonly clock?: CoreClock;
  readonly randomId?: () => string;
  readonly runtimeLabel?: string;
  /**
   * Epoch ms when this instance began loading the function, for an adapter whose process start
   * is not that moment (Azure's worker process predates the app it is given). By default the
   * clock's process start, or, where the runtime does not expose it, now.
   */
  readonly loadStartedAt?: number;
  /** False where the clock cannot say when global init ended (workerd): initEndedAt is then null. */
  readonly initEndKnown?: boolean;
}

/**
 * One function instance. Create it as the last statement of the adapter's module: its creation
 * time is the instance's initEndedAt, its id marks exactly one runtime instance, and the first
 * request it receives, accepted or refused, is its cold start.
 */
export function createMeasurementInstance(options: InstanceOptions = {}): MeasurementInstance {
  const clock = options.clock ?? systemClock;
  const instanceId = (options.randomId ?? randomInstanceId)();
  const now = clock.epochMs();
  const instanceStartedAt = options.loadStartedAt ?? clock.processStartedAtMs() ?? now;
  const initEndedAt = options.initEndKnown === false ? null : now;
  const runtimeLabel = options.runtimeLabel ?? describeRuntime();
  let invocations = 0;
  let refusedBeforeFirst = 0;

  return {
    instanceId,
    instanceStartedAt,
    initEndedAt,
    invoke(config, request) {
      const handlerStartedAt = clock.epochMs();
      const checked = check(config, request);
      if ('refusal' in checked) {
        if (invocations === 0) refusedBeforeFirst += 1;
        return checked.refusal;
      }

      invocations += 1;
      const result =
        checked.kind === 'ms'
          ? spinFor(checked.amount, clock)
          : spinIncrements(checked.amount, config.clockAdvances ? config.maxSpinMs : null, clock);
      const body: MeasurementResponse = {
        instanceId,
        coldStart: invocations === 1 && refusedBeforeFirst === 0,
        refusedBeforeFirst,
        invocationCount: invocations,
        instanceStartedAt,
        initEndedAt,
        handlerStartedAt,
        handlerEndedAt: clock.epochMs(),
        serviceTimeMs: config.clockAdvances ? result.elapsedMs : null,
        spinIncrements: result.increments,
        spinCapped: result.capped,
        payloadBytes: request.payloadBytes,
        vendor: config.vendor,
        runtime: runtimeLabel,
        region: config.region,
        memoryMb: config.memoryMb,
        requestId: request.requestId,
      };
      return { status: 200, body };
    },
  };
}

type Checked = { kind: 'increments' | 'ms'; amount: number } | { refusal: CoreReply };

/** The token first, then the spin, then the payload: a refusal does no work at all. */
function check(config: CoreConfig, request: CoreRequest): Checked {
  if (!tokenMatches(config.token, request.token)) {
    return { refusal: refuse(401, 'unauthorized', 'missing or wrong x-faasbench-token') };
  }
  const spin = parseSpin(request, config);
  if ('refusal' in spin) return spin;
  if (request.payloadBytes > config.maxPayloadBytes) {
    return { refusal: refuse(413, 'payload-too-large', `payload of ${request.payloadBytes} bytes is more than ${config.maxPayloadBytes}`) };
  }
  return spin;
}

function parseSpin(request: CoreRequest, config: CoreConfig): Checked {
  if (request.spinIncrements !== undefined && request.spinMs !== undefined) {
    return { refusal: refuse(400, 'bad-request', 'give spinIncrements or spinMs, not both') };
  }
  if (request.spinMs !== undefined) {
    const ms = Number(request.spinMs);
    if (request.spinMs.trim() === '' || !Number.isFinite(ms) || ms < 0) {
      return { refusal: refuse(400, 'bad-request', 'spinMs must be a non-negative number') };
    }
    if (!config.clockAdvances) {
      return { refusal: refuse(400, 'bad-request', 'this runtime cannot time a request from inside; use spinIncrements') };
    }
    if (ms > config.maxSpinMs) {
      return { refusal: refuse(400, 'bad-request', `spinMs ${ms} is more than this function's cap of ${config.maxSpinMs}`) };
    }
    return { kind: 'ms', amount: ms };
  }
  const text = request.spinIncrements ?? '0';
  const increments = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(increments) || increments > MAX_SPIN_INCREMENTS) {
    return { refusal: refuse(400, 'bad-request', `spinIncrements must be a whole number from 0 to ${MAX_SPIN_INCREMENTS}`) };
  }
  return { kind: 'increments', amount: increments };
}

function refuse(status: 400 | 401 | 413, error: MeasurementRefusal['error'], message: string): CoreReply {
  return { status, body: { error, message } };
}

/** "nodejs v22.11.0" on Node; the user agent elsewhere (workerd says "Cloudflare-Workers"). */
function describeRuntime(): string {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  if (versions?.node !== undefined) return `nodejs v${versions.node}`;
  return (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent ?? 'unknown';
}
