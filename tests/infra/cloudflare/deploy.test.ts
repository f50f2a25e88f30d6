import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText, type ResolvedExperiment } from '../../../experiments/schema/index.js';
import { cloudflareCapabilities } from '../../../infra/cloudflare/capabilities.js';
import type { VendorStackConfig } from '../../../infra/config.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource, SECRET_SIGNATURE, SECRET_SIGNATURE_KEY } from '../pulumi-mocks.js';

/**
 * deployCloudflare under Pulumi's mocks: what it would create, with which inputs, and the stack
 * outputs it returns. The packages are really built (into a temporary cache), so the filler
 * module on disk is checked byte for byte.
 */

const SCRIPT = 'cloudflare:index/workersScript:WorkersScript';
const SUBDOMAIN = 'cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain';
const PROVIDER = 'pulumi:providers:cloudflare';
const COMPONENT = 'faasbench:cloudflare:MeasurementFunctions';
const MIB = 1024 * 1024;
const TOKEN = 'cloudflare-test-token-0123456789abcdef';
// How a secret travels to the engine (and so to the mocks): { <key>: <signature>, value }.

const config: VendorStackConfig['cloudflare'] = {
  accountId: '0123456789abcdef0123456789abcdef',
  workersDevSubdomain: 'faasbench-team',
  compatibilityDate: '2026-09-01',
  plan: 'paid',
};

function experiment(file: string, subs: { title: string; parallelism: number; packageSizeMb?: number }[]): ResolvedExperiment {
  const text = JSON.stringify({
    title: `cf-${path.basename(file, '.json')}`,
    vendor: 'cloudflare',
    seed: 1,
    subExperiments: subs.map((sub) => ({ ...sub, bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 } })),
  });
  return parseExperimentText(text, file, { drawSeed: () => 1 });
}

// 0.05 MiB: a small filler that still exercises the padded Worker.
const SMALL_MB = 0.05;
const experiments = [
  experiment('experiments/cf-a.json', [
    { title: 'code-only', parallelism: 2, packageSizeMb: 0 },
    { title: 'padded', parallelism: 3, packageSizeMb: SMALL_MB },
  ]),
  experiment('experiments/cf-b.json', [{ title: 'padded-again', parallelism: 1, packageSizeMb: SMALL_MB }]),
];

let resources: RecordedResource[];
let outputs: ExperimentOutput[];
let cacheDir: string;

beforeAll(async () => {
  ({ resources } = await installMocks());
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-cf-deploy-'));
  // Imported after the mocks are installed: resources made before would bypass them.
  const { deployCloudflare } = await import('../../../infra/cloudflare/index.js');
  // A relative cache folder, resolved from a working folder that is not the project's: the
  // provider reads contentFile from its own working folder, so every path it gets is absolute.
  const started = process.cwd();
  process.chdir(cacheDir);
  try {
    const deployed = deployCloudflare(experiments, config, { stackName: 'test', token: pulumi.secret(TOKEN), packageCacheDir: 'packages' });
    outputs = await Promise.all(deployed.map((output) => promiseOf(output)));
  } finally {
    process.chdir(started);
  }
});

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const inputs = (resource: RecordedResource) => resource.inputs as Record<string, any>;

