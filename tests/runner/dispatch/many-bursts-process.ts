/**
 * Child process of abort.test.ts: 60 one-request bursts and 20 waits in flight on one signal
 * against a server that never answers, then the abort. Prints the error codes as JSON; Node prints
 * any MaxListenersExceededWarning on stderr, where the test looks for it (a jest worker's own
 * process does not let a test hear its warnings).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgentPool, createRunClock, prepareBurst, type ProbeOutcome, waitUntil } from '../../../runner/dispatch/index.js';

const server = createServer(() => {});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/fn`;
const clock = createRunClock();
const agents = createAgentPool();
const controller = new AbortController();
const bursts: Promise<ProbeOutcome[]>[] = [];
for (let b = 0; b < 60; b++) {
  const burst = await prepareBurst([{ url, token: 'tok-0123456789abcdef', payload: null, connection: 'fresh', timeoutMs: 30_000 }], { clock, agents });
  bursts.push(Promise.all(burst.fire(controller.signal)));
}
const waits = Array.from({ length: 20 }, () => waitUntil(clock, clock.nowMs() + 60_000, controller.signal));
await new Promise((resolve) => setTimeout(resolve, 50));
controller.abort();
await Promise.all(waits);
const codes = (await Promise.all(bursts)).flat().map((o) => o.errorCode);
agents.destroy();
server.closeAllConnections();
server.close();
process.stdout.write(JSON.stringify(codes));
