import { describe, expect, test } from '@jest/globals';
import { configFromEnv, ENV } from '../../../measurement-functions/core/index.js';

const env = {
  [ENV.token]: 'tok',
  [ENV.vendor]: 'aws',
  [ENV.region]: 'eu-west-1',
  [ENV.runtime]: 'nodejs22',
  [ENV.memoryMb]: '512',
  [ENV.maxSpinMs]: '10000',
  [ENV.maxPayloadBytes]: '6291456',
};

describe('configFromEnv', () => {
  test('reads every variable', () => {
    expect(configFromEnv(env)).toEqual({
      token: 'tok',
      vendor: 'aws',
      region: 'eu-west-1',
      runtime: 'nodejs22',
      memoryMb: 512,
      maxSpinMs: 10_000,
      maxPayloadBytes: 6_291_456,
      clockAdvances: true,
    });
  });

  test('overrides win over the environment and may replace a missing variable', () => {
    const { [ENV.region]: _region, ...withoutRegion } = env;
    expect(configFromEnv(withoutRegion, { region: 'edge', clockAdvances: false })).toMatchObject({ region: 'edge', clockAdvances: false });
  });

  test.each(Object.values(ENV))('names %s when it is missing', (name) => {
    const { [name]: _missing, ...rest } = env;
    expect(() => configFromEnv(rest)).toThrow(new RegExp(`${name} is not set`));
  });

  test('refuses numbers that are not numbers', () => {
    expect(() => configFromEnv({ ...env, [ENV.memoryMb]: 'lots' })).toThrow(/FAASBENCH_MEMORY_MB must be a non-negative number/);
  });
});
