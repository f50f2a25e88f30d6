import { describe, expect, test } from '@jest/globals';
import { parseExperimentText, UserError } from '../../experiments/schema/index.js';

const parse = (value: unknown, file = 'experiments/test.json') =>
  parseExperimentText(JSON.stringify(value), file, { drawSeed: () => 1234 });

/** Runs parse and returns the UserError message it throws (fails the test if it does not). */
function problem(value: unknown): string {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a UserError');
}

const minimalSub = { title: 'a', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 100 } };

describe('native experiment files', () => {
  test('a minimal file resolves every default exactly once', () => {
    const experiment = parse({ title: 'minimal', subExperiments: [minimalSub] });
    expect(experiment).toEqual({
      file: 'experiments/test.json',
      format: 'faasbench',
      title: 'minimal',
      description: '',
      vendor: 'local',
      execution: 'parallel',
      seed: 1234,
      seedGenerated: true,
      local: { keepAliveMs: 10_000, maxInstancesPerFunction: 32, prewarm: null },
      keepAlive: null,
      conversionNotes: [],
      subExperiments: [
        {
          index: 0,
          title: 'a',
          bursts: 2,
          burstSizes: [1],
          iat: { distribution: 'fixed', ms: 100 },
          desiredServiceTimesMs: [0],
          serviceTimeOrder: 'cycle',
          parallelism: 1,
          runtime: 'nodejs',
          memoryMb: 512,
          packageSizeMb: 0,
          payloadBytes: 0,
          connection: 'fresh',
          requestTimeoutMs: 60_000,
          coldThresholdMs: null,
          preinitThresholdMs: 10_000,
          addressFamily: 'ipv4',
          chain: null,
        },
      ],
    });
  });

  test('a seed in the file is kept and not drawn', () => {
    const experiment = parse({ title: 't', seed: 99, subExperiments: [minimalSub] });
    expect(experiment.seed).toBe(99);
    expect(experiment.seedGenerated).toBe(false);
  });

  test('vendor defaults come from the vendor', () => {
    const aws = parse({ title: 't', vendor: 'aws', subExperiments: [minimalSub] });
    expect(aws.subExperiments[0]).toMatchObject({ runtime: 'nodejs22', memoryMb: 512 });
    expect(aws.local).toBeNull();
    const azure = parse({ title: 't', vendor: 'azure', subExperiments: [minimalSub] });
    expect(azure.subExperiments[0]).toMatchObject({ memoryMb: 1536 });
    const cloudflare = parse({ title: 't', vendor: 'cloudflare', subExperiments: [minimalSub] });
    expect(cloudflare.subExperiments[0]).toMatchObject({ runtime: 'workerd', memoryMb: 128 });
  });

  test('addressFamily is ipv4 unless the file says ipv6 or any', () => {
    const experiment = parse({ title: 't', subExperiments: [minimalSub, { ...minimalSub, title: 'b', addressFamily: 'ipv6' }, { ...minimalSub, title: 'c', addressFamily: 'any' }] });
    expect(experiment.subExperiments.map((sub) => sub.addressFamily)).toEqual(['ipv4', 'ipv6', 'any']);
  });

  test.each([
    [{ distribution: 'exponential', meanMs: 50 }, { distribution: 'exponential', meanMs: 50 }],
    [{ distribution: 'uniform', minMs: 1, maxMs: 9 }, { distribution: 'uniform', minMs: 1, maxMs: 9 }],
    [
      { distribution: 'shifted-exponential', shiftMs: 100, scaleMs: 20 },
      { distribution: 'shifted-exponential', shiftMs: 100, scaleMs: 20, parametrisation: 'native' },
    ],
    [
      { distribution: 'shifted-exponential', stellarIatSeconds: Math.E },
      { distribution: 'shifted-exponential', shiftMs: Math.E * 1000, scaleMs: 1000, parametrisation: 'stellar' },
    ],
  ])('iat %j resolves to %j', (iat, resolved) => {
    const experiment = parse({ title: 't', subExperiments: [{ ...minimalSub, iat }] });
    expect(experiment.subExperiments[0]?.iat).toEqual(resolved);
  });

  test('the shipped experiment files are all valid', async () => {
    const { readdir, readFile } = await import('node:fs/promises');
    const entries = await readdir('experiments', { recursive: true });
    const files = entries.filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'quickstart.json', 'warm-baseline.json', 'cold-baseline.json', 'image-size.json', 'burst-size.json',
        ...['aws', 'azure', 'gcp', 'cloudflare'].flatMap((v) => ['warm-baseline', 'cold-baseline', 'image-size', 'burst-size'].map((s) => `${v}/${s}.json`)),
        'aws/runtimes.json', 'gcp/runtimes.json', 'aws/chains.json', 'gcp/chains.json',
        'azure/chains.json', 'cloudflare/chains.json',
      ]),
    );
    for (const file of files) {
      const text = await readFile(`experiments/${file}`, 'utf8');
      const experiment = parseExperimentText(text, file, { drawSeed: () => 1 });
      const folder = file.includes('/') ? file.split('/')[0] : 'local';
      expect([file, experiment.vendor]).toEqual([file, folder]);
    }
  });
});

