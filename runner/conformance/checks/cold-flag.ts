import { SPIN_INCREMENTS_PARAM, SPIN_MS_PARAM } from '../../../measurement-functions/core/index.js';
import type { LooseResponse } from '../contract-schema.js';
import { type Check, type CheckResult, fail, pass, skip, TIMEOUT_MS } from './check.js';

/** Requests sent at once to make new instances where one instance serves one request. */
const TOGETHER = 3;
/** How long each of them keeps its instance busy. */
const HOLD_MS = 300;

/**
 * Run last: besides its own requests it judges every accepted response the suite had. The
 * contract (measurement-functions/core/contract.ts): coldStart is true on an instance's first
 * request of any kind, so it must equal `invocationCount === 1 && refusedBeforeFirst === 0` on
 * every response; and where concurrency forces new instances, their first answers must say so.
 */
export const coldFlagCheck: Check = {
  id: 'cold-flag',
  title: 'the first call of a new instance says coldStart: true, and only that one (coldStart = invocationCount is 1 and refusedBeforeFirst is 0)',
  async run({ send, token, expectations, accepted }): Promise<CheckResult> {
    const before = new Set(accepted().map((r) => r.instanceId));
    let fresh: LooseResponse[] = [];
    if (expectations.newInstanceOnConcurrency) {
      const query: Record<string, string> = expectations.clockAdvances ? { [SPIN_MS_PARAM]: String(HOLD_MS) } : { [SPIN_INCREMENTS_PARAM]: '0' };
      const answers = await Promise.all(Array.from({ length: TOGETHER }, () => send({ token, query, timeoutMs: TIMEOUT_MS + HOLD_MS })));
      fresh = answers.flatMap((a) => (a.kind === 'answer' && a.loose !== null && !before.has(a.loose.instanceId) ? [a.loose] : []));
    }
    for (const r of fresh) {
      if (r.coldStart !== true || r.invocationCount !== 1 || r.refusedBeforeFirst !== 0) {
        return fail(this.id, `the first call of a new instance said coldStart ${r.coldStart}, invocationCount ${r.invocationCount}, refusedBeforeFirst ${r.refusedBeforeFirst}`);
      }
    }
    const all = accepted();
    for (const r of all) {
      const expected = r.invocationCount === 1 && r.refusedBeforeFirst === 0;
      if (r.coldStart !== expected) {
        return fail(this.id, `coldStart ${r.coldStart} with invocationCount ${r.invocationCount} and refusedBeforeFirst ${r.refusedBeforeFirst} (must be ${expected})`);
      }
    }
    const coldPerInstance = new Map<string | null, number>();
    for (const r of all) if (r.coldStart === true) coldPerInstance.set(r.instanceId, (coldPerInstance.get(r.instanceId) ?? 0) + 1);
    const twice = [...coldPerInstance.entries()].find(([, n]) => n > 1);
    if (twice !== undefined) return fail(this.id, `instance ${twice[0]} said coldStart: true ${twice[1]} times`);
    if (expectations.newInstanceOnConcurrency && fresh.length === 0) {
      return skip(this.id, `${TOGETHER} requests sent together met no new instance (a cap on instances?); the flag held on ${all.length} responses`);
    }
    return pass(
      this.id,
      expectations.newInstanceOnConcurrency
        ? `${fresh.length} new instance(s) said coldStart: true on their first call; the flag held on all ${all.length} responses`
        : `new instances cannot be forced on this vendor; the flag held on all ${all.length} responses`,
    );
  },
};
