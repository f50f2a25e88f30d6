import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { UserError } from '../../experiments/schema/index.js';
import type { ExperimentOutput, StackOutputs } from '../../infra/outputs.js';
import { experimentHash } from '../bench/experiment-hash.js';
import { endpointsFor } from '../endpoints/match.js';
import type { StackLookup } from '../endpoints/pulumi-stack.js';
import { type BenchArgs, DEFAULT_EXPERIMENT } from './args.js';

/** Where one experiment's endpoints come from. */
export type EndpointPlan =
  | { readonly kind: 'local' }
  | {
      readonly kind: 'deployed';
      readonly source: 'stack' | 'outputs-file';
      /** "Pulumi stack dev" or "outputs file ci/outputs.json", for messages. */
      readonly sourceName: string;
      /** The outputs file's path or the stack's name: where a resume reads them again. */
      readonly locator: string;
      readonly outputs: StackOutputs;
    };

export type ExperimentRun =
  | { readonly experiment: ResolvedExperiment; readonly endpoints: { readonly kind: 'local' } }
  /** Only under --dry-run: a cloud experiment not (yet) deployed can still be planned and costed. */
  | { readonly experiment: ResolvedExperiment; readonly endpoints: { readonly kind: 'undeployed'; readonly why: string } }
  | {
      readonly experiment: ResolvedExperiment;
      readonly endpoints: {
        readonly kind: 'deployed';
        readonly source: 'stack' | 'outputs-file';
        readonly sourceName: string;
        readonly locator: string;
        /** This experiment's endpoints, checked against the file. */
        readonly deployed: ExperimentOutput;
        readonly token: string;
      };
    };

/** A run with endpoints to send to: anything selectRuns returns outside --dry-run. */
export type SendableRun = Exclude<ExperimentRun, { endpoints: { kind: 'undeployed' } }>;

/** A selected run with the hash of its file as read (before --seed and --only): what a resume checks the file against. */
export type SelectedRun = ExperimentRun & { readonly fileHash: string };

export function isSendable(run: ExperimentRun): run is SendableRun {
  return run.endpoints.kind !== 'undeployed';
}

export interface SelectDeps {
  readonly loadExperiment: (file: string) => Promise<ResolvedExperiment>;
  readonly readOutputsFile: (file: string) => Promise<StackOutputs>;
  readonly readPulumiStack: (stack: string | null) => Promise<StackLookup>;
}

/** Decides which experiments run and against which endpoints; `notes` explain any fallback. */
export async function selectRuns(
  args: BenchArgs,
  deps: SelectDeps,
): Promise<{ runs: SelectedRun[]; notes: string[] }> {
  const notes: string[] = [];
  let deployed: EndpointPlan | null | undefined;
  let noStackWhy = '';
  // The Pulumi CLI is slow to start, so it is asked only when an experiment needs cloud endpoints.
  const deployedEndpoints = async (): Promise<EndpointPlan | null> => {
    if (deployed !== undefined) return deployed;
    if (args.outputsFile !== null) {
      const outputs = await deps.readOutputsFile(args.outputsFile);
      return (deployed = { kind: 'deployed', source: 'outputs-file', sourceName: `outputs file ${args.outputsFile}`, locator: args.outputsFile, outputs });
    }
    const lookup = await deps.readPulumiStack(args.stack);
    if (!lookup.found) {
      noStackWhy = lookup.why;
      return (deployed = null);
    }
    return (deployed = { kind: 'deployed', source: 'stack', sourceName: `Pulumi stack ${lookup.stack}`, locator: lookup.stack, outputs: lookup.outputs });
  };

  let runs: ExperimentRun[];
  if (args.files.length === 0) {
    const plan = await deployedEndpoints();
    if (plan?.kind === 'deployed') {
      runs = [];
      for (const entry of plan.outputs.experiments) {
        runs.push(deployedRun(await deps.loadExperiment(entry.file), plan));
      }
    } else {
      notes.push(`No deployed experiments (${noStackWhy}); running ${DEFAULT_EXPERIMENT} on the local platform.`);
      runs = [{ experiment: await deps.loadExperiment(DEFAULT_EXPERIMENT), endpoints: { kind: 'local' } }];
    }
  } else {
    runs = [];
    for (const file of args.files) {
      const experiment = await deps.loadExperiment(file);
      if (experiment.vendor === 'local') {
        runs.push({ experiment, endpoints: { kind: 'local' } });
        continue;
      }
      const plan = await deployedEndpoints();
      if (plan === null || plan.kind !== 'deployed') {
        if (args.dryRun) {
          runs.push({ experiment, endpoints: { kind: 'undeployed', why: noStackWhy } });
          continue;
        }
        throw new UserError(
          `${file} runs on ${experiment.vendor}, whose endpoints come from \`pulumi up\`, but ${noStackWhy}; ` +
            'deploy it with `pulumi up` and select the stack, or give --outputs FILE (see README, "Benchmark a cloud").',
        );
      }
      runs.push(deployedRun(experiment, plan));
    }
  }
  return { runs: runs.map((run) => ({ ...run, fileHash: experimentHash(run.experiment), experiment: applyOverrides(run.experiment, args) })), notes };
}

function deployedRun(experiment: ResolvedExperiment, plan: Extract<EndpointPlan, { kind: 'deployed' }>): ExperimentRun {
  // Checked against the whole file, before --only narrows it.
  const deployed = endpointsFor(experiment, plan.outputs, plan.sourceName);
  return {
    experiment,
    endpoints: { kind: 'deployed', source: plan.source, sourceName: plan.sourceName, locator: plan.locator, deployed, token: plan.outputs.token },
  };
}

function applyOverrides(experiment: ResolvedExperiment, args: BenchArgs): ResolvedExperiment {
  let result = experiment;
  if (args.seed !== null) result = { ...result, seed: args.seed, seedGenerated: false };
  if (args.only.length > 0) {
    const titles = new Set(args.only);
    const kept = result.subExperiments.filter((sub) => titles.has(sub.title));
    const known = new Set(result.subExperiments.map((sub) => sub.title));
    const unknown = args.only.filter((title) => !known.has(title));
    if (unknown.length > 0) {
      throw new UserError(
        `--only ${unknown.map((t) => JSON.stringify(t)).join(', ')} names no sub-experiment of ${experiment.file}; its titles are ${[...known].map((t) => JSON.stringify(t)).join(', ')}.`,
      );
    }
    // Indexes are kept: they tie a sub-experiment to its deployed endpoints and its random stream.
    result = { ...result, subExperiments: kept };
  }
  return result;
}
