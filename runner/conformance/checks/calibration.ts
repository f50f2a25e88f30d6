import { parseExperimentText, type ResolvedSubExperiment } from '../../../experiments/schema/index.js';
import { calibrate, type CalibrationProbe } from '../../dispatch/calibrate.js';
import { describeAnswer } from '../http.js';
import { type Check, type CheckResult, fail, pass } from './check.js';

export const DESIRED_MS = 50;
/**
 * How far the achieved time may land from 50 ms. Calibration itself stops within 5%; the suite
 * judges whether the spin is usable (increments turn into time, proportionally), so it allows
 * what a busy machine or a noisy client-timed runtime adds.
 */
export const CALIBRATION_TOLERANCE = 0.2;
const ATTEMPTS = 2;

/** A real resolved sub-experiment asking for the one desired time, made by the schema itself. */
const CALIBRATION_SUB: ResolvedSubExperiment = parseExperimentText(
  JSON.stringify({
    title: 'conformance',
    subExperiments: [{ title: 'calibration', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 }, desiredServiceTimesMs: [DESIRED_MS] }],
  }),
  'conformance calibration',
  { drawSeed: () => 0 },
).subExperiments[0] as ResolvedSubExperiment;

export const calibrationCheck: Check = {
  id: 'calibration',
  title: `calibration (runner/dispatch/calibrate.ts) finds increments that land within ${CALIBRATION_TOLERANCE * 100}% of a desired ${DESIRED_MS} ms`,
  async run({ send, token }): Promise<CheckResult> {
    const probe: CalibrationProbe = async (spinIncrements) => {
      const answer = await send({ token, query: { spinIncrements: String(spinIncrements) }, timeoutMs: 60_000 });
      if (answer.kind === 'error' || answer.status !== 200 || answer.loose === null) return { ok: false, problem: describeAnswer(answer) };
      return { ok: true, sample: { serviceTimeMs: answer.loose.serviceTimeMs, spinIncrements: answer.loose.spinIncrements ?? 0, clientLatencyMs: answer.ms } };
    };
    // Two attempts: a spin shares its CPU with whatever else runs (other endpoints of a local
    // platform, other tenants), and one unlucky rate probe should not fail a working function.
    // A function whose spin does not turn into time misses both.
    const tried: string[] = [];
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const result = await calibrate(CALIBRATION_SUB, probe);
      if (result.problem !== null) return fail(this.id, `calibration failed: ${result.problem}`);
      const point = result.points[0];
      const achieved = point?.achievedServiceTimeMs ?? null;
      tried.push(`${DESIRED_MS} ms → ${point?.spinIncrements} increments, achieved ${achieved?.toFixed(1)} ms (timed by the ${result.timedBy}, ${result.requestsSent} requests)`);
      if (achieved !== null && Math.abs(achieved - DESIRED_MS) <= CALIBRATION_TOLERANCE * DESIRED_MS) {
        return pass(this.id, `${tried.at(-1)}${attempt > 1 ? ` on attempt ${attempt}` : ''}`);
      }
    }
    return fail(this.id, tried.join('; then '));
  },
};
