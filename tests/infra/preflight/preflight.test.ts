import { describe, expect, test } from '@jest/globals';
import { loadExperimentFile, parseExperimentText, type ResolvedExperiment } from '../../../experiments/schema/index.js';
import { parseStackConfig } from '../../../infra/config.js';
import { defaultLimits, formatFinding, limitsFromConfig, peakDemand, preflight } from '../../../infra/preflight/index.js';

/** Preflight totals for the shipped experiment files, computed by hand in each test's comments. */

const load = (file: string) => loadExperimentFile(file, { drawSeed: () => 1 });
const loadAll = (files: string[]) => Promise.all(files.map(load));
const studies = (vendor: string, extra: string[] = []) =>
  loadAll([...['warm-baseline', 'cold-baseline', 'image-size', 'burst-size'].map((s) => `experiments/${vendor}/${s}.json`), ...extra]);

function synthetic(vendor: string, subs: Record<string, unknown>[], execution = 'parallel'): ResolvedExperiment {
  return parseExperimentText(
    JSON.stringify({
      title: 'synthetic',
      vendor,
      execution,
      subExperiments: subs.map((sub, i) => ({ title: `s${i}`, bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 }, ...sub })),
    }),
    `experiments/${vendor}/synthetic.json`,
    { drawSeed: () => 1 },
  );
}

const config = (values: Record<string, unknown>) => parseStackConfig({ experiments: ['x.json'], ...values }, 'dev');

describe('AWS concurrency', () => {
  test('burst-size.json: one round of burst-100 is 100 x 10 = 1,000 (the default limit, so no refusal); its three sub-experiments side by side may reach 1x10 + 10x10 + 100x10 = 1,110', async () => {
    const burst = await load('experiments/aws/burst-size.json');
    expect(peakDemand([burst])).toMatchObject({ certain: 1000, possible: 1110 });
    const findings = preflight([burst], limitsFromConfig(config({ aws: { region: 'eu-west-1' } })));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ level: 'warn', vendor: 'aws', asked: 1110, limit: 1000, setting: 'faasbench:aws.concurrencyLimit' });
    expect(formatFinding(findings[0]!)).toContain('aws: Lambda concurrent executions in eu-west-1: the stack may ask for 1,110, the limit is 1,000');
    expect(formatFinding(findings[0]!)).toContain('L-B99A9384');
  });

  test('an account whose limit is raised to 2,000 hears nothing; one at 999 is refused the 1,000 of a single round', async () => {
    const burst = await load('experiments/aws/burst-size.json');
    expect(preflight([burst], limitsFromConfig(config({ aws: { region: 'eu-west-1', concurrencyLimit: 2000 } })))).toEqual([]);
    expect(preflight([burst], limitsFromConfig(config({ aws: { region: 'eu-west-1', concurrencyLimit: 999 } })))).toEqual([
      expect.objectContaining({ level: 'refuse', asked: 1000, limit: 999, why: 'experiments/aws/burst-size.json "burst-100": bursts of 100 to 10 endpoints' }),
    ]);
  });

  test('all five shipped AWS files in one stack: experiments run one after another, so the peak stays burst-size\'s; a new account at 10 is refused cold-baseline\'s 1 x 50', async () => {
    const all = await studies('aws', ['experiments/aws/runtimes.json']);
    // warm 1/1, cold 50/50, image-size 25/75 (3 x 25), burst-size 1000/1110, runtimes 25/50.
    expect(peakDemand(all)).toMatchObject({ certain: 1000, possible: 1110 });
    expect(peakDemand(all.filter((e) => !e.file.includes('burst')))).toMatchObject({ certain: 50, possible: 75 });
    const refusal = preflight(all.filter((e) => e.file.includes('cold')), limitsFromConfig(config({ aws: { region: 'eu-west-1', concurrencyLimit: 10 } })));
    expect(refusal).toEqual([expect.objectContaining({ level: 'refuse', asked: 50, limit: 10 })]);
  });

  test('sequential sub-experiments never meet: the possible peak is the largest round', () => {
    const sequential = synthetic('aws', [{ burstSizes: [400], parallelism: 2 }, { burstSizes: [300], parallelism: 2 }], 'sequential');
    expect(peakDemand([sequential])).toMatchObject({ certain: 800, possible: 800 });
    const parallel = synthetic('aws', [{ burstSizes: [400], parallelism: 2 }, { burstSizes: [300], parallelism: 2 }]);
    expect(peakDemand([parallel])).toMatchObject({ certain: 800, possible: 1400 });
  });
});

