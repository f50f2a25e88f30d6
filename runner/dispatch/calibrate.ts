import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { MAX_SPIN_INCREMENTS } from '../../measurement-functions/core/index.js';
import type { CalibrationResult } from '../engine/events.js';
import { medianSorted, sortAscending } from '../stats/index.js';

/** What one calibration request showed. */
export interface CalibrationSample {
  /** Busy time the function measured; null where its clock cannot advance during a request. */
  readonly serviceTimeMs: number | null;
  /** Increments it actually ran. */
  readonly spinIncrements: number;
  /** What the client waited for the answer, dispatch to end. */
  readonly clientLatencyMs: number;
}

/** Sends one request asking for `spinIncrements` and reports the function's answer or why there is none. */
export type CalibrationProbe = (spinIncrements: number) => Promise<{ readonly ok: true; readonly sample: CalibrationSample } | { readonly ok: false; readonly problem: string }>;

export interface CalibrationOptions {
  /** Increments of each rate probe; big enough to time, small enough for any runtime (2e6 ≈ ms). */
  readonly rateIncrements?: number;
  readonly rateProbes?: number;
}

/** Probes per correction step: their median is what the step achieved (one probe is too noisy). */
export const SAMPLES_PER_STEP = 3;
/** A step within this fraction of the desired time ends the search. */
export const TOLERANCE = 0.05;
export const MAX_STEPS = 5;
/** Timed from the client, a rate needs a spin this long to stand out of the network's jitter. */
export const CLIENT_MIN_SPIN_MS = 50;

type Timed = { readonly ms: number; readonly ran: number } | { readonly problem: string };

/**
 * Desired service times → busy-spin increments, measured against the function itself (STeLLAR
 * timed a Go loop on the client, which is wrong for every other runtime and CPU). Sequential, one
 * request at a time: `rateProbes` probes of a fixed count give the rate (median of increments per
 * ms, robust to a slow first, cold, call); then per distinct desired time d, from n = d × rate:
 * SAMPLES_PER_STEP probes, and while their median is more than TOLERANCE off d (at most MAX_STEPS
 * times) a proportional correction n × d / median. The step whose median came closest to d gives
 * the increments used and the achieved time reported.
 *
 * Spins are timed by the function's own serviceTimeMs. Where the function cannot time itself (its
 * clock stands still during a request, as on workerd) they are timed by the client instead: latency
 * minus the median latency of requests with no spin, with the rate probe grown until its spin
 * stands out of the jitter. Never throws: what stops it is reported in `problem`, with 0 increments.
 */
export async function calibrate(
  sub: ResolvedSubExperiment,
  probe: CalibrationProbe,
  options: CalibrationOptions = {},
): Promise<CalibrationResult> {
  const desired = [...new Set(sub.desiredServiceTimesMs)];
  const base = { subExperimentIndex: sub.index, subExperiment: sub.title };
  let requestsSent = 0;
  let incrementsPerMs: number | null = null;
  let timedBy: CalibrationResult['timedBy'] = null;
  const failed = (problem: string): CalibrationResult => ({
    ...base,
    incrementsPerMs,
    points: desired.map(zeroPoint),
    requestsSent,
    timedBy,
    problem,
  });
  const send = async (increments: number) => {
    requestsSent += 1;
    const answer = await probe(increments);
    return answer.ok ? answer.sample : { problem: `a calibration request failed: ${answer.problem}` };
  };
  const medianOf = async (count: number, timer: (increments: number) => Promise<Timed>, increments: number): Promise<Timed> => {
    const ms: number[] = [];
    let ran = 0;
    for (let i = 0; i < count; i++) {
      const result = await timer(increments);
      if ('problem' in result) return result;
      ms.push(result.ms);
      ran = result.ran;
    }
    return { ms: medianSorted(sortAscending(ms)), ran };
  };

  if (desired.every((d) => d === 0)) return { ...base, incrementsPerMs, points: desired.map(zeroPoint), requestsSent, timedBy, problem: null };

  const rateIncrements = options.rateIncrements ?? 2e6;
  const first = await send(rateIncrements);
  if ('problem' in first) return failed(first.problem);

  let timer: (increments: number) => Promise<Timed>;
  if (first.serviceTimeMs !== null) {
    timedBy = 'function';
    timer = async (increments) => {
      const sample = await send(increments);
      if ('problem' in sample) return sample;
      if (sample.serviceTimeMs === null || !(sample.serviceTimeMs > 0)) {
        return { problem: `the function reported ${sample.serviceTimeMs} ms for ${sample.spinIncrements} increments, too little to calibrate from` };
      }
      return { ms: sample.serviceTimeMs, ran: sample.spinIncrements };
    };
    const rates: number[] = [];
    for (let i = 0; i < (options.rateProbes ?? 5); i++) {
      const result = await timer(rateIncrements);
      if ('problem' in result) return failed(result.problem);
      rates.push(result.ran / result.ms);
    }
    incrementsPerMs = medianSorted(sortAscending(rates));
  } else {
    timedBy = 'client';
    const baseline = await medianOf(options.rateProbes ?? 5, async () => {
      const sample = await send(0);
      return 'problem' in sample ? sample : { ms: sample.clientLatencyMs, ran: 0 };
    }, 0);
    if ('problem' in baseline) return failed(baseline.problem);
    timer = async (increments) => {
      const sample = await send(increments);
      return 'problem' in sample ? sample : { ms: sample.clientLatencyMs - baseline.ms, ran: sample.spinIncrements };
    };
    // Grow the probe until its spin stands out of the jitter; its median gives the rate.
    for (let increments = rateIncrements; incrementsPerMs === null; increments *= 4) {
      if (increments > MAX_SPIN_INCREMENTS) return failed(`even ${MAX_SPIN_INCREMENTS} increments did not take ${CLIENT_MIN_SPIN_MS} ms longer than none`);
      const result = await medianOf(SAMPLES_PER_STEP, timer, increments);
      if ('problem' in result) return failed(result.problem);
      if (result.ms >= CLIENT_MIN_SPIN_MS) incrementsPerMs = result.ran / result.ms;
    }
  }

  const points: CalibrationResult['points'][number][] = [];
  for (const d of desired) {
    if (d === 0) {
      points.push(zeroPoint(d));
      continue;
    }
    let increments = toIncrements(d * incrementsPerMs);
    // The step that came closest is kept: on a busy machine a late step can land further off than
    // an earlier one, and the last step is not better just for being last.
    let best: { increments: number; achievedMs: number } | null = null;
    for (let step = 1; ; step++) {
      const result = await medianOf(SAMPLES_PER_STEP, timer, increments);
      if ('problem' in result) return failed(result.problem);
      const achievedMs = result.ms;
      if (best === null || Math.abs(achievedMs - d) < Math.abs(best.achievedMs - d)) best = { increments, achievedMs };
      if (Math.abs(achievedMs - d) <= TOLERANCE * d || step === MAX_STEPS || !(achievedMs > 0)) break;
      increments = toIncrements((increments * d) / achievedMs);
    }
    points.push({ desiredServiceTimeMs: d, spinIncrements: best.increments, achievedServiceTimeMs: best.achievedMs });
  }
  return { ...base, incrementsPerMs, points, requestsSent, timedBy, problem: null };
}

function zeroPoint(desiredServiceTimeMs: number) {
  return { desiredServiceTimeMs, spinIncrements: 0, achievedServiceTimeMs: null };
}

/** A whole, positive count the function accepts. */
function toIncrements(x: number): number {
  return Math.min(MAX_SPIN_INCREMENTS, Math.max(1, Math.round(x)));
}
