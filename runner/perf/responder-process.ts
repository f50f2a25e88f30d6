/**
 * Child-process entry of the perf script: a minimal JSON responder on 127.0.0.1. It lives in its
 * own process so its work never shares the event loop of the clients being measured. Reports its
 * port over IPC, then serves until the parent disconnects.
 *
 * Requests whose path starts with ARRIVALS_PREFIX have their arrival time recorded
 * (process.hrtime.bigint, CLOCK_MONOTONIC, which every process on the machine shares), per path;
 * the parent asks for them over IPC. The time is taken when the request's head is parsed, the first
 * moment the server knows which request it is: the same for every client measured.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ARRIVALS_PREFIX, type ResponderReply, type ResponderRequest } from './responder-protocol.js';

const body = Buffer.from(
  JSON.stringify({
    instanceId: 'perf', coldStart: false, refusedBeforeFirst: 0, invocationCount: 1, instanceStartedAt: 0, initEndedAt: 0,
    handlerStartedAt: 0, handlerEndedAt: 0,
    serviceTimeMs: 0, spinIncrements: 0, spinCapped: false, payloadBytes: 0, vendor: 'local', runtime: 'perf', region: 'local',
    memoryMb: 128, requestId: null,
  }),
);
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
const arrivals = new Map<string, number[]>();

const server = createServer((request, response) => {
  const arrivedNs = process.hrtime.bigint();
  const url = request.url ?? '/';
  if (url.startsWith(ARRIVALS_PREFIX)) {
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    let list = arrivals.get(path);
    if (list === undefined) arrivals.set(path, (list = []));
    // Milliseconds since boot fit a double to well below a nanosecond's worth of precision loss at µs scale.
    list.push(Number(arrivedNs) / 1e6);
  }
  request.resume();
  response.writeHead(200, headers).end(body);
});
// Bursts of 1000 fresh connections arrive at once: a short accept queue would drop SYNs (1 s retry).
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send?.({ type: 'listening', port: (server.address() as AddressInfo).port } satisfies ResponderReply);
});
process.on('message', (message: ResponderRequest) => {
  if (message.type !== 'take-arrivals') return;
  const list = arrivals.get(message.path) ?? [];
  arrivals.delete(message.path);
  process.send?.({ type: 'arrivals', path: message.path, monotonicMs: list } satisfies ResponderReply);
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
});
