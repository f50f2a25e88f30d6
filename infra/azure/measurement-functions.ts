import * as pulumi from '@pulumi/pulumi';
import * as authorization from '@pulumi/azure-native/authorization/index.js';
import * as web from '@pulumi/azure-native/web/index.js';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ROUTE_PATH } from '../../measurement-functions/azure/index.js';
import type { VendorStackConfig } from '../config.js';
import { replicaName, subExperimentName } from '../naming.js';
import { type EndpointOutput, type SubExperimentOutput, subExperimentOutput } from '../outputs.js';
import { hopsLastFirst } from '../chain-hops.js';
import { replicaNameLimit } from '../chain-names.js';
import { type AppSetting, type AppSettingsArgs, consumptionAppSettings, DEPLOYMENT_STORAGE_SETTING, flexAppSettings } from './app-settings.js';
import { chainAppSettings } from './chain-settings.js';
import { APP_NAME, appName, PLAN_NAME } from './names.js';
import type { AzurePackage } from './package-blob.js';
import { flexScale } from './plans.js';
import { flexRuntime, linuxFxVersion } from './runtimes.js';
import type { AzureStackResources } from './stack-resources.js';
import { SyncTriggers } from './sync-triggers.js';

export const MEASUREMENT_FUNCTIONS_TYPE = 'faasbench:azure:MeasurementFunctions';

export interface MeasurementFunctionsArgs {
  readonly experiment: ResolvedExperiment;
  readonly sub: ResolvedSubExperiment;
  readonly shared: AzureStackResources;
  readonly stackName: string;
  readonly config: VendorStackConfig['azure'];
  /** The stack's token (secret). */
  readonly token: pulumi.Output<string>;
}

/** What one replica's app is made of on the stack's plan. */
interface AppRecipe {
  readonly serverFarmId: pulumi.Input<string>;
  readonly siteConfig: web.WebAppArgs['siteConfig'];
  readonly functionAppConfig?: web.WebAppArgs['functionAppConfig'];
  readonly dependsOn: pulumi.Resource[];
}

/** Site settings every app gets, whatever its plan. */
function siteConfig(appSettings: AppSetting[], linuxFx: string | undefined): web.WebAppArgs['siteConfig'] {
  return {
    ...(linuxFx === undefined ? {} : { linuxFxVersion: linuxFx }),
    ftpsState: web.FtpsState.Disabled,
    minTlsVersion: web.SupportedTlsVersions.SupportedTlsVersions_1_2,
    appSettings,
  };
}

/**
 * One sub-experiment on Azure: one Function App per replica, because cold starts happen per app
 * (STeLLAR PR #311) and replicas in one app would warm each other. On Linux Consumption the
 * sub-experiment has a plan of its own, which holds at most 100 apps: exactly the largest
 * parallelism the schema allows. On Flex Consumption a plan holds one app, so every replica has
 * its own (Azure subscription limits, Functions: "Function apps per plan: 1",
 * https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#azure-functions-limits).
 * Every app's triggers are synced through ARM once it exists and whenever its package changes.
 * A chain of N is N apps per replica, deployed last hop first: each app's settings hold the next
 * app's HTTPS endpoint, and only a storage chain's apps get the transfer container's URL and SAS.
 */
export class AzureMeasurementFunctions extends pulumi.ComponentResource {
  readonly plans: web.AppServicePlan[] = [];
  readonly apps: web.WebApp[] = [];
  readonly syncs: SyncTriggers[] = [];
  /** This sub-experiment's part of the stack outputs. */
  readonly output: pulumi.Output<SubExperimentOutput>;

