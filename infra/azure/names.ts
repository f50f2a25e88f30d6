import { createHash } from 'node:crypto';
import { type NameLimit, slug } from '../naming.js';

/**
 * Azure's name rules for what faasbench creates. Function App and storage account names are
 * global DNS labels, so each carries the stack's random suffix; the rest only need to be unique
 * in the resource group and keep Pulumi's auto-naming.
 */

/** Characters of the stack-wide random suffix (lower-case letters and digits). */
export const SUFFIX_LENGTH = 8;

/** Microsoft.Web/sites names: 2 to 60 letters, digits and hyphens. */
export const APP_NAME_MAX_LENGTH = 60;

/** Room replicaName gets, leaving "-<suffix>" for the app name. */
export const APP_BASE_MAX_LENGTH = APP_NAME_MAX_LENGTH - SUFFIX_LENGTH - 1;

/** What replicaName may use of a Function App name. */
export const APP_NAME: NameLimit = {
  maxLength: APP_BASE_MAX_LENGTH,
  resource: `Azure Function App names (${APP_NAME_MAX_LENGTH} characters, of which faasbench keeps ${SUFFIX_LENGTH + 1} for the stack's random suffix)`,
};

/** Microsoft.Web/serverfarms names: 1 to 60 characters, unique in the resource group. */
export const PLAN_NAME: NameLimit = { maxLength: 60, resource: 'Azure App Service plan names' };

/** The stack's resource group: `fb-<stack>`, completed by Pulumi's auto-naming. */
export function resourceGroupLogicalName(stackName: string): string {
  return `fb-${slug(stackName)}`;
}

/**
 * The blob Flex Consumption runs: OneDeploy, the deployment Microsoft's tools use, writes the
 * package under this name in the app's deployment container, where the app takes it from when it
 * starts (https://learn.microsoft.com/azure/azure-functions/flex-consumption-plan#deployment).
 */
export const FLEX_PACKAGE_BLOB = 'released-package.zip';

/**
 * One deployment container per distinct package, named by its hash (container names: 3 to 63
 * lower-case letters, digits and hyphens): new code is a new container, so an app switches to it
 * on the next `pulumi up` and never reads a half-replaced package.
 */
export function flexContainerName(sha256: string): string {
  return `released-${sha256.slice(0, 32)}`;
}

/** Storage account names: 3 to 24 lower-case letters and digits, unique across Azure. */
const STORAGE_NAME_MAX_LENGTH = 24;

export function appName(base: string, suffix: string): string {
  const name = `${base}-${suffix}`;
  // replicaName keeps the base within APP_BASE_MAX_LENGTH, and the suffix is the stack's own.
  if (name.length > APP_NAME_MAX_LENGTH) throw new Error(`Function App name ${name} is longer than ${APP_NAME_MAX_LENGTH} characters`);
  return name;
}

export function storageAccountName(stackName: string, suffix: string): string {
  const stack = slug(stackName).replace(/-/g, '');
  return `fb${stack.slice(0, STORAGE_NAME_MAX_LENGTH - 2 - suffix.length)}${suffix}`;
}

/**
 * The Functions host ID of one app. By default the host takes the first 32 characters of the app
 * name, and apps that share a storage account (all of a stack's apps share one) must not share an
 * ID: on Functions v4 the host refuses to start. Replica names differ only at their end, so the
 * ID is a hash of the whole name instead (32 hex characters: the host's maximum length and
 * alphabet).
 */
export function hostId(name: string): string {
  return createHash('sha256').update(name).digest('hex').slice(0, 32);
}

/** Blob name of a package: its size for people reading the container, its hash for identity. */
export function packageBlobName(packageSizeMb: number, sha256: string): string {
  return `measure-${packageSizeMb}mb-${sha256}.zip`;
}
