import { ENV } from '../../measurement-functions/core/config.js';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/resolved.js';
import { UserError } from '../../experiments/schema/user-error.js';
import { chainHopEnv, hopSuffix, hopsLastFirst } from '../chain-hops.js';
import { ExperimentOutput, subExperimentOutput } from '../outputs.js';
import { buildPackage, type BuiltPackage } from '../packaging/build-package.js';
import { localCapabilities } from './capabilities.js';
import { localFunctionName } from './function-names.js';
import { localRecipeFor } from './package-recipe.js';
import { functionUrl, type LocalFunctionSpec, type LocalPlatformApi } from './platform-types.js';

export interface LocalDeployOptions {
  /** The token every request must carry. */
  readonly token: string;
  /** Where built packages are cached across runs. */
  readonly cacheDir: string;
}

/**
 * Deploys `experiment` on a running local platform the way `pulumi up` deploys it on a vendor:
 * one package per distinct (runtime, package size), `parallelism` functions per sub-experiment,
 * and the same ExperimentOutput the stack would export.
 */
export async function deployExperimentLocally(
  experiment: ResolvedExperiment,
  platform: Pick<LocalPlatformApi, 'baseUrl' | 'deploy'>,
  options: LocalDeployOptions,
): Promise<ExperimentOutput> {
  if (experiment.vendor !== 'local') {
    throw new UserError(`${experiment.file} is for vendor ${experiment.vendor}; only vendor "local" experiments run on the local platform.`);
  }
  const packages = new Map<string, BuiltPackage>();
  for (const sub of experiment.subExperiments) {
    const key = packageKey(sub);
    if (packages.has(key)) continue;
    packages.set(key, await buildPackage({ recipe: localRecipeFor(sub.runtime), packageSizeMb: sub.packageSizeMb, cacheDir: options.cacheDir }));
  }

  const specs: LocalFunctionSpec[] = [];
  const output = ExperimentOutput.parse({
    file: experiment.file,
    title: experiment.title,
    vendor: 'local',
    subExperiments: experiment.subExperiments.map((sub) => {
      const built = packages.get(packageKey(sub))!;
      return subExperimentOutput(
        sub,
        Array.from({ length: sub.parallelism }, (_, replica) => {
          const name = localFunctionName(experiment.title, sub.index, replica);
          const spec = { packagePath: built.path, memoryMb: sub.memoryMb, prewarm: experiment.local?.prewarm ?? null };
          if (sub.chain === null) {
            specs.push({ ...spec, name, env: functionEnv(sub, options.token) });
          } else {
            // One function per hop, each told the next one's address; only a storage chain's get the object store.
            for (const hop of hopsLastFirst(sub.chain)) {
              const next = hop.position === sub.chain.length - 1 ? null : functionUrl(platform.baseUrl, `${name}${hopSuffix(hop.position + 1)}`);
              specs.push({
                ...spec,
                name: `${name}${hop.suffix}`,
                env: { ...functionEnv(sub, options.token), ...chainHopEnv(sub, 'local', hop.position, next) },
                objectStore: sub.chain.transfer === 'storage',
              });
            }
          }
          return {
            url: functionUrl(platform.baseUrl, name),
            vendor: 'local',
            region: 'local',
            runtime: sub.runtime,
            memoryMb: sub.memoryMb,
            packageBytes: built.bytes,
            replica,
            functionName: name,
          } as const;
        }),
      );
    }),
  });
  await platform.deploy(specs);
  return output;
}

function packageKey(sub: ResolvedSubExperiment): string {
  return JSON.stringify([sub.runtime, sub.packageSizeMb]);
}

function functionEnv(sub: ResolvedSubExperiment, token: string): Record<string, string> {
  return {
    [ENV.token]: token,
    [ENV.vendor]: 'local',
    [ENV.region]: 'local',
    [ENV.runtime]: sub.runtime,
    [ENV.memoryMb]: String(sub.memoryMb),
    [ENV.maxSpinMs]: String(localCapabilities.maxSpinMs),
    [ENV.maxPayloadBytes]: String(localCapabilities.maxPayloadBytes),
  };
}
