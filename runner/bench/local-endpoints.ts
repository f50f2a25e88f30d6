import { randomBytes } from 'node:crypto';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';
import { deployExperimentLocally, type LocalPlatformEnd, startLocalPlatformProcess } from '../../infra/local/index.js';
import type { ExperimentOutput } from '../../infra/outputs.js';
import { LOCAL_WORK_DIR, PACKAGE_CACHE_DIR } from '../../infra/work-paths.js';

export interface LocalEndpoints {
  readonly endpoints: ExperimentOutput;
  readonly token: string;
  /** Settles with how the platform process ended if it ends before stop(). */
  readonly died: Promise<string>;
  /** Stops the platform; its end says what the object store saw and what was left in it (null if it had died). */
  readonly stop: () => Promise<LocalPlatformEnd | null>;
}

/**
 * Starts the embedded local platform in its own process (it must not share the runner's event
 * loop), deploys the experiment on it with a fresh token, and returns the same outputs a stack
 * would export. `stop` tears it all down; if the runner dies instead, the platform sees its IPC
 * channel close and stops itself.
 */
export async function startLocalEndpoints(
  experiment: ResolvedExperiment,
): Promise<LocalEndpoints> {
  if (experiment.local === null) throw new Error(`${experiment.file} has no local platform settings`);
  const token = randomBytes(32).toString('base64url');
  const platform = await startLocalPlatformProcess({
    keepAliveMs: experiment.local.keepAliveMs,
    maxInstancesPerFunction: experiment.local.maxInstancesPerFunction,
    workDir: LOCAL_WORK_DIR,
  });
  try {
    const endpoints = await deployExperimentLocally(experiment, platform, { token, cacheDir: PACKAGE_CACHE_DIR });
    return { endpoints, token, died: platform.died, stop: () => platform.stop() };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}