describe('Azure', () => {
  test('Linux Consumption: one plan per sub-experiment, the four shipped files make 1 + 1 + 3 + 3 = 8 of the region\'s 100', async () => {
    const all = await studies('azure');
    expect(preflight(all, limitsFromConfig(config({ azure: { location: 'westeurope' } })))).toEqual([]);
    const findings = preflight(all, limitsFromConfig(config({ azure: { location: 'westeurope', plansPerRegionLimit: 7 } })));
    expect(findings).toEqual([expect.objectContaining({ level: 'refuse', vendor: 'azure', asked: 8, limit: 7 })]);
    expect(formatFinding(findings[0]!)).toContain(
      'one plan per sub-experiment: experiments/azure/warm-baseline.json 1, experiments/azure/cold-baseline.json 1, experiments/azure/image-size.json 3, experiments/azure/burst-size.json 3',
    );
    const many = synthetic('azure', Array.from({ length: 101 }, () => ({})));
    expect(preflight([many], defaultLimits())).toEqual([expect.objectContaining({ level: 'refuse', asked: 101, limit: 100 })]);
  });

  test('Flex Consumption: instance memory against the region\'s 512,000 MB', async () => {
    const flex = { azure: { location: 'westeurope', plan: 'flex-consumption' } };
    // flex-cold-baseline: 1 request x 50 apps x 2048 MB = 102,400 MB.
    const cold = await load('experiments/azure/flex-cold-baseline.json');
    expect(peakDemand([cold], (sub, burst) => burst * sub.memoryMb)).toMatchObject({ certain: 102_400 });
    expect(preflight([cold], limitsFromConfig(config(flex)))).toEqual([]);
    // Bursts of 100 to 10 apps of 2048 MB, one request per instance: 100 x 10 x 2048 = 2,048,000 MB.
    const bursts = synthetic('azure', [{ burstSizes: [1], parallelism: 10, memoryMb: 2048 }, { burstSizes: [10], parallelism: 10, memoryMb: 2048 }, { burstSizes: [100], parallelism: 10, memoryMb: 2048 }]);
    expect(preflight([bursts], limitsFromConfig(config(flex)))).toEqual([expect.objectContaining({ level: 'refuse', asked: 2_048_000, limit: 512_000 })]);
    // 16 requests per instance: ceil(100/16) = 7 instances per app, 7 x 10 x 2048 = 143,360 MB for one round; side by side
    // (1 + 1 + 7) x 10 x 2048 = 184,320 MB: both under the quota.
    const sixteen = limitsFromConfig(config({ azure: { ...flex.azure, flex: { perInstanceConcurrency: 16 } } }));
    expect(preflight([bursts], sixteen)).toEqual([]);
    expect(preflight([bursts], { ...sixteen, azure: { ...sixteen.azure, flexMemoryMb: 150_000 } })).toEqual([expect.objectContaining({ level: 'warn', asked: 184_320, limit: 150_000 })]);
  });
});

describe('Azure chains', () => {
  test('Flex Consumption: every hop of a chain holds an instance per request, 1 x 10 replicas x 3 hops x 2048 MB = 61,440 MB', () => {
    const chains = synthetic('azure', [{ parallelism: 10, memoryMb: 2048, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }]);
    const flex = limitsFromConfig(config({ azure: { location: 'westeurope', plan: 'flex-consumption', flexMemoryLimitMb: 61_439 } }));
    expect(preflight([chains], flex)).toEqual([expect.objectContaining({ level: 'refuse', vendor: 'azure', asked: 61_440, limit: 61_439 })]);
  });
});

describe('Cloudflare scripts per account', () => {
  test('counted over every experiment of the stack: 1 + 50 + 75 + 30 = 156, under Paid\'s 500, over Free\'s 100', async () => {
    const all = await studies('cloudflare');
    const paid = config({ cloudflare: { accountId: '0'.repeat(32), workersDevSubdomain: 'x' } });
    expect(preflight(all, limitsFromConfig(paid))).toEqual([]);
    const free = config({ cloudflare: { accountId: '0'.repeat(32), workersDevSubdomain: 'x', plan: 'free' } });
    const findings = preflight(all, limitsFromConfig(free));
    expect(findings).toEqual([expect.objectContaining({ level: 'refuse', vendor: 'cloudflare', asked: 156, limit: 100, setting: 'faasbench:cloudflare.scriptLimit' })]);
    expect(formatFinding(findings[0]!)).toContain('Workers scripts per account (Workers Free): the stack asks for 156, the limit is 100');
    // No sub-experiment alone comes near a limit: only the stack's total does.
    expect(Math.max(...all.flatMap((e) => e.subExperiments.map((s) => s.parallelism)))).toBe(50);
    const raised = config({ cloudflare: { accountId: '0'.repeat(32), workersDevSubdomain: 'x', plan: 'free', scriptLimit: 200 } });
    expect(preflight(all, limitsFromConfig(raised))).toEqual([]);
  });
});

