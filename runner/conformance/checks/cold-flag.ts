import { SPIN_INCREMENTS_PARAM, SPIN_MS_PARAM } from '../../../measurement-functions/core/index.js';
import type { LooseResponse } from '../contract-schema.js';
import { type Check, type CheckResult, fail, pass, skip, TIMEOUT_MS } from './check.js';

/** Requests sent at once to make new instances where one instance serves one request (more than the idle instances earlier checks may have left). */
const TOGETHER = 5;
const ROUNDS = 3;
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
    let fresh: LooseResponse[] = [];
    let started: LooseResponse[] = [];
    if (expectations.newInstanceOnConcurrency) {
      const query: Record<string, string> = expectations.clockAdvances ? { [SPIN_MS_PARAM]: String(HOLD_MS) } : { [SPIN_INCREMENTS_PARAM]: '0' };
      // A round can be absorbed by instances earlier requests left idle; a few rounds outlast them.
      for (let round = 0; round < ROUNDS && started.length === 0; round++) {
        const before = new Set(accepted().map((r) => r.instanceId));
        const answers = await Promise.all(Array.from({ length: TOGETHER }, () => send({ token, query, timeoutMs: TIMEOUT_MS + HOLD_MS })));
        // Per instance not met before, its earliest answer here (two of the requests may share one).
        const firstOf = new Map<string | null, LooseResponse>();
        for (const a of answers) {
          if (a.kind !== 'answer' || a.loose === null || before.has(a.loose.instanceId)) continue;
          const seen = firstOf.get(a.loose.instanceId);
          if (seen === undefined || (a.loose.invocationCount ?? Infinity) < (seen.invocationCount ?? Infinity)) firstOf.set(a.loose.instanceId, a.loose);
        }
        fresh = [...firstOf.values()];
        // An instance first met here may have been started by a request the suite had refused (the
        // payload check's, say): its first accepted call then rightly says coldStart false with
        // refusedBeforeFirst > 0. Every other one is new, and its first call must say coldStart true.
        started = fresh.filter((r) => r.refusedBeforeFirst === 0);
        for (const r of started) {
          if (r.coldStart !== true || r.invocationCount !== 1) {
            return fail(this.id, `the first call of a new instance said coldStart ${r.coldStart}, invocationCount ${r.invocationCount}, refusedBeforeFirst ${r.refusedBeforeFirst}`);
          }
        }
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
    if (expectations.newInstanceOnConcurrency && started.length === 0) {
      return skip(this.id, `${ROUNDS} rounds of ${TOGETHER} requests sent together met no new instance (a cap on instances?); the flag held on ${all.length} responses`);
    }
    return pass(
      this.id,
      expectations.newInstanceOnConcurrency
        ? `${started.length} new instance(s) said coldStart: true on their first call; the flag held on all ${all.length} responses`
        : `new instances cannot be forced on this vendor; the flag held on all ${all.length} responses`,
    );
  },
};
