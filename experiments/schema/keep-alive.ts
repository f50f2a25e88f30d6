import { CAPABILITIES, type Vendor } from '../../infra/vendors.js';
import type { KeepAliveInput, SubExperimentInput } from './input.js';
import { type KeepAliveIdlePlan, planKeepAliveIdle } from './keep-alive-plan.js';
import type { ResolvedKeepAliveStudy } from './resolved.js';

/**
 * A file's `keepAlive` block → ordinary sub-experiments, one per idle time in ascending order, so
 * infra deploys them and the runner sends them like any others; and the record of which
 * sub-experiment samples which idle time, kept in experiment.resolved.json for the report.
 *
 * Each idle time's replicas are capped by what the vendor deploys per sub-experiment
 * (capabilities' maxParallelism); the quota preflight then sees the expanded sub-experiments.
 */

export interface KeepAliveExpansion {
  readonly subExperiments: readonly SubExperimentInput[];
  readonly study: ResolvedKeepAliveStudy;
}

/** Reports a problem at a path inside the `keepAlive` block. */
type Report = (path: readonly (string | number)[], message: string) => void;

/** The expansion, or null after reporting why there is none. */
export function expandKeepAlive(input: KeepAliveInput, vendor: Vendor, report: Report): KeepAliveExpansion | null {
  const { idleTimesMs, samplesPerIdle, wallBudgetMs, ...settings } = input;
  const maxReplicas = CAPABILITIES[vendor].maxParallelism;
  const plans: KeepAliveIdlePlan[] = [];
  let fits = true;
  idleTimesMs.forEach((idleMs, i) => {
    const first = idleTimesMs.indexOf(idleMs);
    if (first < i) {
      report(['idleTimesMs', i], `${idleMs} is already idleTimesMs[${first}]; idle times must be distinct`);
      fits = false;
      return;
    }
    const plan = planKeepAliveIdle(idleMs, { samplesPerIdle, wallBudgetMs, maxReplicas });
    if (!('problem' in plan)) {
      plans.push(plan);
      return;
    }
    fits = false;
    if (plan.problem === 'budget') {
      report(
        ['idleTimesMs', i],
        `${idleMs} (${humanDuration(idleMs)}) needs keepAlive.wallBudgetMs of at least ${plan.leastBudgetMs} (${humanDuration(plan.leastBudgetMs)}): ` +
          `one idle time to start each replica's clock and one per sample; it is ${wallBudgetMs} (${humanDuration(wallBudgetMs)})`,
      );
    } else {
      report(
        ['samplesPerIdle'],
        `${samplesPerIdle} at idle time ${idleMs} (${humanDuration(idleMs)}) within wallBudgetMs ${wallBudgetMs} (${humanDuration(wallBudgetMs)}) ` +
          `would need ${plan.replicas} replicas, more than ${vendor} deploys per sub-experiment (at most ${plan.maxReplicas}); ` +
          'raise keepAlive.wallBudgetMs or lower samplesPerIdle',
      );
    }
  });
  if (!fits) return null;
  plans.sort((a, b) => a.idleMs - b.idleMs);
  return {
    subExperiments: plans.map((plan): SubExperimentInput => ({ ...settings, ...plan.subExperiment })),
    study: {
      samplesPerIdle,
      wallBudgetMs,
      idleTimes: plans.map((plan, index) => ({
        idleMs: plan.idleMs,
        subExperimentIndex: index,
        subExperimentTitle: plan.subExperiment.title,
        replicas: plan.replicas,
        samplesPerReplica: plan.samplesPerReplica,
        samples: plan.samples,
        requests: plan.requests,
        scheduleMs: plan.scheduleMs,
      })),
      totalRequests: plans.reduce((sum, plan) => sum + plan.requests, 0),
      scheduleMs: Math.max(...plans.map((plan) => plan.scheduleMs)),
    },
  };
}

/** 5400000 → "1.5 h", 90000 → "1.5 min", 2500 → "2.5 s", 1234.5 → "1.23 s", 399.6 → "400 ms". */
export function humanDuration(ms: number): string {
  const round = (value: number) => String(Number(value.toFixed(2)));
  if (ms >= 3_600_000) return `${round(ms / 3_600_000)} h`;
  if (ms >= 60_000) return `${round(ms / 60_000)} min`;
  if (ms >= 999.5) return `${round(ms / 1000)} s`;
  return `${Math.round(ms)} ms`;
}
