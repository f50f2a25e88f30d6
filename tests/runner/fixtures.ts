import { parseExperimentText, type ResolvedExperiment } from '../../experiments/schema/index.js';
import type { ExperimentOutput, StackOutputs } from '../../infra/outputs.js';

/** A small resolved experiment for tests; `overrides` patch the top level of the file. */
export function experimentFixture(file: string, overrides: Record<string, unknown> = {}): ResolvedExperiment {
  return parseExperimentText(
    JSON.stringify({
      title: 'fixture',
      vendor: 'aws',
      seed: 1,
      subExperiments: [
        { title: 'warm', bursts: 4, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 }, parallelism: 2, memoryMb: 256 },
        { title: 'cold', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } },
      ],
      ...overrides,
    }),
    file,
    { drawSeed: () => 9 },
  );
}

/** The stack outputs `pulumi up` would export for `experiment`, with URLs under `baseUrl`. */
export function outputsFixture(experiment: ResolvedExperiment, baseUrl = 'https://example.invalid'): StackOutputs {
  const deployed: ExperimentOutput = {
    file: experiment.file,
    title: experiment.title,
    vendor: experiment.vendor,
    subExperiments: experiment.subExperiments.map((sub) => ({
      index: sub.index,
      title: sub.title,
      deployed: { runtime: sub.runtime, memoryMb: sub.memoryMb, packageSizeMb: sub.packageSizeMb, parallelism: sub.parallelism },
      endpoints: Array.from({ length: sub.parallelism }, (_, replica) => ({
        url: `${baseUrl}/s${sub.index}-r${replica}`,
        vendor: experiment.vendor,
        region: 'eu-west-1',
        runtime: sub.runtime,
        memoryMb: sub.memoryMb,
        packageBytes: 1234,
        replica,
        functionName: `fn-s${sub.index}-r${replica}`,
      })),
    })),
  };
  return { formatVersion: 1, experiments: [deployed], token: 'tok-0123456789abcdef-secret' };
}
