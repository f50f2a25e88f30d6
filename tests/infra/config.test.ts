import { describe, expect, test } from '@jest/globals';
import { parseStackConfig, vendorConfig } from '../../infra/config.js';

describe('stack config', () => {
  test('a full config with defaults applied', () => {
    const config = parseStackConfig(
      {
        experiments: ['experiments/aws/cold-baseline.json'],
        aws: { region: 'eu-west-1' },
        cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'my-team' },
      },
      'dev',
    );
    expect(config).toEqual({
      experiments: ['experiments/aws/cold-baseline.json'],
      aws: { region: 'eu-west-1', architecture: 'x86_64' },
      cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'my-team', compatibilityDate: '2026-09-01' },
    });
  });

  test.each([
    [{}, 'Stack config of dev: faasbench:experiments is required. Set it with: pulumi config set --path'],
    [{ experiments: ['x.json'], aws: { region: 'Ireland' } }, 'faasbench:aws.region must look like "eu-west-1". Set it with: pulumi config set --path faasbench:aws.region eu-west-1'],
    [{ experiments: ['x.json'], aws: { region: 'eu-west-1', memory: 5 } }, 'faasbench:aws has unknown key memory.'],
    [{ experiments: ['x.json'], gcp: { project: 'my-project' } }, 'faasbench:gcp.region is required.'],
    [{ experiments: ['x.json'], cloudflare: { accountId: 'abc', workersDevSubdomain: 'x' } }, 'faasbench:cloudflare.accountId must be 32 hexadecimal characters.'],
    [{ experiments: ['x.json'], regions: {} }, 'faasbench has unknown key regions.'],
  ])('%j is refused naming the key', (values, message) => {
    expect(() => parseStackConfig(values, 'dev')).toThrow(message);
  });

  test('a vendor used by an experiment needs its settings', () => {
    const config = parseStackConfig({ experiments: ['experiments/gcp/cold.json'] }, 'dev');
    expect(() => vendorConfig(config, 'gcp', 'experiments/gcp/cold.json', 'dev')).toThrow(
      'Stack config of dev: faasbench:gcp is required because experiments/gcp/cold.json deploys to gcp. Set it with: pulumi config set --path faasbench:gcp.project my-project',
    );
  });
});