describe('Cloudflare chains', () => {
  test('a chain deploys one script per hop and replica: 2 replicas of a 3-chain and 1 of a 2-chain are 8 scripts', () => {
    const chains = synthetic('cloudflare', [
      { parallelism: 2, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } },
      { parallelism: 1, chain: { length: 2, transfer: 'storage', payloadBytes: 10 } },
    ]);
    const free = limitsFromConfig(config({ cloudflare: { accountId: '0'.repeat(32), workersDevSubdomain: 'x', plan: 'free', scriptLimit: 7 } }));
    const findings = preflight([chains], free);
    expect(findings).toEqual([expect.objectContaining({ level: 'refuse', vendor: 'cloudflare', asked: 8, limit: 7 })]);
    expect(formatFinding(findings[0]!)).toContain('one script per endpoint and chain hop: experiments/cloudflare/synthetic.json 8');
  });
});

describe('Google Cloud', () => {
  test('functions per region and concurrent builds: the five shipped files deploy 1 + 50 + 75 + 30 + 50 = 206 functions', async () => {
    const all = await studies('gcp', ['experiments/gcp/runtimes.json']);
    const gcp = { gcp: { project: 'my-project', region: 'europe-west1' } };
    expect(preflight(all, limitsFromConfig(config(gcp)))).toEqual([
      expect.objectContaining({ level: 'warn', vendor: 'gcp', asked: 206, limit: 10, setting: 'faasbench:gcp.concurrentBuildsLimit' }),
    ]);
    expect(preflight(all, limitsFromConfig(config({ gcp: { ...gcp.gcp, concurrentBuildsLimit: 300 } })))).toEqual([]);
    expect(preflight(all, limitsFromConfig(config({ gcp: { ...gcp.gcp, functionsPerRegionLimit: 200 } })))).toEqual([
      expect.objectContaining({ level: 'refuse', asked: 206, limit: 200 }),
    ]);
  });
  test('chains deploy one function per hop: chains.json is 7 sub-experiments of one 2-function chain, 14 functions and builds', async () => {
    const chains = await load('experiments/gcp/chains.json');
    const findings = preflight([chains], limitsFromConfig(config({ gcp: { project: 'my-project', region: 'europe-west1' } })));
    expect(findings).toEqual([expect.objectContaining({ level: 'warn', asked: 14, limit: 10 })]);
    expect(findings[0]?.why).toBe('one function per endpoint, one per hop of a chain: experiments/gcp/chains.json 14');
  });
});

describe('chains', () => {
  test('a chain request keeps every hop busy at once: bursts of 50 to 4 chains of 3 are 600 concurrent executions', () => {
    const chains = synthetic('aws', [{ burstSizes: [50], parallelism: 4, chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }]);
    expect(peakDemand([chains])).toMatchObject({ certain: 600, certainWhere: 'experiments/aws/synthetic.json "s0": bursts of 50 to 4 endpoints, chains of 3 functions' });
    expect(preflight([chains], limitsFromConfig(config({ aws: { region: 'eu-west-1', concurrencyLimit: 599 } })))).toEqual([
      expect.objectContaining({ level: 'refuse', asked: 600, limit: 599 }),
    ]);
  });
});

test('refusals come first, vendors are checked apart, local experiments ask for nothing', async () => {
  const quickstart = await load('experiments/quickstart.json');
  const limits = limitsFromConfig(config({ aws: { region: 'eu-west-1', concurrencyLimit: 10 }, gcp: { project: 'my-project', region: 'europe-west1' } }));
  const findings = preflight([quickstart, await load('experiments/gcp/cold-baseline.json'), await load('experiments/aws/cold-baseline.json')], limits);
  expect(findings.map((f) => [f.vendor, f.level, f.asked])).toEqual([
    ['aws', 'refuse', 50],
    ['gcp', 'warn', 50],
  ]);
});
