import { CONFORMANCE } from '../../infra/conformance.js';
import type { EndpointOutput, ExperimentOutput } from '../../infra/outputs.js';
import { CAPABILITIES, type Vendor } from '../../infra/vendors.js';
import { type Check, type CheckResult, CHECKS, type Expectations } from './checks/index.js';
import type { LooseResponse } from './contract-schema.js';
import { conformanceClient } from './http.js';

export interface ConformanceTarget {
  readonly experiment: string;
  readonly subExperiment: string;
  readonly endpoint: EndpointOutput;
}

export interface EndpointConformance {
  readonly target: ConformanceTarget;
  readonly checks: readonly CheckResult[];
}

export interface ConformanceReport {
  readonly endpoints: readonly EndpointConformance[];
  /** Every check of every endpoint passed or was skipped with a reason. */
  readonly passed: boolean;
  readonly checks: readonly { readonly id: string; readonly title: string }[];
}

export interface ConformanceOptions {
  readonly experiments: readonly ExperimentOutput[];
  readonly token: string;
  readonly signal: AbortSignal;
  /** What each endpoint is held to; by default its vendor's expectations and capabilities. */
  readonly expectationsFor?: (endpoint: EndpointOutput) => Expectations;
  /** Endpoints checked at once. */
  readonly concurrency?: number;
  readonly checks?: readonly Check[];
}

export function vendorExpectations(endpoint: EndpointOutput): Expectations {
  const vendor = endpoint.vendor as Vendor;
  return { ...CONFORMANCE[vendor], maxSpinMs: CAPABILITIES[vendor].maxSpinMs, maxPayloadBytes: CAPABILITIES[vendor].maxPayloadBytes };
}

/**
 * Holds every deployed endpoint to the measurement contract: each check in turn on one endpoint
 * (they share what the endpoint answered), several endpoints at once. A check that throws is a
 * failed check, never a crashed suite; after an abort the remaining checks are skipped.
 */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const checks = options.checks ?? CHECKS;
  const targets: ConformanceTarget[] = options.experiments.flatMap((experiment) =>
    experiment.subExperiments.flatMap((sub) => sub.endpoints.map((endpoint) => ({ experiment: experiment.title, subExperiment: sub.title, endpoint }))),
  );
  const results: EndpointConformance[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      results[index] = await checkEndpoint(targets[index] as ConformanceTarget, checks, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, targets.length) }, worker));
  return {
    endpoints: results,
    passed: results.every((r) => r.checks.every((c) => c.status !== 'fail')),
    checks: checks.map((c) => ({ id: c.id, title: c.title })),
  };
}

async function checkEndpoint(target: ConformanceTarget, checks: readonly Check[], options: ConformanceOptions): Promise<EndpointConformance> {
  const accepted: LooseResponse[] = [];
  const client = conformanceClient(target.endpoint.url, options.signal, (answer) => {
    if (answer.kind === 'answer' && answer.status === 200 && answer.loose !== null) accepted.push(answer.loose);
  });
  const context = {
    endpoint: target.endpoint,
    token: options.token,
    expectations: (options.expectationsFor ?? vendorExpectations)(target.endpoint),
    send: client.send,
    accepted: () => accepted,
    signal: options.signal,
  };
  const done: CheckResult[] = [];
  try {
    for (const check of checks) {
      if (options.signal.aborted) {
        done.push({ id: check.id, status: 'skip', detail: 'interrupted' });
        continue;
      }
      try {
        done.push(await check.run(context));
      } catch (error) {
        done.push({ id: check.id, status: 'fail', detail: `the check could not run: ${(error as Error).message}` });
      }
    }
  } finally {
    client.close();
  }
  return { target, checks: done };
}
