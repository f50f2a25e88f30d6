import * as cloudflare from '@pulumi/cloudflare';
import * as pulumi from '@pulumi/pulumi';
import path from 'node:path';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { FILLER_MODULE_NAME, MAIN_MODULE_NAME } from '../../measurement-functions/cloudflare/index.js';
import { hopsLastFirst } from '../chain-hops.js';
import { replicaNameLimit } from '../chain-names.js';
import type { VendorStackConfig } from '../config.js';
import { replicaName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import { WORKER_REGION, workerBindings, type WorkerHop } from './bindings.js';
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
  /** The stack's transfer bucket; required when the sub-experiment is a storage chain. */
  readonly transferBucket?: cloudflare.R2Bucket;
}

/**
 * The endpoints of one sub-experiment: `parallelism` identical Worker scripts, each served on its
 * own workers.dev host. Separate scripts, because Cloudflare keeps isolates per script: replicas
 * of one script would warm each other. A chain of N is N scripts per replica, deployed last hop
 * first: hop i is bound to hop i + 1's script as NEXT_HOP (Workers of one account cannot fetch
 * each other's workers.dev hosts), and only hop 0 gets a workers.dev route, the one the runner
 * calls. Only a storage chain's scripts are bound to the transfer bucket.
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
    const limits = scriptLimits(config.plan);
    const bucketName = sub.chain?.transfer === 'storage' ? requiredBucket(args.transferBucket).name : null;

    /** One script, its settings and bindings given; the scripts of a replica differ only in those. */
    const script = (scriptName: string, hop: WorkerHop | null): cloudflare.WorkersScript => {
      const created = new cloudflare.WorkersScript(
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
          bindings: workerBindings(sub, args.token, config.plan, hop),
          ...(limits === undefined ? {} : { limits }),
        },
        children,
      );
      this.scripts.push(created);
      return created;
    };

    const endpoints: pulumi.Output<EndpointOutput>[] = [];
    for (let replica = 0; replica < sub.parallelism; replica++) {
      const replicaScriptName = replicaName(
        { stack: args.stackName, experimentTitle: experiment.title, experimentFile: experiment.file, subIndex: sub.index, replica },
        replicaNameLimit(sub, WORKERS_SCRIPT_NAME),
      );
      let entry: cloudflare.WorkersScript;
      if (sub.chain === null) {
        entry = script(replicaScriptName, null);
      } else {
        // Last hop first: each hop's binding names the script deployed before it.
        let next: cloudflare.WorkersScript | null = null;
        for (const hop of hopsLastFirst(sub.chain)) {
          next = script(`${replicaScriptName}${hop.suffix}`, { position: hop.position, nextScriptName: next?.scriptName ?? null, bucketName });
          if (hop.position > 0) {
            // Reached only through the binding of the hop before: no workers.dev route, said explicitly.
            const closed = new cloudflare.WorkersScriptSubdomain(
              `${replicaScriptName}${hop.suffix}`,
              { accountId: config.accountId, scriptName: next.scriptName, enabled: false, previewsEnabled: false },
              children,
            );
            this.subdomains.push(closed);
          }
        }
        entry = next as cloudflare.WorkersScript;
      }
      // Created after the script (its name comes from the script's output), enabling the
      // <script>.<subdomain>.workers.dev route the runner calls.
      const subdomain = new cloudflare.WorkersScriptSubdomain(
        replicaScriptName,
        { accountId: config.accountId, scriptName: entry.scriptName, enabled: true, previewsEnabled: false },
        children,
      );
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

function requiredBucket(bucket: cloudflare.R2Bucket | undefined): cloudflare.R2Bucket {
  // deployCloudflare makes the bucket whenever some sub-experiment is a storage chain.
  if (bucket === undefined) throw new Error('a storage chain needs the stack transfer bucket');
  return bucket;
}
