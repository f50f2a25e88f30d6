import { StrictMeasurementResponse } from '../contract-schema.js';
import { describeAnswer } from '../http.js';
import { type Check, type CheckResult, fail, pass, TIMEOUT_MS } from './check.js';

export const payloadCheck: Check = {
  id: 'payload',
  title: "a payload over the vendor's limit is refused cleanly (413, no reset), and the function answers the next request",
  async run({ send, token, expectations }): Promise<CheckResult> {
    const bytes = expectations.maxPayloadBytes + 1;
    const answer = await send({ token, query: { spinIncrements: '0' }, body: Buffer.alloc(bytes, 'x'), timeoutMs: 120_000 });
    if (answer.kind === 'error') return fail(this.id, `a ${bytes}-byte payload got ${describeAnswer(answer)} instead of a 413`);
    if (answer.status !== 413) {
      const accepted = answer.status === 200 && StrictMeasurementResponse.partial().safeParse(answer.json).success;
      return fail(this.id, `a ${bytes}-byte payload (limit ${expectations.maxPayloadBytes}) got HTTP ${answer.status}${accepted ? ': it was accepted' : ''}`);
    }
    const next = await send({ token, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    if (next.kind === 'error' || next.status !== 200) return fail(this.id, `after the refused payload the next request got ${describeAnswer(next)}`);
    return pass(this.id, `${bytes} bytes refused with 413 in ${Math.round(answer.ms)} ms; the next request answered`);
  },
};
