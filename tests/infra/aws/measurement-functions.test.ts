import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import type { MeasurementFunctions } from '../../../infra/aws/index.js';
import { installMocks, promiseOf } from '../pulumi-mocks.js';
import { awsExperiment, computedAws, REGION, STACK, temporaryCacheDir, TOKEN } from './fixtures.js';

let component: MeasurementFunctions;
let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
let environment: { variables?: Record<string, string> } | undefined;
let environmentIsSecret: boolean;

const experiment = awsExperiment('experiments/aws/one.json', [{ runtime: 'python3.13', memoryMb: 2048, parallelism: 2 }]);

beforeAll(async () => {
  cache = await temporaryCacheDir();
  await installMocks({ computed: computedAws, stack: STACK });
  const aws = await import('../../../infra/aws/index.js');
  const shared = new aws.AwsStackResources('aws', { stackName: STACK, region: REGION, needsCodeBucket: false, packageCacheDir: cache.dir });
  component = new aws.MeasurementFunctions('one', {
    stackName: STACK,
    experiment,
    subExperiment: experiment.subExperiments[0]!,
    config: { region: REGION, architecture: 'x86_64' },
    token: pulumi.secret(TOKEN),
    shared,
  });
  const fn = component.functions[0]!;
  [environment, environmentIsSecret] = await Promise.all([promiseOf(fn.environment), pulumi.isSecret(fn.environment)]);
  await promiseOf(component.output);
  await pulumi.runtime.disconnect();
});

afterAll(async () => cache.remove());

describe('MeasurementFunctions', () => {
  test('one function, URL and log group per replica', () => {
    expect([component.functions.length, component.urls.length, component.logGroups.length]).toEqual([2, 2, 2]);
  });

  test('the function environment is a secret Output holding the stack token and the core settings', () => {
    expect(environmentIsSecret).toBe(true);
    expect(environment?.variables).toEqual({
      FAASBENCH_TOKEN: TOKEN,
      FAASBENCH_VENDOR: 'aws',
      FAASBENCH_REGION: REGION,
      FAASBENCH_RUNTIME: 'python3.13',
      FAASBENCH_MEMORY_MB: '2048',
      FAASBENCH_MAX_SPIN_MS: '60000',
      FAASBENCH_MAX_PAYLOAD_BYTES: String(4 * 1024 * 1024),
    });
  });
});
