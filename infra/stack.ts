import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseExperimentText, type ResolvedExperiment, UserError } from '../experiments/schema/index.js';
import { deployAws } from './aws/index.js';
import { deployAzure } from './azure/index.js';
import { deployCloudflare } from './cloudflare/index.js';
import { parseStackConfig, type StackConfig, vendorConfig } from './config.js';
import { deployGcp } from './gcp/index.js';
import { type ExperimentOutput, OUTPUTS_FORMAT_VERSION } from './outputs.js';
import { formatFinding, limitsFromConfig, preflight } from './preflight/index.js';
import type { VendorContext } from './vendor-program.js';
import type { CloudVendor } from './vendors.js';
import { PACKAGE_CACHE_DIR } from './work-paths.js';

export interface FaasbenchStackOutputs {
  readonly formatVersion: number;
  readonly experiments: pulumi.Output<ExperimentOutput[]>;
  readonly token: pulumi.Output<string>;
}

/**
 * The whole program: read the stack config, load the experiment files it names, make the stack's
 * secret token, let each vendor deploy its experiments, and export what `npm run bench` reads.
 */
export async function faasbenchStack(): Promise<FaasbenchStackOutputs> {
  const stackName = pulumi.getStack();
  const config = parseStackConfig(readNamespace('faasbench'), stackName);
  const experiments = await Promise.all(config.experiments.map(loadStackExperiment));
  for (const experiment of experiments) {
    if (experiment.vendor === 'local') {
      throw new UserError(
        `Stack config of ${stackName}: faasbench:experiments lists ${experiment.file}, whose vendor is "local"; local experiments need no deploy (run \`npm run bench -- ${experiment.file}\`), so remove it from the stack.`,
      );
    }
  }

  // Quotas before money: nothing is created when the stack certainly asks for more than an
  // account allows; what it may ask for is a warning.
  const findings = preflight(experiments, limitsFromConfig(config));
  const refusals = findings.filter((f) => f.level === 'refuse');
  if (refusals.length > 0) {
    throw new UserError(`Stack ${stackName} asks for more than its accounts allow. ${refusals.map(formatFinding).join(' ')}`);
  }
  for (const warning of findings) await pulumi.log.warn(formatFinding(warning));

  // The token every function checks; a secret in the state and in the outputs.
  const token = new random.RandomPassword('token', { length: 48, special: false }).result;
  // Absolute: providers read package files (Workers contentFile) from their own working folder.
  const context: VendorContext = { stackName, token, packageCacheDir: path.resolve(PROJECT_ROOT, PACKAGE_CACHE_DIR) };

  const outputs = new Map<ResolvedExperiment, pulumi.Output<ExperimentOutput>>();
  for (const vendor of ['aws', 'azure', 'gcp', 'cloudflare'] as const) {
    const ofVendor = experiments.filter((e) => e.vendor === vendor);
    if (ofVendor.length === 0) continue;
    const deployed = deployVendor(vendor, ofVendor, config, context);
    ofVendor.forEach((experiment, i) => outputs.set(experiment, deployed[i] as pulumi.Output<ExperimentOutput>));
  }
  return {
    formatVersion: OUTPUTS_FORMAT_VERSION,
    // In the order of the stack config, so `npm run bench` runs them in that order.
    experiments: pulumi.all(experiments.map((e) => outputs.get(e) as pulumi.Output<ExperimentOutput>)),
    token: pulumi.secret(token),
  };
}

function deployVendor(
  vendor: CloudVendor,
  experiments: readonly ResolvedExperiment[],
  config: StackConfig,
  context: VendorContext,
): pulumi.Output<ExperimentOutput>[] {
  const neededBy = (experiments[0] as ResolvedExperiment).file;
  switch (vendor) {
    case 'aws':
      return deployAws(experiments, vendorConfig(config, 'aws', neededBy, context.stackName), context);
    case 'azure':
      return deployAzure(experiments, vendorConfig(config, 'azure', neededBy, context.stackName), context);
    case 'gcp':
      return deployGcp(experiments, vendorConfig(config, 'gcp', neededBy, context.stackName), context);
    case 'cloudflare':
      return deployCloudflare(experiments, vendorConfig(config, 'cloudflare', neededBy, context.stackName), context);
  }
}

/** The folder of Pulumi.yaml: experiment files and the package cache are named relative to it. */
export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * An experiment file named in the stack config, relative to the project root whatever the
 * working folder. Its name stays as given: function names hash it, and the runner matches on it.
 * Seeds only matter to the runner; infra never draws one.
 */
async function loadStackExperiment(file: string): Promise<ResolvedExperiment> {
  let text: string;
  try {
    text = await readFile(path.resolve(PROJECT_ROOT, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'there is no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? error);
    throw new UserError(`Experiment file ${file} (named in faasbench:experiments, relative to ${PROJECT_ROOT}) cannot be read: ${why}.`);
  }
  return parseExperimentText(text, file, { drawSeed: () => 0 });
}

/**
 * Every `<namespace>:*` key of the stack config as parsed JSON (Pulumi stores objects and lists
 * as JSON text, plain strings as they are), so unknown keys can be refused by name.
 */
function readNamespace(namespace: string): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, text] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith(`${namespace}:`)) continue;
    const name = key.slice(namespace.length + 1);
    try {
      values[name] = JSON.parse(text);
    } catch {
      values[name] = text;
    }
  }
  return values;
}
