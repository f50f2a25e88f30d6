import { randomBytes } from 'node:crypto';
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
/**
 * After a request that spun for a time (spinMs, as the suite's concurrency round asks), its
 * instance stays busy this long, so the requests sent together with it (which this
 * single-threaded server only reads once the spin is over) meet a new instance, as
 * one-request-per-instance platforms do. Sequential calls, spun by increments or not, keep
 * meeting the same instance.
 */
const HOLD_MS = 40;

export interface ContractServer {
  readonly outputs: StackOutputs;
  close(): Promise<void>;
}

/**
 * Endpoints for the conformance suite's own tests: one HTTP server on 127.0.0.1 whose functions
 * are pools of instances of the real measurement core (one request per instance, like Lambda),
 * each broken in one way by `fault`, or not at all.
 */
export async function startContractServer(fault: Fault, replicas = 1): Promise<ContractServer> {
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
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://x');
      const pool = pools.get(url.pathname);
      if (pool === undefined) {
        response.writeHead(404).end();
        return;
      }
      const instance = pool.idle.pop() ?? createMeasurementInstance();
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
      const heldBusy = reply.status === 200 && url.searchParams.has(SPIN_MS_PARAM);
      if (!heldBusy) {
        pool.idle.push(instance);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        pool.idle.push(instance);
      }, HOLD_MS);
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
