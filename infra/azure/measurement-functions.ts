import * as pulumi from '@pulumi/pulumi';
import * as web from '@pulumi/azure-native/web/index.js';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ROUTE_PATH } from '../../measurement-functions/azure/index.js';
import { replicaName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import { appSettings } from './app-settings.js';
import { APP_BASE_MAX_LENGTH, appName } from './names.js';
import { linuxFxVersion } from './runtimes.js';
import type { AzureStackResources } from './stack-resources.js';

export const MEASUREMENT_FUNCTIONS_TYPE = 'faasbench:azure:MeasurementFunctions';

export interface MeasurementFunctionsArgs {
  readonly experiment: ResolvedExperiment;
  readonly sub: ResolvedSubExperiment;
  readonly shared: AzureStackResources;
  readonly stackName: string;
  readonly location: string;
  /** The stack's token (secret). */
  readonly token: pulumi.Output<string>;
}

/**
 * One sub-experiment on Azure: a Linux Consumption plan and one Function App per replica.
 * Cold starts happen per app (STeLLAR PR #311), so replicas in one app would warm each other.
 * The plan is the sub-experiment's own: a Consumption plan holds at most 100 apps, which is
 * exactly the largest parallelism the schema allows.
 */
export class AzureMeasurementFunctions extends pulumi.ComponentResource {
  readonly plan: web.AppServicePlan;
  readonly apps: readonly web.WebApp[];
  /** This sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MEASUREMENT_FUNCTIONS_TYPE, name, {}, opts);
    const { sub, shared } = args;
    const pkg = shared.packageFor(sub.packageSizeMb);
    const fxVersion = linuxFxVersion(sub.runtime);

    this.plan = new web.AppServicePlan(
      `${name}-plan`,
      {
        resourceGroupName: shared.resourceGroup.name,
        location: args.location,
        kind: 'functionapp',
        // reserved = Linux.
        reserved: true,
        sku: { name: 'Y1', tier: 'Dynamic' },
      },
      { parent: this },
    );

    this.apps = Array.from({ length: sub.parallelism }, (_, replica) => {
      const base = replicaName(
        { stack: args.stackName, experimentTitle: args.experiment.title, experimentFile: args.experiment.file, subIndex: sub.index, replica },
        APP_BASE_MAX_LENGTH,
      );
      const physicalName = shared.suffix.apply((suffix) => appName(base, suffix));
      return new web.WebApp(
        base,
        {
          name: physicalName,
          resourceGroupName: shared.resourceGroup.name,
          location: args.location,
          serverFarmId: this.plan.id,
          kind: 'functionapp,linux',
          reserved: true,
          httpsOnly: true,
          // An affinity cookie would pin a client to one instance and skew what a burst measures.
          clientAffinityEnabled: false,
          siteConfig: {
            linuxFxVersion: fxVersion,
            ftpsState: web.FtpsState.Disabled,
            minTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
            appSettings: appSettings({
              sub,
              appName: physicalName,
              location: args.location,
              storageConnection: shared.storageConnection,
              packageUrl: pkg.url,
              token: args.token,
            }),
          },
        },
        { parent: this },
      );
    });

    const endpoints = this.apps.map((app, replica) =>
      pulumi.all([app.defaultHostName, app.name, pkg.bytes]).apply(
        ([host, functionName, packageBytes]): EndpointOutput => ({
          url: `https://${host}${ROUTE_PATH}`,
          vendor: 'azure',
          region: args.location,
          runtime: sub.runtime,
          memoryMb: sub.memoryMb,
          packageBytes,
          replica,
          functionName,
        }),
      ),
    );
    this.output = pulumi.all(endpoints).apply((list) => subExperimentOutput(sub, list));
    this.registerOutputs({ output: this.output });
  }
}
