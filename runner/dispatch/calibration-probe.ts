import type { AddressFamilyMode } from '../../experiments/schema/index.js';
import type { DispatchContext } from './burst.js';
import type { CalibrationProbe } from './calibrate.js';
import { probe } from './probe.js';
import { measurementUrl } from './probe-request.js';
import { errorMessageOf, parseMeasurementBody } from './response-body.js';

export interface CalibrationTarget {
  /** The endpoint as deployed (no query, no token). */
  readonly endpointUrl: string;
  readonly token: string;
  readonly timeoutMs: number;
  /** `ipv4` when absent, as for every request. */
  readonly addressFamily?: AddressFamilyMode;
}

/**
 * The real calibration probe: one GET asking for N increments. Fresh connections, so calibration
 * leaves no warm socket behind that would favour one endpoint in the study's first burst.
 */
export function httpCalibrationProbe(target: CalibrationTarget, context: DispatchContext, signal?: AbortSignal): CalibrationProbe {
  return async (spinIncrements) => {
    const outcome = await probe(
      {
        url: measurementUrl(target.endpointUrl, spinIncrements),
        token: target.token,
        payload: null,
        connection: 'fresh',
        timeoutMs: target.timeoutMs,
        addressFamily: target.addressFamily,
      },
      context,
      signal,
    );
    if (outcome.errorCode !== null) return { ok: false, problem: `${outcome.errorCode} (${outcome.errorMessage ?? 'no detail'})` };
    const status = outcome.status ?? 0;
    if (status < 200 || status > 299) return { ok: false, problem: `HTTP ${status} (${errorMessageOf(status, outcome.body)})` };
    const body = parseMeasurementBody(outcome.body);
    if (!body.ok) return { ok: false, problem: body.problem };
    return {
      ok: true,
      sample: { serviceTimeMs: body.response.serviceTimeMs, spinIncrements: body.response.spinIncrements, clientLatencyMs: outcome.endMs - outcome.dispatchedMs },
    };
  };
}
