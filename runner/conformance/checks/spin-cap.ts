import { MAX_SPIN_INCREMENTS, SPIN_INCREMENTS_PARAM, SPIN_MS_PARAM } from '../../../measurement-functions/core/index.js';
import { describeAnswer } from '../http.js';
import { type Check, type CheckResult, fail, pass } from './check.js';

/** Slack on a capped spin: the cap is checked every 65,536 increments, and a busy machine is slow. */
const CAP_SLACK = 1.25;

export const spinCapCheck: Check = {
  id: 'spin-cap',
  title: 'an absurd spin is refused (400) or stopped at the cap, and a spin beyond the largest count is refused',
  async run({ send, token, expectations }): Promise<CheckResult> {
    const cap = expectations.maxSpinMs;
    const beyond = await send({ token, query: { [SPIN_INCREMENTS_PARAM]: String(MAX_SPIN_INCREMENTS * 10) }, timeoutMs: 10_000 });
    if (beyond.kind === 'error' || beyond.status !== 400) {
      return fail(this.id, `spinIncrements ${MAX_SPIN_INCREMENTS * 10} (beyond the largest count) got ${describeAnswer(beyond)}, not 400`);
    }
    if (!expectations.clockAdvances) {
      // A function whose clock stands still cannot time a spin: it must refuse spinMs outright.
      const timed = await send({ token, query: { [SPIN_MS_PARAM]: '1' }, timeoutMs: 10_000 });
      return timed.kind === 'answer' && timed.status === 400
        ? pass(this.id, 'both refused with 400 (this runtime cannot time a spin, so spinMs is refused)')
        : fail(this.id, `spinMs on a runtime that cannot time it got ${describeAnswer(timed)}, not 400`);
    }
    const asked = cap * 2;
    const answer = await send({ token, query: { [SPIN_MS_PARAM]: String(asked) }, timeoutMs: asked + 10_000 });
    if (answer.kind === 'error') return fail(this.id, `spinMs ${asked} (twice the cap of ${cap} ms) got ${describeAnswer(answer)}`);
    if (answer.status === 400) return pass(this.id, `spinMs ${asked} (twice the cap) refused with 400 in ${Math.round(answer.ms)} ms`);
    if (answer.status !== 200) return fail(this.id, `spinMs ${asked} got HTTP ${answer.status}, neither refused (400) nor capped`);
    const spun = answer.loose?.serviceTimeMs ?? answer.ms;
    if (answer.loose?.spinCapped === true && spun <= cap * CAP_SLACK) return pass(this.id, `spinMs ${asked} stopped at the cap after ${Math.round(spun)} ms`);
    return fail(this.id, `spinMs ${asked} (twice the cap of ${cap} ms) was accepted and spun ${Math.round(spun)} ms${answer.loose?.spinCapped === true ? '' : ' without saying spinCapped'}`);
  },
};
