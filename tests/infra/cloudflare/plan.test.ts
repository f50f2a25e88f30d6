import { describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { UserError } from '../../../experiments/schema/user-error.js';
import { workerVariables } from '../../../infra/cloudflare/bindings.js';
import { cloudflareCapabilities } from '../../../infra/cloudflare/capabilities.js';
import { checkSpinFitsPlan, PAID_CPU_LIMIT_MS, scriptLimits, spinCapMs } from '../../../infra/cloudflare/cpu-limits.js';
import { deployCloudflare } from '../../../infra/cloudflare/deploy.js';

const experiment = (desiredServiceTimesMs: number[]) =>
  parseExperimentText(
    JSON.stringify({
      title: 'cf',
      vendor: 'cloudflare',
      subExperiments: [{ title: 'a', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, desiredServiceTimesMs }],
    }),
    'experiments/cloudflare/cf.json',
    { drawSeed: () => 1 },
  );

describe('Cloudflare CPU limits and the spin cap', () => {
  test('Workers Paid: the script gets 30 s of CPU explicitly and faasbench spins at most 25 s', () => {
    expect(scriptLimits('paid')).toEqual({ cpuMs: PAID_CPU_LIMIT_MS });
    expect(spinCapMs('paid')).toBe(cloudflareCapabilities.maxSpinMs);
    expect(PAID_CPU_LIMIT_MS - spinCapMs('paid')).toBe(5_000);
    expect(() => experiment([25_001])).toThrow('subExperiments[0].desiredServiceTimesMs[0] 25001 is more than the functions on cloudflare will spin (at most 25000 ms)');
    expect(() => checkSpinFitsPlan(experiment([25_000]), experiment([25_000]).subExperiments[0]!, 'paid')).not.toThrow();
  });

  test('Workers Free: no limits argument (it cannot be set there), and only spins of 0', () => {
    expect(scriptLimits('free')).toBeUndefined();
    expect(workerVariables(experiment([0]).subExperiments[0]!, 'free')['FAASBENCH_MAX_SPIN_MS']).toBe('0');
    const long = experiment([0, 5]);
    expect(() => checkSpinFitsPlan(long, long.subExperiments[0]!, 'free')).toThrow(
      'experiments/cloudflare/cf.json: subExperiments[0].desiredServiceTimesMs[1] is 5 ms, which Cloudflare Workers Free cannot spin for: a request there gets 10 ms of CPU (faasbench:cloudflare.plan is free), so only 0 is allowed.',
    );
  });

  test('deployCloudflare refuses it before making anything', () => {
    const run = () =>
      deployCloudflare([experiment([10])], { accountId: '0'.repeat(32), workersDevSubdomain: 'x', compatibilityDate: '2026-09-01', plan: 'free' }, {
        stackName: 'dev',
        token: pulumi.output('t'),
        packageCacheDir: '/nonexistent',
      });
    expect(run).toThrow(UserError);
  });
});
