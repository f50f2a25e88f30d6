/**
 * Child-process entry of the perf script: a minimal JSON responder on 127.0.0.1. It lives in its
 * own process so its work never shares the event loop of the clients being measured. Reports its
 * port over IPC, then serves until the parent disconnects.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const body = Buffer.from(
  JSON.stringify({
    instanceId: 'perf', coldStart: false, refusedBeforeFirst: 0, invocationCount: 1, instanceStartedAt: 0, initEndedAt: 0,
    handlerStartedAt: 0, handlerEndedAt: 0,
    serviceTimeMs: 0, spinIncrements: 0, spinCapped: false, payloadBytes: 0, vendor: 'local', runtime: 'perf', region: 'local',
    memoryMb: 128, requestId: null,
  }),
);
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, headers).end(body);
});
// Bursts of 1000 fresh connections arrive at once: a short accept queue would drop SYNs (1 s retry).
server.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => {
  server.closeAllConnections();
  server.close();
});
