import { contractProblem, StrictRefusal } from '../contract-schema.js';
import { describeAnswer } from '../http.js';
import { type Check, fail, pass, TIMEOUT_MS } from './check.js';

export const contractCheck: Check = {
  id: 'contract',
  title: 'an accepted request answers HTTP 200 with every field of the measurement contract, each of the right type',
  async run({ send, token }) {
    const answer = await send({ token, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    if (answer.kind === 'error' || answer.status !== 200) return fail(this.id, `a plain request got ${describeAnswer(answer)}, not HTTP 200`);
    if (answer.json === undefined) return fail(this.id, 'the body is not JSON');
    const problem = contractProblem(answer.json);
    if (problem !== null) return fail(this.id, problem);
    // A refusal's shape belongs to the contract too; a wrong token is refused by every correct function.
    const refused = await send({ token: null, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    if (refused.kind === 'answer' && refused.status === 401 && !StrictRefusal.safeParse(refused.json).success) {
      return fail(this.id, 'a refusal (HTTP 401) does not answer { error, message } only');
    }
    return pass(this.id, `${Object.keys(answer.json as object).length} fields, all of the right type`);
  },
};
