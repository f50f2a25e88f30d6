import { type Check, type CheckResult, fail, pass, skip } from './check.js';

/** Slack between timestamps of one instance (sub-ms fractions, a clock read twice). */
const SLACK_MS = 1;
/** Every epoch value must be within this of now: a value in seconds or µs is off by far more. */
const PLAUSIBLE_MS = 2 * 86_400_000;

export const timestampsCheck: Check = {
  id: 'timestamps',
  title: 'instanceStartedAt ≤ initEndedAt ≤ handlerStartedAt ≤ handlerEndedAt, in epoch ms; initEndedAt null only where the runtime cannot tell',
  async run({ accepted, expectations }): Promise<CheckResult> {
    const all = accepted();
    if (all.length === 0) return skip(this.id, 'no accepted response to look at');
    const now = Date.now();
    for (const r of all) {
      const { instanceStartedAt: started, initEndedAt: initEnded, handlerStartedAt: handlerStart, handlerEndedAt: handlerEnd } = r;
      if (started === null || handlerStart === null || handlerEnd === null) return fail(this.id, 'a response lacks instanceStartedAt, handlerStartedAt or handlerEndedAt');
      for (const [name, value] of [['instanceStartedAt', started], ['handlerStartedAt', handlerStart], ['handlerEndedAt', handlerEnd], ['initEndedAt', initEnded]] as const) {
        if (value !== null && Math.abs(value - now) > PLAUSIBLE_MS) return fail(this.id, `${name} ${value} is not epoch milliseconds of today`);
      }
      if (initEnded === null && expectations.initEndKnown) return fail(this.id, 'initEndedAt is null, but this runtime can tell when its module finished loading');
      const order = initEnded === null ? [started, handlerStart, handlerEnd] : [started, initEnded, handlerStart, handlerEnd];
      for (let i = 1; i < order.length; i++) {
        if ((order[i] as number) + SLACK_MS < (order[i - 1] as number)) {
          return fail(this.id, `out of order: ${initEnded === null ? 'instanceStartedAt, handlerStartedAt, handlerEndedAt' : 'instanceStartedAt, initEndedAt, handlerStartedAt, handlerEndedAt'} = ${order.map((v) => v.toFixed(1)).join(', ')}`);
        }
      }
    }
    return pass(this.id, `in order on all ${all.length} responses`);
  },
};
