import { describeAnswer } from '../http.js';
import { type Check, fail, pass, TIMEOUT_MS } from './check.js';

export const identityCheck: Check = {
  id: 'identity',
  title: "the reported vendor, runtime, region and memory are what the stack says it deployed",
  async run({ send, token, endpoint, expectations }) {
    const answer = await send({ token, query: { spinIncrements: '0' }, timeoutMs: TIMEOUT_MS });
    if (answer.kind === 'error' || answer.loose === null) return fail(this.id, `no measurement answer (${describeAnswer(answer)})`);
    const r = answer.loose;
    const wrong: string[] = [];
    if (r.vendor !== endpoint.vendor) wrong.push(`vendor "${r.vendor}" (deployed ${endpoint.vendor})`);
    if (r.region !== endpoint.region) wrong.push(`region "${r.region}" (deployed ${endpoint.region})`);
    if (r.memoryMb !== endpoint.memoryMb) wrong.push(`memoryMb ${r.memoryMb} (deployed ${endpoint.memoryMb})`);
    const pattern = expectations.reportedRuntime(endpoint.runtime);
    if (r.runtime === null || !pattern.test(r.runtime)) wrong.push(`runtime "${r.runtime}" (deployed ${endpoint.runtime}, expected ${pattern})`);
    return wrong.length === 0 ? pass(this.id, `${r.vendor} ${r.runtime} in ${r.region}, ${r.memoryMb} MB`) : fail(this.id, `reports ${wrong.join(', ')}`);
  },
};
