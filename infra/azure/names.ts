import { createHash } from 'node:crypto';
import { slug } from '../naming.js';

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

/** Storage account names: 3 to 24 lower-case letters and digits, unique across Azure. */
const STORAGE_NAME_MAX_LENGTH = 24;

export function appName(base: string, suffix: string): string {
  const name = `${base}-${suffix}`;
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
