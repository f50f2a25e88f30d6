import * as pulumi from '@pulumi/pulumi';
import type { ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { ENV } from '../../measurement-functions/core/index.js';
import { azureCapabilities } from './capabilities.js';
import { hostId } from './names.js';
import { WORKER_RUNTIME } from './runtimes.js';

export interface AppSetting {
  readonly name: string;
  readonly value: pulumi.Input<string>;
}

export interface AppSettingsArgs {
  readonly sub: ResolvedSubExperiment;
  /** The Function App's own name, from which its host ID is made. */
  readonly appName: pulumi.Input<string>;
  readonly location: string;
  /** Connection string of the stack's storage account (secret). */
  readonly storageConnection: pulumi.Input<string>;
  /** The stack's token (secret). */
  readonly token: pulumi.Input<string>;
  /** A chain hop's settings (chain-settings.ts); none for other apps. */
  readonly chain?: readonly AppSetting[];
}

/**
 * The app setting Flex Consumption reads the deployment container's connection string from
 * (functionAppConfig.deployment.storage.authentication.storageAccountConnectionStringName).
 */
export const DEPLOYMENT_STORAGE_SETTING = 'DEPLOYMENT_STORAGE_CONNECTION_STRING';

/**
 * A Linux Consumption app: what the Functions host needs to run a Node v4 app from a package URL,
 * and the settings every plan shares. Credentials stay secret, so they are encrypted in the state
 * and masked in previews.
 */
export function consumptionAppSettings(args: AppSettingsArgs & { readonly packageUrl: pulumi.Input<string> }): AppSetting[] {
  return [
    { name: 'FUNCTIONS_WORKER_RUNTIME', value: WORKER_RUNTIME },
    { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' },
    // Required on Linux Consumption; the app mounts this zip read-only as wwwroot.
    { name: 'WEBSITE_RUN_FROM_PACKAGE', value: pulumi.secret(args.packageUrl) },
    ...sharedAppSettings(args),
  ];
}

/**
 * A Flex Consumption app. Its runtime and its package are set in functionAppConfig, and Microsoft
 * lists FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION and WEBSITE_RUN_FROM_PACKAGE among
 * the settings a Flex app must not have ("Flex Consumption plan deprecations",
 * https://learn.microsoft.com/azure/azure-functions/functions-app-settings#flex-consumption-plan-deprecations).
 */
export function flexAppSettings(args: AppSettingsArgs): AppSetting[] {
  return [{ name: DEPLOYMENT_STORAGE_SETTING, value: pulumi.secret(args.storageConnection) }, ...sharedAppSettings(args)];
}

function sharedAppSettings(args: AppSettingsArgs): AppSetting[] {
  return [
    { name: 'AzureWebJobsStorage', value: pulumi.secret(args.storageConnection) },
    { name: 'AzureFunctionsWebHost__hostId', value: pulumi.output(args.appName).apply(hostId) },
    { name: ENV.token, value: pulumi.secret(args.token) },
    { name: ENV.vendor, value: 'azure' },
    { name: ENV.region, value: args.location },
    { name: ENV.runtime, value: args.sub.runtime },
    { name: ENV.memoryMb, value: String(args.sub.memoryMb) },
    { name: ENV.maxSpinMs, value: String(azureCapabilities.maxSpinMs) },
    { name: ENV.maxPayloadBytes, value: String(azureCapabilities.maxPayloadBytes) },
    ...(args.chain ?? []),
  ];
}