describe('deployCloudflare under mocks', () => {
  test('returns one output per experiment that the stack-output schema accepts', () => {
    expect(outputs).toHaveLength(2);
    for (const output of outputs) expect(ExperimentOutput.parse(output)).toEqual(output);
    expect(outputs.map((o) => [o.file, o.vendor, o.subExperiments.map((s) => [s.index, s.title, s.endpoints.length])])).toEqual([
      ['experiments/cf-a.json', 'cloudflare', [[0, 'code-only', 2], [1, 'padded', 3]]],
      ['experiments/cf-b.json', 'cloudflare', [[0, 'padded-again', 1]]],
    ]);
  });

  test('makes one script and one enabled workers.dev subdomain per replica, under one component per sub-experiment', () => {
    const scripts = ofType(resources, SCRIPT);
    const subdomains = ofType(resources, SUBDOMAIN);
    expect(scripts).toHaveLength(6);
    expect(ofType(resources, COMPONENT).map((r) => r.name).sort()).toEqual([
      'experiments/cf-a.json/s0',
      'experiments/cf-a.json/s1',
      'experiments/cf-b.json/s0',
    ]);
    expect(subdomains.map((r) => inputs(r).scriptName).sort()).toEqual(scripts.map((r) => inputs(r).scriptName).sort());
    for (const subdomain of subdomains) {
      expect(inputs(subdomain)).toMatchObject({ accountId: config.accountId, enabled: true, previewsEnabled: false });
    }
    for (const script of scripts) {
      expect(inputs(script).scriptName.length).toBeLessThanOrEqual(63);
      expect(inputs(script)).toMatchObject({
        accountId: config.accountId,
        compatibilityDate: '2026-09-01',
        mainModule: 'worker.js',
        contentType: 'application/javascript+module',
        // Set explicitly, above the longest spin the schema accepts, so a spin is refused up front, never killed.
        limits: { cpuMs: 30_000 },
      });
    }
    expect(cloudflareCapabilities.maxSpinMs).toBeLessThanOrEqual(30_000 - 5_000);
  });

  test('hands the provider absolute module paths, whatever the working folder was', async () => {
    for (const script of ofType(resources, SCRIPT)) {
      const files = [inputs(script).contentFile as string, ...Object.values((inputs(script).files ?? {}) as Record<string, { contentFile: string }>).map((f) => f.contentFile)];
      for (const file of files) {
        expect(path.isAbsolute(file)).toBe(true);
        expect(file.startsWith(path.join(cacheDir, 'packages'))).toBe(true);
        expect((await stat(file)).isFile()).toBe(true);
      }
    }
  });

  test('sends every resource through the one explicit Cloudflare provider', () => {
    const providers = ofType(resources, PROVIDER);
    expect(providers).toHaveLength(1);
    expect(inputs(providers[0]!).apiToken).toBeUndefined();
    for (const resource of [...ofType(resources, SCRIPT), ...ofType(resources, SUBDOMAIN)]) {
      expect(resource.provider).toMatch(/::pulumi:providers:cloudflare::faasbench-cloudflare::/);
    }
  });

  test('serves each endpoint at https://<script>.<subdomain>.workers.dev with the metadata the runner reads', () => {
    const endpoints = outputs.flatMap((o) => o.subExperiments.flatMap((s) => s.endpoints));
    const names = ofType(resources, SCRIPT).map((r) => inputs(r).scriptName as string);
    for (const endpoint of endpoints) {
      expect(endpoint.url).toBe(`https://${endpoint.functionName}.faasbench-team.workers.dev`);
      expect(names).toContain(endpoint.functionName);
      expect(endpoint).toMatchObject({ vendor: 'cloudflare', region: 'global', runtime: 'workerd', memoryMb: 128 });
    }
    expect(outputs[0]!.subExperiments[1]!.endpoints.map((e) => e.replica)).toEqual([0, 1, 2]);
    expect(new Set(endpoints.map((e) => e.url)).size).toBe(endpoints.length);
  });

  test('binds the settings as plain_text and the stack token as secret_text, the whole list sent as a secret', () => {
    for (const script of ofType(resources, SCRIPT)) {
      const envelope = inputs(script).bindings as Record<string, unknown>;
      // Pulumi's wire form of a secret: the engine stores the bindings encrypted.
      expect(envelope[SECRET_SIGNATURE_KEY]).toBe(SECRET_SIGNATURE);
      const bindings = envelope['value'] as { name: string; type: string; text: string }[];
      const byName = Object.fromEntries(bindings.map((b) => [b.name, b]));
      expect(byName['FAASBENCH_TOKEN']).toEqual({ name: 'FAASBENCH_TOKEN', type: 'secret_text', text: TOKEN });
      expect(Object.fromEntries(bindings.filter((b) => b.type === 'plain_text').map((b) => [b.name, b.text]))).toEqual({
        FAASBENCH_VENDOR: 'cloudflare',
        FAASBENCH_REGION: 'global',
        FAASBENCH_RUNTIME: 'workerd',
        FAASBENCH_MEMORY_MB: '128',
        FAASBENCH_MAX_SPIN_MS: '25000',
        FAASBENCH_MAX_PAYLOAD_BYTES: '100000000',
      });
      expect(bindings).toHaveLength(7);
    }
  });

  test('a stack without storage chains has no R2 bucket, and no script is bound to one or to another script', () => {
    expect(resources.filter((r) => r.type.startsWith('cloudflare:index/r2'))).toEqual([]);
  });

  test('uploads the code alone for packageSizeMb 0, with no filler module', async () => {
    const codeOnly = ofType(resources, SCRIPT).filter((r) => inputs(r).files === undefined);
    expect(codeOnly.map((r) => inputs(r).scriptName)).toEqual(outputs[0]!.subExperiments[0]!.endpoints.map((e) => e.functionName));
    for (const script of codeOnly) {
      const main = await stat(inputs(script).contentFile);
      expect(main.size).toBe(outputs[0]!.subExperiments[0]!.endpoints[0]!.packageBytes);
    }
  });

  test('pads the upload to exactly packageSizeMb MiB with a filler Data module', async () => {
    const requested = Math.round(SMALL_MB * MIB);
    const padded = ofType(resources, SCRIPT).filter((r) => inputs(r).files !== undefined);
    expect(padded).toHaveLength(4);
    for (const script of padded) {
      const filler = inputs(script).files['filler.bin'];
      expect(filler).toMatchObject({ contentType: 'application/octet-stream', contentSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
      const [main, fill] = await Promise.all([stat(inputs(script).contentFile), stat(filler.contentFile)]);
      expect(main.size + fill.size).toBe(requested);
      expect(inputs(script).contentSha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(outputs[0]!.subExperiments[1]!.endpoints.every((e) => e.packageBytes === requested)).toBe(true);
    // Built once for the stack: every replica of either experiment uploads the same two files.
    expect(new Set(padded.map((r) => inputs(r).files['filler.bin'].contentFile)).size).toBe(1);
    expect(new Set(padded.map((r) => inputs(r).contentFile)).size).toBe(1);
  });
});
