import { beforeAll, describe, expect, jest, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { UserError } from '../../experiments/schema/user-error.js';
import { installMocks, type RecordedResource } from './pulumi-mocks.js';

/**
 * The whole program under Pulumi's mocks, in-process: the quota preflight runs before anything is
 * registered, refusing with one message and warning through Pulumi's log.
 */

let resources: RecordedResource[];

beforeAll(async () => {
  ({ resources } = await installMocks());
});

async function runStack(values: Record<string, unknown>) {
  const all: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) all[`faasbench:${key}`] = JSON.stringify(value);
  pulumi.runtime.setAllConfig(all);
  const { faasbenchStack } = await import('../../infra/stack.js');
  return faasbenchStack();
}

describe('the stack preflight', () => {
  test('refuses a stack over an account limit before registering anything, with the numbers and how to raise it', async () => {
    const before = resources.length;
    const run = runStack({
      experiments: ['experiments/cloudflare/cold-baseline.json', 'experiments/cloudflare/image-size.json'],
      cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'faasbench', plan: 'free' },
    });
    await expect(run).rejects.toThrow(UserError);
    await expect(run).rejects.toThrow(
      'Stack test asks for more than its accounts allow. cloudflare: Workers scripts per account (Workers Free): the stack asks for 125, the limit is 100 (one script per endpoint and chain hop: experiments/cloudflare/cold-baseline.json 50, experiments/cloudflare/image-size.json 75). If your account\'s limit is higher, set faasbench:cloudflare.scriptLimit',
    );
    expect(resources.slice(before)).toEqual([]);
  });

  test('warns through Pulumi\'s log and goes on when the stack only may exceed a limit', async () => {
    const warn = jest.spyOn(pulumi.log, 'warn').mockResolvedValue(undefined);
    try {
      const outputs = await runStack({ experiments: ['experiments/aws/burst-size.json'], aws: { region: 'eu-west-1' } });
      expect(outputs.formatVersion).toBe(1);
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]?.[0])).toContain('aws: Lambda concurrent executions in eu-west-1: the stack may ask for 1,110, the limit is 1,000');
      await new Promise<void>((resolve) => outputs.experiments.apply(() => resolve()));
    } finally {
      warn.mockRestore();
    }
  });
});