describe('bad files get one paragraph naming file and field', () => {
  test('not JSON', () => {
    expect(() => parseExperimentText('{ nope', 'x.json', { drawSeed: () => 1 })).toThrow(
      /^Experiment file x\.json is not valid JSON: /,
    );
  });

  test.each([
    [{ title: 't', subExperiments: [minimalSub], extra: 1 }, 'the top level has unknown field "extra"; known fields here are $schema, title'],
    [{ title: 't', subExperiments: [{ ...minimalSub, bursts: 1.5 }] }, 'subExperiments[0].bursts must be a whole number (got 1.5)'],
    [{ title: 't', subExperiments: [{ ...minimalSub, iat: { distribution: 'gaussian' } }] }, 'subExperiments[0].iat.distribution must be one of "fixed", "exponential", "shifted-exponential", "uniform" (got "gaussian")'],
    [{ title: 't', subExperiments: [{ ...minimalSub, iat: { distribution: 'fixed', msx: 1 } }] }, 'subExperiments[0].iat has unknown field "msx"; known fields here are distribution, ms'],
    [{ title: 't', vendor: 'ibm', subExperiments: [minimalSub] }, 'vendor must be one of "local", "aws", "azure", "gcp", "cloudflare" (got "ibm")'],
    [{ title: 't', subExperiments: [] }, 'subExperiments must have at least 1 item (got [])'],
    [{ subExperiments: [minimalSub] }, 'title is required (a string)'],
    [{ title: 't', subExperiments: [minimalSub, minimalSub] }, 'subExperiments[1].title "a" is already the title of subExperiments[0]'],
    [{ title: 't', vendor: 'cloudflare', subExperiments: [{ ...minimalSub, packageSizeMb: 65 }] }, 'subExperiments[0].packageSizeMb 65 is too large for cloudflare: at most 64 (Cloudflare Workers scripts are limited to 64 MiB uncompressed)'],
    [{ title: 't', vendor: 'aws', subExperiments: [{ ...minimalSub, runtime: 'go1.x' }] }, 'subExperiments[0].runtime "go1.x" is not available on aws; allowed is one of nodejs22, nodejs24, python3.12, python3.13'],
    [{ title: 't', vendor: 'gcp', subExperiments: [{ ...minimalSub, memoryMb: 300 }] }, 'subExperiments[0].memoryMb 300 is not allowed on gcp: allowed is one of 128, 256, 512, 1024, 2048, 4096'],
    [{ title: 't', vendor: 'aws', local: { keepAliveMs: 5 }, subExperiments: [minimalSub] }, 'local is only allowed with vendor "local"'],
    [{ title: 't', subExperiments: [{ ...minimalSub, iat: { distribution: 'uniform', minMs: 5, maxMs: 1 } }] }, 'subExperiments[0].iat.minMs 5 is larger than maxMs (1)'],
    [{ title: 't', subExperiments: [{ ...minimalSub, iat: { distribution: 'shifted-exponential', shiftMs: 1 } }] }, 'subExperiments[0].iat.scaleMs is required'],
    [{ title: 't', subExperiments: [{ ...minimalSub, desiredServiceTimesMs: [100], requestTimeoutMs: 100 }] }, 'subExperiments[0].desiredServiceTimesMs[0] 100 is not below requestTimeoutMs (100)'],
    [{ title: 't', subExperiments: [{ ...minimalSub, addressFamily: 'inet6' }] }, 'subExperiments[0].addressFamily must be one of "ipv4", "ipv6", "any" (got "inet6")'],
  ])('%j', (value, expected) => {
    const message = problem(value);
    expect(message).toContain('Experiment file experiments/test.json: ');
    expect(message).toContain(expected);
    expect(message).not.toContain('\n');
  });

  test('a missing file names the file', async () => {
    const { loadExperimentFile } = await import('../../experiments/schema/index.js');
    await expect(loadExperimentFile('experiments/does-not-exist.json', { drawSeed: () => 1 })).rejects.toThrow(
      'Experiment file experiments/does-not-exist.json cannot be read: there is no such file.',
    );
  });
});
