import { describe, expect, test } from '@jest/globals';
import { UserError } from '../../../experiments/schema/index.js';
import { gcpCapabilities } from '../../../infra/gcp/capabilities.js';
import { imageRepositoryId, packageObjectName, sourceBucketName } from '../../../infra/gcp/names.js';
import { gcpRuntime } from '../../../infra/gcp/runtimes.js';
import { availableMemory, DEFAULT_MAX_INSTANCES, maxInstanceCount, TIMEOUT_MARGIN_SECONDS, timeoutSeconds } from '../../../infra/gcp/service-settings.js';
import { gcpExperiment } from './fixtures.js';

describe('gcp runtimes', () => {
  test('every runtime the capabilities offer has a Cloud Run functions id', () => {
    expect(gcpCapabilities.runtimes.map((r) => gcpRuntime(r).runtimeId)).toEqual(['nodejs22', 'nodejs24', 'python312', 'python313']);
    expect(gcpRuntime('python3.13').language).toBe('python');
  });

  test('an unknown runtime is a UserError listing the allowed ones', () => {
    expect(() => gcpRuntime('go1.22')).toThrow(UserError);
    expect(() => gcpRuntime('go1.22')).toThrow('allowed is one of nodejs22, nodejs24, python3.12, python3.13');
    // Decommissioned on Cloud Run functions: a deploy could not create it.
    expect(() => gcpRuntime('nodejs20')).toThrow(UserError);
  });
});

describe('gcp service settings', () => {
  test('the timeout never cuts off a spin the function allows', () => {
    expect(timeoutSeconds(60_000)).toBe(60 + TIMEOUT_MARGIN_SECONDS);
    expect(timeoutSeconds(1)).toBe(1 + TIMEOUT_MARGIN_SECONDS);
    expect(timeoutSeconds(gcpCapabilities.maxSpinMs) * 1000).toBeGreaterThan(gcpCapabilities.maxSpinMs);
  });

  test('memory tiers in MiB', () => {
    expect(availableMemory(128)).toBe('128Mi');
    expect(availableMemory(4096)).toBe('4096Mi');
  });

  test("instances: the platform's default, or the largest burst when that is more", () => {
    const [small, large] = gcpExperiment('experiments/gcp/x.json', [{ burstSizes: [3, 40, 7] }, { burstSizes: [1, 400] }]).subExperiments;
    expect(small && maxInstanceCount(small)).toBe(DEFAULT_MAX_INSTANCES);
    expect(large && maxInstanceCount(large)).toBe(400);
  });
});

describe('gcp names', () => {
  test('the source bucket name is valid, bounded and different per project and stack', () => {
    const long = sourceBucketName('my-project-123', 'a-very-long-stack-name-that-goes-on-and-on-and-on-forever');
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9][a-z0-9-]*[a-z0-9]$/);
    expect(sourceBucketName('p-one', 'dev')).not.toBe(sourceBucketName('p-two', 'dev'));
    expect(sourceBucketName('p-one', 'dev')).toMatch(/^fb-dev-[0-9a-f]{8}-src$/);
  });

  test('the image repository id starts with a letter and stays within 63 characters', () => {
    expect(imageRepositoryId('Dev Stack')).toBe('fb-dev-stack-images');
    expect(imageRepositoryId('x'.repeat(100)).length).toBeLessThanOrEqual(63);
  });

  test('a package object name changes with the package content', () => {
    const a = packageObjectName('gcp-nodejs', 'a'.repeat(64));
    expect(a).toBe(`packages/gcp-nodejs-${'a'.repeat(16)}.zip`);
    expect(packageObjectName('gcp-nodejs', 'b'.repeat(64))).not.toBe(a);
  });
});

describe('a build service account the stack config names', () => {
  test('is wired in by its fully-qualified name, and the stack makes and grants nothing', async () => {
    const { buildServiceAccount } = await import('../../../infra/gcp/build-service-account.js');
    const { promiseOf } = await import('../pulumi-mocks.js');
    const account = buildServiceAccount(
      'gcp-shared',
      { project: 'my-project', stackName: 'dev', existingEmail: 'builder@my-project.iam.gserviceaccount.com', repository: undefined as never },
      {},
    );
    expect(account.ready).toEqual([]);
    await expect(promiseOf(account.name)).resolves.toBe('projects/my-project/serviceAccounts/builder@my-project.iam.gserviceaccount.com');
  });
});
