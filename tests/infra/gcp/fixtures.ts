import * as pulumi from '@pulumi/pulumi';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText, type ResolvedExperiment } from '../../../experiments/schema/index.js';

export const PROJECT = 'faasbench-test';
export const REGION = 'europe-west1';
export const STACK = 'test';
export const TOKEN = 'stack-token-0123456789abcdef';

export const TYPES = {
  provider: 'pulumi:providers:gcp',
  bucket: 'gcp:storage/bucket:Bucket',
  object: 'gcp:storage/bucketObject:BucketObject',
  repository: 'gcp:artifactregistry/repository:Repository',
  function: 'gcp:cloudfunctionsv2/function:Function',
  invoker: 'gcp:cloudrunv2/serviceIamMember:ServiceIamMember',
  account: 'gcp:serviceaccount/account:Account',
  projectMember: 'gcp:projects/iAMMember:IAMMember',
  repositoryMember: 'gcp:artifactregistry/repositoryIamMember:RepositoryIamMember',
  bucketMember: 'gcp:storage/bucketIAMMember:BucketIAMMember',
} as const;

/** A gcp experiment file as a user would write it, resolved by the real schema. */
export function gcpExperiment(file: string, subExperiments: readonly Record<string, unknown>[]): ResolvedExperiment {
  const text = JSON.stringify({
    title: path.basename(file, '.json'),
    vendor: 'gcp',
    seed: 1,
    subExperiments: subExperiments.map((sub, i) => ({ title: `sub-${i}`, bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, ...sub })),
  });
  return parseExperimentText(text, file, { drawSeed: () => 1 });
}

/** A secret input as the mock monitor receives it: wrapped in Pulumi's secret signature. */
export function unwrapSecret(value: unknown): { secret: boolean; value: unknown } {
  const record = value as Record<string, unknown> | null;
  if (record !== null && typeof record === 'object' && record[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) {
    return { secret: true, value: record['value'] };
  }
  return { secret: false, value };
}

/** What Google would compute for the resources the gcp program creates. */
export function computedGcp(type: string, _name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  if (type === TYPES.account) {
    const email = `${String(inputs['accountId'])}@${PROJECT}.iam.gserviceaccount.com`;
    return { email, name: `projects/${PROJECT}/serviceAccounts/${email}` };
  }
  if (type !== TYPES.function) return {};
  const functionName = String(inputs['name']);
  const serviceConfig = unwrapSecret(inputs['serviceConfig']).value as Record<string, unknown>;
  return {
    url: `https://${REGION}-${PROJECT}.cloudfunctions.net/${functionName}`,
    serviceConfig: { ...serviceConfig, service: `projects/${PROJECT}/locations/${REGION}/services/${functionName}` },
  };
}

/** A fresh package cache, so each test file builds its packages for real. */
export async function temporaryCacheDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-gcp-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
