import { describeAnswer } from '../http.js';
import type { LooseResponse } from '../contract-schema.js';
import { type Check, type CheckContext, type CheckResult, fail, pass, skip, TIMEOUT_MS } from './check.js';

/** Sequential warm calls both checks look at. */
const CALLS = 5;

async function sequential(context: CheckContext): Promise<{ responses: LooseResponse[]; problem: string | null }> {
  const responses: LooseResponse[] = [];
  for (let i = 0; i < CALLS; i++) {
    const answer = await context.send({ token: context.token, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    if (answer.kind === 'error' || answer.status !== 200 || answer.loose === null) return { responses, problem: `call ${i + 1} got ${describeAnswer(answer)}` };
    responses.push(answer.loose);
  }
  return { responses, problem: null };
}

export const instancesCheck: Check = {
  id: 'instance-id',
  title: `${CALLS} sequential warm calls are served by one instance, with one stable instanceId`,
  async run(context): Promise<CheckResult> {
    const { responses, problem } = await sequential(context);
    if (problem !== null) return fail(this.id, problem);
    const ids = new Set(responses.map((r) => r.instanceId));
    if (ids.has(null)) return fail(this.id, 'a response has no instanceId');
    return ids.size === 1 ? pass(this.id, `one instance for ${CALLS} calls`) : fail(this.id, `${ids.size} instanceIds in ${CALLS} sequential calls`);
  },
};

export const invocationCountCheck: Check = {
  id: 'invocation-count',
  title: 'invocationCount goes up by exactly one with every accepted call on an instance',
  async run(context): Promise<CheckResult> {
    const { responses, problem } = await sequential(context);
    if (problem !== null) return fail(this.id, problem);
    let pairs = 0;
    for (let i = 1; i < responses.length; i++) {
      const [a, b] = [responses[i - 1] as LooseResponse, responses[i] as LooseResponse];
      if (a.instanceId === null || a.instanceId !== b.instanceId) continue;
      pairs += 1;
      if (a.invocationCount === null || b.invocationCount !== a.invocationCount + 1) {
        return fail(this.id, `on one instance invocationCount went ${a.invocationCount} → ${b.invocationCount}`);
      }
    }
    if (pairs === 0) return skip(this.id, 'no two consecutive calls met the same instance');
    return pass(this.id, `${responses.map((r) => r.invocationCount).join(' → ')}`);
  },
};
