import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/resolved.js';
import { UserError } from '../../experiments/schema/user-error.js';
import type { VendorStackConfig } from '../config.js';
import { cloudflareCapabilities } from './capabilities.js';

/**
 * CPU time per request. A Worker over its CPU limit is killed by the platform (error 1102, no
 * measurement), so the longest spin faasbench accepts sits well under the limit set on every
 * script, leaving room for calibration error and the handler's own work: a longer spin is
 * refused up front, by the schema, instead.
 *
 * Workers Paid: 30,000 ms by default, settable per script up to 300,000 ms
 * (https://developers.cloudflare.com/workers/platform/limits/#cpu-time; the script's `limits.cpu_ms`,
 * https://developers.cloudflare.com/workers/wrangler/configuration/#limits). faasbench sets the
 * default explicitly, so an account default changed elsewhere cannot lower it under the cap.
 * Workers Free: 10 ms, which cannot be changed, so only spins of 0 fit.
 */
export const PAID_CPU_LIMIT_MS = 30_000;
export const FREE_CPU_LIMIT_MS = 10;

/** The longest spin a script on `plan` accepts. */
export function spinCapMs(plan: VendorStackConfig['cloudflare']['plan']): number {
  return plan === 'paid' ? cloudflareCapabilities.maxSpinMs : 0;
}

/** The script's `limits` argument: set on Workers Paid, absent on Free, where it cannot be set. */
export function scriptLimits(plan: VendorStackConfig['cloudflare']['plan']): { cpuMs: number } | undefined {
  return plan === 'paid' ? { cpuMs: PAID_CPU_LIMIT_MS } : undefined;
}

/** Refuses, naming the file and field, a service time the stack's plan cannot spin for. */
export function checkSpinFitsPlan(experiment: ResolvedExperiment, sub: ResolvedSubExperiment, plan: VendorStackConfig['cloudflare']['plan']): void {
  const cap = spinCapMs(plan);
  const longest = Math.max(...sub.desiredServiceTimesMs);
  if (longest <= cap) return;
  const at = sub.desiredServiceTimesMs.indexOf(longest);
  throw new UserError(
    `${experiment.file}: subExperiments[${sub.index}].desiredServiceTimesMs[${at}] is ${longest} ms, which Cloudflare Workers Free cannot spin for: ` +
      `a request there gets ${FREE_CPU_LIMIT_MS} ms of CPU (faasbench:cloudflare.plan is free), so only 0 is allowed. Use 0, or a Workers Paid account (faasbench:cloudflare.plan paid).`,
  );
}
