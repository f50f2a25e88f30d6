import { randomBytes } from 'node:crypto';
import { MAX_SPIN_INCREMENTS } from '../../../measurement-functions/core/index.js';
import { StrictMeasurementResponse } from '../contract-schema.js';
import { type Answer, describeAnswer } from '../http.js';
import { type Check, fail, pass, TIMEOUT_MS } from './check.js';

/** A refused request asks for the largest spin there is: a function that spun before refusing would not answer in this time. */
const REFUSAL_TIMEOUT_MS = 10_000;

export const tokenCheck: Check = {
  id: 'token',
  title: 'a request without the token, or with a wrong one, is refused (401) before any work: no spin, no invocation counted',
  async run({ send, token }) {
    const plain = () => send({ token, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    const before = await plain();
    const wrongToken = randomBytes(Math.max(8, Math.ceil((token.length * 3) / 4))).toString('base64url').slice(0, token.length);
    const attempts: [string, Answer][] = [];
    for (const [what, presented] of [
      ['without a token', null],
      ['with a wrong token', wrongToken === token ? `${token}x` : wrongToken],
    ] as const) {
      attempts.push([what, await send({ token: presented, query: { spinIncrements: String(MAX_SPIN_INCREMENTS) }, timeoutMs: REFUSAL_TIMEOUT_MS })]);
    }
    const after = await plain();
    for (const [what, answer] of attempts) {
      if (answer.kind === 'error') {
        return fail(this.id, `a request ${what} asking for a huge spin got ${describeAnswer(answer)}: it was not refused before the work`);
      }
      if (answer.status !== 401) return fail(this.id, `a request ${what} got HTTP ${answer.status}, not 401`);
      if (StrictMeasurementResponse.partial().safeParse(answer.json).success && typeof (answer.json as { instanceId?: unknown })?.instanceId === 'string') {
        return fail(this.id, `the refusal of a request ${what} carries measurement fields`);
      }
    }
    const a = before.kind === 'answer' ? before.loose : null;
    const b = after.kind === 'answer' ? after.loose : null;
    if (a?.instanceId != null && a.instanceId === b?.instanceId && a.invocationCount !== null && b.invocationCount !== null) {
      if (b.invocationCount !== a.invocationCount + 1) {
        return fail(this.id, `invocationCount went from ${a.invocationCount} to ${b.invocationCount} across two refused requests: they were counted as invocations`);
      }
      return pass(this.id, `both refused with 401 in ${Math.round(Math.max(...attempts.map(([, x]) => x.ms)))} ms at most; invocationCount ${a.invocationCount} → ${b.invocationCount}`);
    }
    return pass(this.id, 'both refused with 401 at once (the calls around them met different instances, so the count was not compared)');
  },
};
