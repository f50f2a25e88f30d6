import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import * as pulumi from '@pulumi/pulumi';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import type { VendorStackConfig } from '../../../infra/config.js';
import { ExperimentOutput } from '../../../infra/outputs.js';
import { installMocks, ofType, promiseOf, type RecordedResource, unwrapSecrets } from '../pulumi-mocks.js';

/**
 * deployCloudflare under Pulumi's mocks with chains: one script per hop and replica, each bound
 * to the next hop's script, the stack's one R2 bucket (with its lifecycle rule) bound to storage
 * chains' scripts only.
 */

const SCRIPT = 'cloudflare:index/workersScript:WorkersScript';
const SUBDOMAIN = 'cloudflare:index/workersScriptSubdomain:WorkersScriptSubdomain';
const BUCKET = 'cloudflare:index/r2Bucket:R2Bucket';
const LIFECYCLE = 'cloudflare:index/r2BucketLifecycle:R2BucketLifecycle';
const TOKEN = 'cloudflare-test-token-0123456789abcdef';

const config: VendorStackConfig['cloudflare'] = {
  accountId: '0123456789abcdef0123456789abcdef',
  workersDevSubdomain: 'faasbench-team',
  compatibilityDate: '2026-09-01',
  plan: 'paid',
};

const experiment = parseExperimentText(
  JSON.stringify({
    title: 'cf-chains',
    vendor: 'cloudflare',
    seed: 1,
    subExperiments: [
      { title: 'inline', parallelism: 2, chain: { length: 3, transfer: 'inline', payloadBytes: 1000 } },
      { title: 'storage', parallelism: 2, chain: { length: 2, transfer: 'storage', payloadBytes: 1000 } },
      { title: 'plain', parallelism: 1 },
    ].map((sub) => ({ ...sub, bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 } })),
  }),
  'experiments/cf-chains.json',
  { drawSeed: () => 1 },
);

let resources: RecordedResource[];
let output: ExperimentOutput;
let cacheDir: string;

// Builds the packages for real, so the hook gets more time than a test on a loaded CPU.
beforeAll(async () => {
  ({ resources } = await installMocks());
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-cf-chain-deploy-'));
  const { deployCloudflare } = await import('../../../infra/cloudflare/index.js');
  const [deployed] = deployCloudflare([experiment], config, { stackName: 'test', token: pulumi.secret(TOKEN), packageCacheDir: cacheDir });
  output = await promiseOf(deployed!);
}, 90_000);

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

interface Binding {
  name: string;
  type: string;
  text?: string;
  service?: string;
  bucketName?: string;
}
const inputs = (resource: RecordedResource) => resource.inputs as Record<string, any>;
const scripts = () => ofType(resources, SCRIPT);
const script = (name: string) => scripts().find((s) => inputs(s).scriptName === name) as RecordedResource;
const bindings = (name: string) => unwrapSecrets(inputs(script(name)).bindings) as Binding[];
const texts = (name: string) => Object.fromEntries(bindings(name).filter((b) => b.type === 'plain_text').map((b) => [b.name, b.text]));
const hop0Names = (subIndex: number) => output.subExperiments[subIndex]!.endpoints.map((e) => e.functionName);

