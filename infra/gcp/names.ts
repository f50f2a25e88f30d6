import { createHash } from 'node:crypto';
import type { ResolvedExperiment, ResolvedSubExperiment } from '../../experiments/schema/index.js';
import { type NameLimit, slug } from '../naming.js';

/**
 * Physical names of the stack's shared Google Cloud resources. Function names come from
 * replicaName (infra/naming.ts); these are the rest.
 */

/** Cloud Run functions names: at most 63 characters, starting with a letter (replicaName's `fb-`). */
export const FUNCTION_NAME: NameLimit = { maxLength: 63, resource: 'Google Cloud Run functions names' };

const short = (text: string, length: number): string => slug(text).slice(0, length).replace(/-+$/, '') || 'x';

/**
 * Bucket names are global across all of Google Cloud, so the name carries a hash of project and
 * stack: `fb-<stack>-<hash>-src`, at most 46 of the 63 characters allowed.
 */
export function sourceBucketName(project: string, stackName: string): string {
  const hash = createHash('sha256').update(`${project}/${stackName}`).digest('hex').slice(0, 8);
  return `fb-${short(stackName, 30)}-${hash}-src`;
}

/** Repository ids are unique per project and region: `fb-<stack>-images`, at most 50 characters. */
export function imageRepositoryId(stackName: string): string {
  return `fb-${short(stackName, 40)}-images`;
}

/** Logical name of a sub-experiment's component: unique per stack because the file is. */
export function subExperimentName(experiment: ResolvedExperiment, sub: ResolvedSubExperiment): string {
  return `gcp-${slug(experiment.file)}-s${sub.index}`;
}

/** Logical name of a package's bucket object; its physical name carries the content hash. */
export function packageName(recipeId: string, packageSizeMb: number): string {
  return `${recipeId}-${packageSizeMb}mb`;
}

/** Object name of a package in the source bucket: a changed package is a new object. */
export function packageObjectName(recipeId: string, sha256: string): string {
  return `packages/${recipeId}-${sha256.slice(0, 16)}.zip`;
}

/**
 * The stack's Cloud Build service account: account ids are 6 to 30 characters, unique per
 * project, so the stack name is shortened and a hash of project and stack keeps stacks apart.
 */
export function buildServiceAccountId(project: string, stackName: string): string {
  const hash = createHash('sha256').update(`${project}/${stackName}/build`).digest('hex').slice(0, 5);
  return `fb-${short(stackName, 12)}-${hash}-build`;
}

/** A service account's fully-qualified name, as `buildConfig.serviceAccount` takes it. */
export function serviceAccountResourceName(project: string, email: string): string {
  return `projects/${project}/serviceAccounts/${email}`;
}

/**
 * The bucket storage chains pass payloads through: `fb-<stack>-<hash>-xfer`, global like the
 * source bucket's name, so it carries a hash of project and stack.
 */
export function transferBucketName(project: string, stackName: string): string {
  const hash = createHash('sha256').update(`${project}/${stackName}/transfers`).digest('hex').slice(0, 8);
  return `fb-${short(stackName, 30)}-${hash}-xfer`;
}

/** The service account storage chain functions run as: 6 to 30 characters, unique per project. */
export function chainServiceAccountId(project: string, stackName: string): string {
  const hash = createHash('sha256').update(`${project}/${stackName}/chain`).digest('hex').slice(0, 5);
  return `fb-${short(stackName, 12)}-${hash}-chain`;
}

