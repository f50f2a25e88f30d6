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
      cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'my-team', compatibilityDate: '2026-09-01', plan: 'paid' },
    });
  });

  test('Azure: Linux Consumption by default; Flex Consumption with its own scale settings', () => {
    expect(parseStackConfig({ experiments: ['x.json'], azure: { location: 'westeurope' } }, 'dev').azure).toEqual({ location: 'westeurope', plan: 'consumption' });
    expect(
      parseStackConfig({ experiments: ['x.json'], azure: { location: 'westeurope', plan: 'flex-consumption', flex: { maximumInstanceCount: 200 } } }, 'dev').azure,
    ).toEqual({ location: 'westeurope', plan: 'flex-consumption', flex: { maximumInstanceCount: 200, perInstanceConcurrency: 1 } });
  });

  test('GCP: an existing build service account by e-mail', () => {
    expect(parseStackConfig({ experiments: ['x.json'], gcp: { project: 'my-project', region: 'europe-west1', buildServiceAccount: 'builder@my-project.iam.gserviceaccount.com' } }, 'dev').gcp).toMatchObject({
      buildServiceAccount: 'builder@my-project.iam.gserviceaccount.com',
    });
  });

  test.each([
    [{}, 'Stack config of dev: faasbench:experiments is required. Set it with: pulumi config set --path'],
    [{ experiments: ['x.json'], aws: { region: 'Ireland' } }, 'faasbench:aws.region must look like "eu-west-1". Set it with: pulumi config set --path faasbench:aws.region eu-west-1'],
    [{ experiments: ['x.json'], aws: { region: 'eu-west-1', memory: 5 } }, 'faasbench:aws has unknown key memory.'],
    [{ experiments: ['x.json'], gcp: { project: 'my-project' } }, 'faasbench:gcp.region is required.'],
    [{ experiments: ['x.json'], cloudflare: { accountId: 'abc', workersDevSubdomain: 'x' } }, 'faasbench:cloudflare.accountId must be 32 hexadecimal characters.'],
    [{ experiments: ['x.json'], regions: {} }, 'faasbench has unknown key regions.'],
    [{ experiments: ['x.json'], azure: { location: 'westeurope', plan: 'premium' } }, 'faasbench:azure.plan '],
    [{ experiments: ['x.json'], azure: { location: 'westeurope', flex: {} } }, 'Stack config of dev: faasbench:azure.flex is only for faasbench:azure.plan flex-consumption.'],
    [{ experiments: ['x.json'], azure: { location: 'westeurope', plan: 'flex-consumption', flex: { maximumInstanceCount: 5 } } }, 'faasbench:azure.flex.maximumInstanceCount must be at least 40 (the lowest Flex Consumption allows).'],
    [{ experiments: ['x.json'], azure: { location: 'westeurope', plan: 'flex-consumption', flex: { perInstanceConcurrency: 1, burst: 3 } } }, 'faasbench:azure.flex has unknown key burst.'],
    [{ experiments: ['x.json'], aws: { region: 'eu-west-1', concurrencyLimit: 0 } }, 'faasbench:aws.concurrencyLimit '],
    [{ experiments: ['x.json'], gcp: { project: 'my-project', region: 'europe-west1', buildServiceAccount: 'me@example.com' } }, 'faasbench:gcp.buildServiceAccount must be a service account e-mail'],
    [{ experiments: ['x.json'], cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'x', plan: 'business' } }, 'faasbench:cloudflare.plan '],
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