  constructor(name: string, args: MeasurementFunctionsArgs, opts?: pulumi.ComponentResourceOptions) {
    super(MEASUREMENT_FUNCTIONS_TYPE, name, {}, opts);
    const { sub, shared, config } = args;
    const parent = { parent: this };
    const nameParts = { stack: args.stackName, experimentTitle: args.experiment.title, experimentFile: args.experiment.file, subIndex: sub.index };

    const plan = (logicalName: string, physicalName: string, sku: { name: string; tier: string }): web.AppServicePlan => {
      const created = new web.AppServicePlan(
        logicalName,
        // reserved = Linux.
        { name: physicalName, resourceGroupName: shared.resourceGroup.name, location: config.location, kind: 'functionapp', reserved: true, sku },
        parent,
      );
      this.plans.push(created);
      return created;
    };

    let pkg: AzurePackage;
    let recipeFor: (base: string, settings: AppSettingsArgs) => AppRecipe;
    if (config.plan === 'consumption') {
      const consumption = shared.consumptionPackageFor(sub.packageSizeMb);
      pkg = consumption;
      const fxVersion = linuxFxVersion(sub.runtime);
      const subPlan = plan(`${name}-plan`, subExperimentName(nameParts, PLAN_NAME), { name: 'Y1', tier: 'Dynamic' });
      recipeFor = (_base, settings) => ({
        serverFarmId: subPlan.id,
        siteConfig: siteConfig(consumptionAppSettings({ ...settings, packageUrl: consumption.url }), fxVersion),
        dependsOn: [],
      });
    } else {
      const flex = shared.flexPackageFor(sub.packageSizeMb);
      pkg = flex;
      const scale = flexScale(args.experiment, sub, config);
      const runtime = flexRuntime(sub.runtime);
      recipeFor = (base, settings) => ({
        serverFarmId: plan(`${base}-plan`, base, { name: 'FC1', tier: 'FlexConsumption' }).id,
        siteConfig: siteConfig(flexAppSettings(settings), undefined),
        functionAppConfig: {
          deployment: {
            storage: {
              type: web.FunctionsDeploymentStorageType.BlobContainer,
              value: flex.containerUrl,
              authentication: { type: web.AuthenticationType.StorageAccountConnectionString, storageAccountConnectionStringName: DEPLOYMENT_STORAGE_SETTING },
            },
          },
          runtime: { name: runtime.name, version: runtime.version },
          scaleAndConcurrency: {
            instanceMemoryMB: scale.instanceMemoryMb,
            maximumInstanceCount: scale.maximumInstanceCount,
            triggers: { http: { perInstanceConcurrency: scale.perInstanceConcurrency } },
          },
        },
        // The app takes its package from the container when it starts: it must be there first.
        dependsOn: [flex.blob],
      });
    }

    /** One Function App with its trigger sync; `base` is its logical name and the stem of its physical one. */
    const deployApp = (base: string, chain: AppSetting[] | undefined): { app: web.WebApp; sync: SyncTriggers } => {
      const physicalName = shared.suffix.apply((suffix) => appName(base, suffix));
      const recipe = recipeFor(base, {
        sub,
        appName: physicalName,
        location: config.location,
        storageConnection: shared.storageConnection,
        token: args.token,
        ...(chain === undefined ? {} : { chain }),
      });
      const app = new web.WebApp(
        base,
        {
          name: physicalName,
          resourceGroupName: shared.resourceGroup.name,
          location: config.location,
          serverFarmId: recipe.serverFarmId,
          kind: 'functionapp,linux',
          reserved: true,
          httpsOnly: true,
          // An affinity cookie would pin a client to one instance and skew what a burst measures.
          clientAffinityEnabled: false,
          siteConfig: recipe.siteConfig,
          ...(recipe.functionAppConfig === undefined ? {} : { functionAppConfig: recipe.functionAppConfig }),
        },
        { ...parent, dependsOn: recipe.dependsOn },
      );
      // Fetched once the app exists, so the token is fresh when the sync runs.
      const token = authorization.getClientTokenOutput({}, { parent: this, dependsOn: [app] }).token;
      const sync = new SyncTriggers(`${base}-sync`, { appId: app.id, packageSha256: pkg.sha256, token }, { ...parent, dependsOn: [app] });
      this.apps.push(app);
      this.syncs.push(sync);
      return { app, sync };
    };
    const transfers = sub.chain?.transfer === 'storage' ? shared.transferContainer() : null;

    const endpoints: pulumi.Output<EndpointOutput>[] = [];
    for (let replica = 0; replica < sub.parallelism; replica++) {
      const base = replicaName({ ...nameParts, replica }, replicaNameLimit(sub, APP_NAME));
      let entry: { app: web.WebApp; sync: SyncTriggers };
      const syncs: SyncTriggers[] = [];
      if (sub.chain === null) {
        entry = deployApp(base, undefined);
        syncs.push(entry.sync);
      } else {
        // Last hop first: each app's settings name the endpoint of the app deployed before it.
        let next: web.WebApp | null = null;
        let deployed: { app: web.WebApp; sync: SyncTriggers } | null = null;
        for (const hop of hopsLastFirst(sub.chain)) {
          const nextUrl = next === null ? null : pulumi.interpolate`https://${next.defaultHostName}${ROUTE_PATH}`;
          deployed = deployApp(`${base}${hop.suffix}`, chainAppSettings(sub, hop.position, nextUrl, transfers));
          syncs.push(deployed.sync);
          next = deployed.app;
        }
        entry = deployed as { app: web.WebApp; sync: SyncTriggers };
      }
      endpoints.push(
        // Published only after every app of the replica is synced, so the runner is never handed an app (or a hop) that is not serving yet.
        pulumi.all([entry.app.defaultHostName, entry.app.name, pkg.bytes, pulumi.all(syncs.map((sync) => sync.id))]).apply(
          ([host, functionName, packageBytes]): EndpointOutput => ({
            url: `https://${host}${ROUTE_PATH}`,
            vendor: 'azure',
            region: config.location,
            runtime: sub.runtime,
            memoryMb: sub.memoryMb,
            packageBytes,
            replica,
            functionName,
          }),
        ),
      );
    }
    this.output = pulumi.all(endpoints).apply((list) => subExperimentOutput(sub, list));
    this.registerOutputs({ output: this.output });
  }

}
