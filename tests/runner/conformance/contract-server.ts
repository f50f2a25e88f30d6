import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ExperimentOutput, StackOutputs } from '../../../infra/outputs.js';
import {
  type CoreConfig,
  createMeasurementInstance,
  type MeasurementInstance,
  SPIN_INCREMENTS_PARAM,
  SPIN_MS_PARAM,
  TOKEN_HEADER,
} from '../../../measurement-functions/core/index.js';

/** One broken property each; `none` is a correct endpoint. */
export type Fault = 'none' | 'wrong-types' | 'no-cold-flag' | 'token-ignored' | 'spin-ignored';

export const TEST_LIMITS = { maxSpinMs: 300, maxPayloadBytes: 64 * 1024 };
/** How long after its arrival a request's work starts; see the server below. */
const ARRIVAL_WINDOW_MS = 25;

export interface ContractServer {
  readonly outputs: StackOutputs;
  close(): Promise<void>;
}

/**
 * Endpoints for the conformance suite's own tests: one HTTP server on 127.0.0.1 whose functions
 * are pools of instances of the real measurement core (one request per instance, like Lambda),
 * each broken in one way by `fault`, or not at all. It runs in a process of its own
 * (contract-server-main.ts, started by startContractServer): sharing the suite's event loop, a
 * spin would also stop the suite's own requests from leaving, and nothing could arrive together.
 */
export async function serveContract(fault: Fault, replicas = 1): Promise<ContractServer> {
  const token = randomBytes(24).toString('hex');
  const config: CoreConfig = {
    vendor: 'local',
    runtime: 'nodejs',
    region: 'local',
    memoryMb: 256,
    token,
    // Spin ignored: the function spins whatever it is asked, cap or not.
    maxSpinMs: fault === 'spin-ignored' ? Number.POSITIVE_INFINITY : TEST_LIMITS.maxSpinMs,
    maxPayloadBytes: TEST_LIMITS.maxPayloadBytes,
    clockAdvances: true,
  };
  const pools = new Map<string, { idle: MeasurementInstance[] }>();
  const timers = new Set<NodeJS.Timeout>();
  // An instance is claimed when a request arrives and handed back once it has answered; the work
  // itself starts ARRIVAL_WINDOW_MS later. Requests sent together arrive within that window, each
  // claims an instance before any of them spins, and so they meet separate instances, as on
  // one-request-per-instance platforms; sequential calls keep meeting the same one.
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const pool = pools.get(url.pathname);
    if (pool === undefined) {
      response.writeHead(404).end();
      return;
    }
    const instance = pool.idle.pop() ?? createMeasurementInstance();
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        const header = request.headers[TOKEN_HEADER];
        const reply = instance.invoke(config, {
          // Token ignored: every request is let in as if it carried the right one.
          token: fault === 'token-ignored' ? token : typeof header === 'string' ? header : undefined,
          spinIncrements: url.searchParams.get(SPIN_INCREMENTS_PARAM) ?? undefined,
          spinMs: url.searchParams.get(SPIN_MS_PARAM) ?? undefined,
          payloadBytes: Buffer.concat(chunks).byteLength,
          requestId: null,
        });
        let body: Record<string, unknown> = { ...reply.body };
        if (reply.status === 200 && fault === 'wrong-types') {
          body = { ...body, invocationCount: String(body['invocationCount']), memoryMb: String(body['memoryMb']), spinCapped: String(body['spinCapped']) };
        }
        if (reply.status === 200 && fault === 'no-cold-flag') body = { ...body, coldStart: false };
        response.writeHead(reply.status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
        pool.idle.push(instance);
      }, ARRIVAL_WINDOW_MS);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const experiment: ExperimentOutput = {
    file: 'experiments/conformance-test.json',
    title: `fault-${fault}`,
    vendor: 'local',
    subExperiments: [
      {
        index: 0,
        title: 'only',
        deployed: { runtime: 'nodejs', memoryMb: 256, packageSizeMb: 0, parallelism: replicas },
        endpoints: Array.from({ length: replicas }, (_, replica) => {
          pools.set(`/fn-${replica}`, { idle: [] });
          return { url: `${base}/fn-${replica}`, vendor: 'local', region: 'local', runtime: 'nodejs', memoryMb: 256, packageBytes: 100, replica, functionName: `fn-${replica}` } as const;
        }),
      },
    ],
  };
  return {
    outputs: { formatVersion: 1, experiments: [experiment], token },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts the contract server in a child process; close() stops it. */
export async function startContractServer(fault: Fault, replicas = 1): Promise<ContractServer> {
  const child = spawn(process.execPath, ['--import', TSX, MAIN, fault, String(replicas)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the contract server exited with ${code} before listening`)));
  });
  return {
    outputs: JSON.parse(line) as StackOutputs,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const MAIN = fileURLToPath(new URL('./contract-server-main.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
