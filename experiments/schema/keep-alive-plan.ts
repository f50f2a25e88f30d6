import type { SubExperimentInput } from './input.js';

/**
 * The keep-alive study shape: one sub-experiment per idle time T, each a set of replicas that
 * receive one request every T, so every request after a replica's first is a sample of "idle for
 * T, then called". Replicas run side by side (execution `parallel`), which is how a long idle
 * time still gets enough samples within the wall-time budget: samples per replica are capped by
 * the budget, and the rest comes from more replicas. Pure.
 *
 * With the runner's schedule (runner/schedule/plan.ts: an IAT passes before the first round, and
 * each round sends one burst to every replica), a sub-experiment of `replicas` replicas and
 * s samples each has s + 1 rounds (the first only starts the idle clock), bursts = replicas·(s + 1)
 * of size 1, iat fixed at T, and lasts (s + 1)·T.
 */

export interface KeepAliveStudyInput {
  /** Idle times to test, e.g. 1 to 30 minutes. */
  readonly idleTimesMs: readonly number[];
  /** Samples wanted per idle time (at least this many are planned). */
  readonly samplesPerIdle: number;
  /** Longest any sub-experiment's schedule may last. */
  readonly wallBudgetMs: number;
  /** Most replicas one idle time may use (the vendor's parallelism limit per sub-experiment). */
  readonly maxReplicas?: number;
}

export interface KeepAliveIdlePlan {
  readonly idleMs: number;
  readonly replicas: number;
  readonly samplesPerReplica: number;
  /** replicas × samplesPerReplica. */
  readonly samples: number;
  /** replicas × (samplesPerReplica + 1): the first request of each replica is no sample. */
  readonly requests: number;
  /** (samplesPerReplica + 1) × idleMs. */
  readonly scheduleMs: number;
  /** The sub-experiment as an experiment file writes it (defaults elsewhere unchanged). */
  readonly subExperiment: Pick<SubExperimentInput, 'title' | 'bursts' | 'burstSizes' | 'iat' | 'parallelism'>;
}

/** Why an idle time cannot be planned: the budget holds no sample, or the samples need more replicas than allowed. */
export type KeepAliveIdleProblem =
  | { readonly problem: 'budget'; readonly idleMs: number; readonly leastBudgetMs: number }
  | { readonly problem: 'replicas'; readonly idleMs: number; readonly replicas: number; readonly maxReplicas: number };

export interface KeepAliveStudyPlan {
  readonly idleTimes: readonly KeepAliveIdlePlan[];
  readonly totalRequests: number;
  /** Functions to deploy: one per replica of every idle time. */
  readonly totalReplicas: number;
  /** The longest schedule: the study's wall time when sub-experiments run in parallel. */
  readonly scheduleMs: number;
}

export const DEFAULT_MAX_REPLICAS = 1000;

/** The whole study, or a RangeError saying what to change. */
export function planKeepAliveStudy(input: KeepAliveStudyInput): KeepAliveStudyPlan {
  const maxReplicas = input.maxReplicas ?? DEFAULT_MAX_REPLICAS;
  if (!Number.isInteger(input.samplesPerIdle) || input.samplesPerIdle < 1) throw new RangeError(`samplesPerIdle must be a positive integer, got ${input.samplesPerIdle}`);
  if (input.idleTimesMs.length === 0) throw new RangeError('a keep-alive study needs at least one idle time');
  if (new Set(input.idleTimesMs).size !== input.idleTimesMs.length) throw new RangeError('idle times must be distinct');
  const idleTimes = [...input.idleTimesMs]
    .sort((a, b) => a - b)
    .map((idleMs) => {
      const plan = planKeepAliveIdle(idleMs, { ...input, maxReplicas });
      if ('problem' in plan) throw new RangeError(describeIdleProblem(plan, input));
      return plan;
    });
  return {
    idleTimes,
    totalRequests: idleTimes.reduce((sum, plan) => sum + plan.requests, 0),
    totalReplicas: idleTimes.reduce((sum, plan) => sum + plan.replicas, 0),
    scheduleMs: Math.max(...idleTimes.map((plan) => plan.scheduleMs)),
  };
}

/** One idle time's replicas, samples and sub-experiment, or why it does not fit. */
export function planKeepAliveIdle(
  idleMs: number,
  settings: { readonly samplesPerIdle: number; readonly wallBudgetMs: number; readonly maxReplicas: number },
): KeepAliveIdlePlan | KeepAliveIdleProblem {
  if (!(idleMs > 0)) throw new RangeError(`idle times must be positive, got ${idleMs}`);
  // s + 1 rounds of T each must fit the budget.
  const mostPerReplica = Math.floor(settings.wallBudgetMs / idleMs) - 1;
  if (mostPerReplica < 1) return { problem: 'budget', idleMs, leastBudgetMs: 2 * idleMs };
  const replicas = Math.ceil(settings.samplesPerIdle / mostPerReplica);
  if (replicas > settings.maxReplicas) return { problem: 'replicas', idleMs, replicas, maxReplicas: settings.maxReplicas };
  // As few rounds as the replicas need, so no replica idles past what the samples require.
  const samplesPerReplica = Math.ceil(settings.samplesPerIdle / replicas);
  const rounds = samplesPerReplica + 1;
  return {
    idleMs,
    replicas,
    samplesPerReplica,
    samples: replicas * samplesPerReplica,
    requests: replicas * rounds,
    scheduleMs: rounds * idleMs,
    subExperiment: {
      title: keepAliveTitle(idleMs),
      bursts: replicas * rounds,
      burstSizes: [1],
      iat: { distribution: 'fixed', ms: idleMs },
      parallelism: replicas,
    },
  };
}

export function describeIdleProblem(problem: KeepAliveIdleProblem, input: { readonly samplesPerIdle: number; readonly wallBudgetMs: number }): string {
  return problem.problem === 'budget'
    ? `idle time ${problem.idleMs} ms needs a wall budget of at least ${problem.leastBudgetMs} ms (one idle time to start the clock, one per sample)`
    : `idle time ${problem.idleMs} ms would need ${problem.replicas} replicas for ${input.samplesPerIdle} samples in ${input.wallBudgetMs} ms; at most ${problem.maxReplicas}: raise the budget or lower the samples`;
}

/**
 * The sub-experiment title of an idle time, exact so that distinct idle times never share one:
 * whole minutes as `idle 5 min`, tenths of a second as `idle 90 s` or `idle 1.5 s`, anything
 * else in ms.
 */
export function keepAliveTitle(idleMs: number): string {
  if (idleMs % 60_000 === 0) return `idle ${idleMs / 60_000} min`;
  if (idleMs % 100 === 0) return `idle ${idleMs / 1000} s`;
  return `idle ${idleMs} ms`;
}
