import { humanDuration, type ResolvedKeepAliveStudy, type ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { defaultLimits, formatFinding, preflight } from '../../infra/preflight/index.js';
import type { ExperimentRun } from '../cli/select-runs.js';
import { planSubExperiment } from '../schedule/index.js';

/** What `--dry-run` prints for one experiment: the plan, computed exactly as the run would. */
export function describeDryRun(run: ExperimentRun): string {
  const { experiment } = run;
  const where =
    run.endpoints.kind === 'local'
      ? 'on the local platform'
      : run.endpoints.kind === 'undeployed'
        ? `on ${experiment.vendor}, not deployed (${run.endpoints.why})`
        : `on ${experiment.vendor}, endpoints from ${run.endpoints.sourceName}`;
  const lines = [`${experiment.file} (${experiment.title}) ${where}, seed ${experiment.seed}`];
  let requests = 0;
  let scheduleMs = 0;
  for (const sub of experiment.subExperiments) {
    const plan = planSubExperiment(sub, experiment.seed);
    requests += plan.totalRequests;
    scheduleMs = experiment.execution === 'sequential' ? scheduleMs + plan.lastOffsetMs : Math.max(scheduleMs, plan.lastOffsetMs);
    lines.push(
      `  ${sub.title}: ${plan.rounds} rounds x ${sub.parallelism} endpoint${sub.parallelism === 1 ? '' : 's'}, ` +
        `${plan.bursts.length} bursts, ${plan.totalRequests} requests; last round due ${seconds(plan.lastOffsetMs)} after the start`,
    );
    if (sub.chain !== null) {
      // Each request runs the whole chain: the functions deployed and the hop-to-hop transfers are what a chain costs.
      lines.push(
        `    each endpoint a chain of ${sub.chain.length} functions (${sub.parallelism * sub.chain.length} deployed), passing ${sub.chain.payloadBytes} bytes ${sub.chain.transfer === 'inline' ? 'inline' : 'through storage'}: ` +
          `${plan.totalRequests * (sub.chain.length - 1)} hop-to-hop transfers`,
      );
    }
  }
  lines.push(`  total: ${requests} requests over about ${seconds(scheduleMs)} of schedule (${experiment.execution}), plus start-up and calibration`);
  if (experiment.keepAlive !== null) lines.push(`  ${keepAliveLine(experiment.keepAlive, experiment.subExperiments)}`);
  if (experiment.vendor !== 'local') {
    const findings = preflight([experiment], defaultLimits());
    for (const f of findings) lines.push(`  quota ${f.level === 'refuse' ? '(pulumi up refuses)' : '(warning)'}, against default limits: ${formatFinding(f)}`);
  }
  return lines.join('\n');
}

/** What the keep-alive study samples, over the idle times selected (all of them without --only). */
function keepAliveLine(study: ResolvedKeepAliveStudy, subs: readonly ResolvedSubExperiment[]): string {
  const present = new Set(subs.map((sub) => sub.index));
  const idle = study.idleTimes.filter((time) => present.has(time.subExperimentIndex));
  const samples = idle.reduce((sum, time) => sum + time.samples, 0);
  const replicas = idle.reduce((sum, time) => sum + time.replicas, 0);
  const range = idle.length === 0 ? 'no idle time' : `${idle.length} idle time${idle.length === 1 ? '' : 's'} from ${humanDuration(idle[0]!.idleMs)} to ${humanDuration(idle.at(-1)!.idleMs)}`;
  return (
    `keep-alive: ${range}, at least ${study.samplesPerIdle} samples each (${samples} in all) on ${replicas} replica${replicas === 1 ? '' : 's'}; ` +
    `each replica's first request only starts its idle clock; wall budget ${humanDuration(study.wallBudgetMs)}`
  );
}

function seconds(ms: number): string {
  return ms < 120_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 60_000).toFixed(1)} min`;
}
