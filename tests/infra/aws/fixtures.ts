import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText, type ResolvedExperiment } from '../../../experiments/schema/index.js';

export const REGION = 'eu-west-1';
export const STACK = 'test';
export const TOKEN = 'stack-token-0123456789abcdef';

/** An AWS experiment file as a user would write it, resolved by the real schema. */
export function awsExperiment(file: string, subExperiments: readonly Record<string, unknown>[]): ResolvedExperiment {
  const text = JSON.stringify({
    title: path.basename(file, '.json'),
    vendor: 'aws',
    seed: 1,
    subExperiments: subExperiments.map((sub, i) => ({ title: `sub-${i}`, bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, ...sub })),
  });
  return parseExperimentText(text, file, { drawSeed: () => 1 });
}

/** What a real provider would compute for the resources the AWS program creates. */
export function computedAws(type: string, name: string, inputs: Record<string, unknown>): Record<string, unknown> {
  switch (type) {
    case 'aws:lambda/functionUrl:FunctionUrl':
      return { functionUrl: `https://${String(inputs['functionName'])}.lambda-url.${REGION}.on.aws/` };
    case 'aws:lambda/function:Function':
      return { arn: `arn:aws:lambda:${REGION}:123456789012:function:${String(inputs['name'])}` };
    case 'aws:iam/role:Role':
      return { name: `${String(inputs['namePrefix'])}20261123`, arn: `arn:aws:iam::123456789012:role/${String(inputs['namePrefix'])}20261123` };
    case 'aws:s3/bucket:Bucket':
      return { bucket: `${String(inputs['bucketPrefix'])}20261123`, arn: `arn:aws:s3:::${String(inputs['bucketPrefix'])}20261123` };
    default:
      return {};
  }
}

/** A fresh package cache, so each test file builds its packages for real. */
export async function temporaryCacheDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-aws-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
