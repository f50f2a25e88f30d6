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
  /** Read SAS URL of the app's package blob (secret). */
  readonly packageUrl: pulumi.Input<string>;
  /** The stack's token (secret). */
  readonly token: pulumi.Input<string>;
}

/**
 * Everything one Function App is configured with: what the Functions host needs to run a Node
 * v4 app from a package URL, and the FAASBENCH_* variables the measurement core reads.
 * Credentials stay secret, so they are encrypted in the state and masked in previews.
 */
export function appSettings(args: AppSettingsArgs): AppSetting[] {
  return [
    { name: 'FUNCTIONS_WORKER_RUNTIME', value: WORKER_RUNTIME },
    { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' },
    { name: 'AzureWebJobsStorage', value: pulumi.secret(args.storageConnection) },
    // Required on Linux Consumption; the app mounts this zip read-only as wwwroot.
    { name: 'WEBSITE_RUN_FROM_PACKAGE', value: pulumi.secret(args.packageUrl) },
    { name: 'AzureFunctionsWebHost__hostId', value: pulumi.output(args.appName).apply(hostId) },
    { name: ENV.token, value: pulumi.secret(args.token) },
    { name: ENV.vendor, value: 'azure' },
    { name: ENV.region, value: args.location },
    { name: ENV.runtime, value: args.sub.runtime },
    { name: ENV.memoryMb, value: String(args.sub.memoryMb) },
    { name: ENV.maxSpinMs, value: String(azureCapabilities.maxSpinMs) },
    { name: ENV.maxPayloadBytes, value: String(azureCapabilities.maxPayloadBytes) },
  ];
}
