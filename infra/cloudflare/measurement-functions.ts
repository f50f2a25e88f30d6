import * as cloudflare from '@pulumi/cloudflare';
import * as pulumi from '@pulumi/pulumi';
import path from 'node:path';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { FILLER_MODULE_NAME, MAIN_MODULE_NAME } from '../../measurement-functions/cloudflare/index.js';
import type { VendorStackConfig } from '../config.js';
import { replicaName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import { WORKER_REGION, workerBindings } from './bindings.js';
import { scriptLimits } from './cpu-limits.js';
import { WORKERS_SCRIPT_NAME } from './names.js';
import type { WorkerUpload } from './worker-upload.js';

export interface MeasurementFunctionsArgs {
  readonly stackName: string;
  readonly experiment: ResolvedExperiment;
  readonly subExperiment: ResolvedSubExperiment;
  readonly config: VendorStackConfig['cloudflare'];
  /** The stack's secret token (a secret Output). */
  readonly token: pulumi.Output<string>;
  /** The modules every replica uploads, shared with other sub-experiments of the same size. */
  readonly upload: pulumi.Output<WorkerUpload>;
  readonly provider: cloudflare.Provider;
}

/**
 * The endpoints of one sub-experiment: `parallelism` identical Worker scripts, each served on its
 * own workers.dev host. Separate scripts, because Cloudflare keeps isolates per script: replicas
 * of one script would warm each other.
 */
export class MeasurementFunctions extends pulumi.ComponentResource {
  readonly scripts: cloudflare.WorkersScript[] = [];
  readonly subdomains: cloudflare.WorkersScriptSubdomain[] = [];
  /** This sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('faasbench:cloudflare:MeasurementFunctions', name, {}, opts);
    const { experiment, subExperiment: sub, config, upload } = args;
    const children = { parent: this, provider: args.provider };
    const bindings = workerBindings(sub, args.token, config.plan);
    const limits = scriptLimits(config.plan);

    const endpoints: pulumi.Output<EndpointOutput>[] = [];
    for (let replica = 0; replica < sub.parallelism; replica++) {
      const scriptName = replicaName(
        { stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica },
        WORKERS_SCRIPT_NAME,
      );
      const script = new cloudflare.WorkersScript(
        scriptName,
        {
          accountId: config.accountId,
          scriptName,
          mainModule: MAIN_MODULE_NAME,
          // contentFile and files[].contentFile are read by the provider at upload time, so the
          // state holds paths and hashes, not 64 MiB of base64; the hashes alone decide whether
          // an unchanged script plans an update. Absolute, because the provider resolves them
          // from its own working folder, which need not be the program's.
          contentFile: upload.mainModule.path.apply((file) => path.resolve(file)),
          contentSha256: upload.mainModule.sha256,
          contentType: 'application/javascript+module',
          files: upload.filler.apply((filler) =>
            filler === null
              ? undefined
              : { [FILLER_MODULE_NAME]: { contentFile: path.resolve(filler.path), contentSha256: filler.sha256, contentType: 'application/octet-stream' } },
          ),
          compatibilityDate: config.compatibilityDate,
          bindings,
          ...(limits === undefined ? {} : { limits }),
        },
        children,
      );
      // Created after the script (its name comes from the script's output), enabling the
      // <script>.<subdomain>.workers.dev route the runner calls.
      const subdomain = new cloudflare.WorkersScriptSubdomain(
        scriptName,
        { accountId: config.accountId, scriptName: script.scriptName, enabled: true, previewsEnabled: false },
        children,
      );
      this.scripts.push(script);
      this.subdomains.push(subdomain);
      endpoints.push(
        pulumi.all([subdomain.scriptName, upload.totalBytes]).apply(([deployedName, packageBytes]) => ({
          url: `https://${deployedName}.${config.workersDevSubdomain}.workers.dev`,
          vendor: 'cloudflare' as const,
          // Workers have no region; each response reports the colo that served it.
          region: WORKER_REGION,
          runtime: sub.runtime,
          memoryMb: sub.memoryMb,
          packageBytes,
          replica,
          functionName: deployedName,
        })),
      );
    }

    this.output = pulumi.all(endpoints).apply((list) => subExperimentOutput(sub, list));
    this.registerOutputs({ output: this.output });
  }
}
