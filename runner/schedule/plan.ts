import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { sampleIatMs } from './iat.js';
import { createRng } from './rng.js';

/**
 * STeLLAR's burst schedule with its implicit rules written down:
 * - `bursts` counts bursts over all endpoints, so there are ⌈bursts / parallelism⌉ rounds;
 * - round r sends one burst to each endpoint e at once, burstId = r·parallelism + e, for as
 *   long as burstId < bursts (the last round may be partial);
 * - round r is due at t_r = iat_0 + … + iat_r after the sub-experiment starts: an IAT passes
 *   before the first round too, so functions just deployed or calibrated idle for one IAT first;
 * - the burst size of round r is burstSizes[r mod n]; its desired service time is
 *   desiredServiceTimesMs[r mod n] (`cycle`) or [min(r, n − 1)] (`step`).
 * Unlike STeLLAR, due times are absolute offsets: nothing here waits for a response.
 */

export interface PlannedBurst {
  readonly subExperimentIndex: number;
  readonly burstId: number;
  readonly round: number;
  readonly endpointIndex: number;
  readonly size: number;
  readonly desiredServiceTimeMs: number;
  /** When the burst is due, in ms after the sub-experiment's start. */
  readonly offsetMs: number;
}

export interface SubExperimentPlan {
  readonly subExperimentIndex: number;
  readonly rounds: number;
  /** In burstId order, which is also offset order (then endpoint order within a round). */
  readonly bursts: readonly PlannedBurst[];
  /** The IAT waited before each round (one per round). */
  readonly iatsMs: readonly number[];
  /** Offset of the last round (0 when there are none). */
  readonly lastOffsetMs: number;
  readonly totalRequests: number;
}

/** The whole schedule of one sub-experiment; pure: the same sub and seed give the same plan. */
export function planSubExperiment(sub: ResolvedSubExperiment, seed: number): SubExperimentPlan {
  const rng = createRng(seed, sub.index);
  const rounds = Math.ceil(sub.bursts / sub.parallelism);
  const bursts: PlannedBurst[] = [];
  const iatsMs: number[] = [];
  let offsetMs = 0;
  let totalRequests = 0;
  for (let round = 0; round < rounds; round++) {
    const iatMs = sampleIatMs(sub.iat, rng);
    iatsMs.push(iatMs);
    offsetMs += iatMs;
    const size = pick(sub.burstSizes, round % sub.burstSizes.length);
    const desiredServiceTimeMs = pick(sub.desiredServiceTimesMs, serviceTimeIndex(sub, round));
    for (let endpointIndex = 0; endpointIndex < sub.parallelism; endpointIndex++) {
      const burstId = round * sub.parallelism + endpointIndex;
      if (burstId >= sub.bursts) break;
      bursts.push({ subExperimentIndex: sub.index, burstId, round, endpointIndex, size, desiredServiceTimeMs, offsetMs });
      totalRequests += size;
    }
  }
  return { subExperimentIndex: sub.index, rounds, bursts, iatsMs, lastOffsetMs: offsetMs, totalRequests };
}

function serviceTimeIndex(sub: ResolvedSubExperiment, round: number): number {
  const count = sub.desiredServiceTimesMs.length;
  return sub.serviceTimeOrder === 'step' ? Math.min(round, count - 1) : round % count;
}

function pick(values: readonly number[], index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`no value at index ${index} of a list of ${values.length}`);
  return value;
}
