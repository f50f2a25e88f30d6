/**
 * What the fake Pulumi CLI's `up` deploys: one detached process serving every endpoint of the
 * stack's experiments on 127.0.0.1, run with tsx (`fake-cloud.ts <state dir> <stack>`). Each
 * function is a pool of instances of the real measurement core (measurement-functions/core), one
 * request at a time per instance (claimed on arrival), an instance retired after `keepAliveMs` idle: cold and warm
 * starts as a Lambda-like platform makes them. It writes `deploy-<stack>.json` (its pid and the
 * stack outputs, in the README's format) once listening, and lives until `destroy` stops it —
 * or, as a safety net for a broken test, until `maxLifeMs`.
 *
 * Faults from faults.json: `notReadyRequests` (answer the first N requests with 503: a deploy
 * still propagating), `hang` (stack names whose endpoints never answer), `badOutputs` (outputs that
 * disagree with the experiment file, which the runner refuses).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { loadExperimentFile } from '../../../experiments/schema/index.js';
import { CAPABILITIES } from '../../../infra/vendors.js';
import {
  type CoreConfig,
  createMeasurementInstance,
  type MeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  TOKEN_HEADER,
} from '../../../measurement-functions/core/index.js';

const [stateDir, stackName] = process.argv.slice(2) as [string, string];
const readJson = (file: string): any => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
const stack = readJson(path.join(stateDir, `stack-${stackName}.json`));
const faults = readJson(path.join(stateDir, 'faults.json')) ?? {};
const keepAliveMs: number = faults.keepAliveMs ?? 1500;
let notReadyRequests: number = faults.notReadyRequests?.[stackName] ?? 0;
const hang: boolean = (faults.hang ?? []).includes(stackName);
// Outputs that disagree with the experiment file: the runner must refuse them (a failing study).
const badOutputs: boolean = (faults.badOutputs ?? []).includes(stackName);

const config: Record<string, string> = stack.config;
const files = Object.keys(config)
  .filter((key) => key.startsWith('faasbench:experiments['))
  .sort((a, b) => Number(/\[(\d+)\]/.exec(a)?.[1]) - Number(/\[(\d+)\]/.exec(b)?.[1]))
  .map((key) => config[key] as string);
const token = randomBytes(24).toString('hex');

interface Fn {
  readonly config: CoreConfig;
  readonly runtimeLabel: string;
  readonly idle: { instance: MeasurementInstance; lastUsed: number }[];
}
const functions = new Map<string, Fn>();

const experiments = [];
for (const file of files) {
  const experiment = await loadExperimentFile(file, { drawSeed: () => 0 });
  const vendor = experiment.vendor;
  const region = config[`faasbench:${vendor}.region`] ?? config[`faasbench:${vendor}.location`] ?? 'fake-region-1';
  experiments.push({ experiment, vendor, region });
}

// An instance is claimed when a request arrives and handed back when it has answered; the work
// starts ARRIVAL_WINDOW_MS after arrival, so requests sent together (arriving within the window)
// claim separate instances before any of them spins, as on Lambda, one request per instance.
const ARRIVAL_WINDOW_MS = 25;
const server = http.createServer((request, response) => {
  if (hang) return;
  if (notReadyRequests > 0) {
    notReadyRequests -= 1;
    request.resume();
    response.writeHead(503, { 'content-type': 'text/plain' }).end('the function is still being deployed');
    return;
  }
  const url = new URL(request.url ?? '/', 'http://fake');
  const fn = functions.get(url.pathname.slice(1));
  if (fn === undefined) {
    request.resume();
    response.writeHead(404, { 'content-type': 'text/plain' }).end('no such function');
    return;
  }
  let slot = fn.idle.pop();
  while (slot !== undefined && Date.now() - slot.lastUsed > keepAliveMs) slot = fn.idle.pop();
  const instance = slot?.instance ?? createMeasurementInstance({ runtimeLabel: fn.runtimeLabel });
  let payloadBytes = 0;
  request.on('data', (chunk: Buffer) => (payloadBytes += chunk.length));
  request.on('end', () => {
    setTimeout(() => {
      const header = request.headers[TOKEN_HEADER];
      const reply = instance.invoke(fn.config, {
        token: typeof header === 'string' ? header : undefined,
        spinIncrements: url.searchParams.get(SPIN_INCREMENTS_PARAM) ?? undefined,
        spinMs: url.searchParams.get(SPIN_MS_PARAM) ?? undefined,
        payloadBytes,
        requestId: randomBytes(8).toString('hex'),
      });
      response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(reply.body));
      fn.idle.push({ instance, lastUsed: Date.now() });
    }, ARRIVAL_WINDOW_MS);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const outputs = {
  formatVersion: 1,
  token,
  experiments: experiments.map(({ experiment, vendor, region }, e) => ({
    file: experiment.file,
    title: experiment.title,
    vendor,
    subExperiments: experiment.subExperiments.map((sub) => ({
      index: sub.index,
      title: sub.title,
      deployed: { runtime: sub.runtime, memoryMb: sub.memoryMb + (badOutputs ? 64 : 0), packageSizeMb: sub.packageSizeMb, parallelism: sub.parallelism },
      endpoints: Array.from({ length: sub.parallelism }, (_, replica) => {
        const name = `fb-${stackName}-e${e}-s${sub.index}-r${replica}`;
        const capabilities = CAPABILITIES[vendor];
        functions.set(name, {
          config: {
            vendor,
            runtime: sub.runtime,
            region,
            memoryMb: sub.memoryMb,
            token,
            maxSpinMs: capabilities.maxSpinMs,
            maxPayloadBytes: capabilities.maxPayloadBytes,
            clockAdvances: true,
          },
          runtimeLabel: runtimeLabelOf(sub.runtime),
          idle: [],
        });
        return { url: `${baseUrl}/${name}`, vendor, region, runtime: sub.runtime, memoryMb: sub.memoryMb, packageBytes: 4096, replica, functionName: name };
      }),
    })),
  })),
};

/** What a real runtime would report for the deployed runtime name: "nodejs22" → "nodejs v22.…". */
function runtimeLabelOf(runtime: string): string {
  const node = /^nodejs(\d+)$/.exec(runtime);
  if (node !== null) return `nodejs v${node[1]}.0.0`;
  const python = /^python(\d+\.\d+)$/.exec(runtime);
  if (python !== null) return `python ${python[1]}.0`;
  return runtime;
}

const deployFile = path.join(stateDir, `deploy-${stackName}.json`);
writeFileSync(`${deployFile}.tmp`, JSON.stringify({ pid: process.pid, functions: functions.size, outputs }));
renameSync(`${deployFile}.tmp`, deployFile);

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
setTimeout(() => process.exit(0), faults.maxLifeMs ?? 120_000).unref();
// The server keeps the process alive until destroy stops it.