describe('deployCloudflare with chains', () => {
  test('one script per hop and replica: 2 x 3 + 2 x 2 + 1; the endpoints are hop 0, recorded as chains', () => {
    expect(ExperimentOutput.parse(output)).toEqual(output);
    expect(scripts()).toHaveLength(11);
    expect(output.subExperiments.map((s) => [s.endpoints.length, s.deployed.chain])).toEqual([
      [2, { length: 3, transfer: 'inline' }],
      [2, { length: 2, transfer: 'storage' }],
      [1, null],
    ]);
    for (const name of hop0Names(0)) {
      expect(scripts().map((s) => inputs(s).scriptName)).toEqual(expect.arrayContaining([name, `${name}-h1`, `${name}-h2`]));
      expect(name).toMatch(/-s0-r\d$/);
    }
    for (const s of scripts()) expect(String(inputs(s).scriptName).length).toBeLessThanOrEqual(63);
  });

  test("each hop is bound to the next hop's script of its own replica as NEXT_HOP; the last hop to none", () => {
    for (const name of hop0Names(0)) {
      const service = (hop: string) => bindings(hop).filter((b) => b.type === 'service');
      expect(service(name)).toEqual([{ name: 'NEXT_HOP', type: 'service', service: `${name}-h1` }]);
      expect(service(`${name}-h1`)).toEqual([{ name: 'NEXT_HOP', type: 'service', service: `${name}-h2` }]);
      expect(service(`${name}-h2`)).toEqual([]);
      expect([name, `${name}-h1`, `${name}-h2`].map((hop) => texts(hop)['FAASBENCH_CHAIN_POSITION'])).toEqual(['0', '1', '2']);
      expect(texts(name)).toMatchObject({ FAASBENCH_CHAIN_LENGTH: '3', FAASBENCH_CHAIN_TRANSFER: 'inline', FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES: '100000000', FAASBENCH_CHAIN_NEXT_TIMEOUT_MS: '60000' });
      // Workers cannot fetch each other by URL: no next-hop URL anywhere.
      expect(texts(name)['FAASBENCH_NEXT_HOP_URL']).toBeUndefined();
    }
  });

  test('only hop 0 has a workers.dev route; later hops are closed explicitly', () => {
    const subdomains = ofType(resources, SUBDOMAIN);
    expect(subdomains).toHaveLength(11);
    const enabled = subdomains.filter((s) => inputs(s).enabled === true).map((s) => inputs(s).scriptName).sort();
    expect(enabled).toEqual([...hop0Names(0), ...hop0Names(1), ...hop0Names(2)].sort());
    expect(subdomains.filter((s) => inputs(s).enabled === false).every((s) => /-h\d+$/.test(inputs(s).scriptName))).toBe(true);
  });

  test('one R2 bucket for the stack, bound as TRANSFER_BUCKET to the storage chain scripts only', () => {
    const buckets = ofType(resources, BUCKET);
    expect(buckets).toHaveLength(1);
    expect(inputs(buckets[0]!)).toEqual({ accountId: config.accountId, name: 'fb-test-transfers' });
    const bound = scripts().filter((s) => bindings(inputs(s).scriptName).some((b) => b.type === 'r2_bucket')).map((s) => inputs(s).scriptName).sort();
    expect(bound).toEqual(hop0Names(1).flatMap((name) => [name, `${name}-h1`]).sort());
    for (const name of bound) {
      expect(bindings(name).filter((b) => b.type === 'r2_bucket')).toEqual([{ name: 'TRANSFER_BUCKET', type: 'r2_bucket', bucketName: 'fb-test-transfers' }]);
      // A quarter of the Worker's 128 MB.
      expect(texts(name)).toMatchObject({ FAASBENCH_CHAIN_TRANSFER: 'storage', FAASBENCH_CHAIN_MAX_PAYLOAD_BYTES: String(32 * 1024 * 1024) });
    }
    // The plain replica is no hop: no chain settings, no bindings beyond settings and token.
    expect(bindings(hop0Names(2)[0]!).map((b) => b.type).sort()).toEqual([...Array(6).fill('plain_text'), 'secret_text']);
  });

  test('a lifecycle rule deletes what a failed hop left under transfers/ after one day', () => {
    const rules = ofType(resources, LIFECYCLE);
    expect(rules).toHaveLength(1);
    expect(inputs(rules[0]!)).toEqual({
      accountId: config.accountId,
      bucketName: 'fb-test-transfers',
      rules: [{ id: 'expire-transfers', enabled: true, conditions: { prefix: 'transfers/' }, deleteObjectsTransition: { condition: { type: 'Age', maxAge: 86_400 } } }],
    });
  });

  test('the stack name must leave room for the hop suffix', async () => {
    const { deployCloudflare } = await import('../../../infra/cloudflare/index.js');
    // 63 - "fb-" - "-" - 1 title character - "-xxxx-s0-r1" (11) - "-h2" (3) = 44 characters of stack.
    const long = 'a'.repeat(45);
    expect(() => deployCloudflare([experiment], config, { stackName: long, token: pulumi.secret(TOKEN), packageCacheDir: cacheDir })).toThrow(
      /too long for Cloudflare Workers script names .*less 3 for the chain hop suffix.* at most 44 characters/,
    );
  });
});
