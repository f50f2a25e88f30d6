import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { azureCapabilities } from '../../../infra/azure/capabilities.js';
import { AZURE_RECIPE_ID, azurePackageRecipe, BUNDLE_NAME, WORKER_PROVIDED_MODULES } from '../../../infra/azure/package-recipe.js';
import { buildPackage, extractZip, FILLER_NAME, MIB_BYTES } from '../../../infra/packaging/index.js';
import { temporaryCacheDir, TOKEN } from './fixtures.js';

const FAKE_WORKER = fileURLToPath(new URL('./fake-worker.cjs', import.meta.url));

/** The app settings the deploy gives every app, minus Azure's own. */
const APP_ENV = {
  FAASBENCH_TOKEN: TOKEN,
  FAASBENCH_VENDOR: 'azure',
  FAASBENCH_REGION: 'westeurope',
  FAASBENCH_RUNTIME: 'nodejs22',
  FAASBENCH_MEMORY_MB: '1536',
  FAASBENCH_MAX_SPIN_MS: String(azureCapabilities.maxSpinMs),
  FAASBENCH_MAX_PAYLOAD_BYTES: String(azureCapabilities.maxPayloadBytes),
};

let cache: Awaited<ReturnType<typeof temporaryCacheDir>>;
let wwwroot: string;
let entryNames: string[];

beforeAll(async () => {
  cache = await temporaryCacheDir();
  const built = await buildPackage({ recipe: azurePackageRecipe, packageSizeMb: 1, cacheDir: cache.dir });
  expect(built.bytes).toBe(MIB_BYTES);
  wwwroot = path.join(cache.dir, 'wwwroot');
  entryNames = (await extractZip(built.path, wwwroot)).map((e) => e.name);
});

afterAll(async () => cache.remove());

/** Runs plain `node` (no TypeScript loader, no Functions host) in the unpacked wwwroot. */
function node(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // No inherited environment: REGION_NAME or FAASBENCH_* from the shell must not leak in.
    execFile(process.execPath, args, { cwd: wwwroot, env: { PATH: process.env.PATH ?? '', ...env }, timeout: 20_000 }, (error, stdout, stderr) =>
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('the Azure package', () => {
  test('its root is wwwroot: host.json, package.json and one bundle, plus the filler', () => {
    expect(entryNames.sort()).toEqual([BUNDLE_NAME, FILLER_NAME, 'host.json', 'package.json'].sort());
    expect(AZURE_RECIPE_ID).toBe('azure-nodejs-v4');
  });

  test('host.json is v2 with a timeout above the longest spin and below the Consumption limit', async () => {
    const host = JSON.parse(await readFile(path.join(wwwroot, 'host.json'), 'utf8')) as Record<string, unknown>;
    expect(host).toEqual({ version: '2.0', functionTimeout: '00:02:00' });
    const [h, m, s] = String(host['functionTimeout']).split(':').map(Number) as [number, number, number];
    const timeoutMs = ((h * 60 + m) * 60 + s) * 1000;
    expect(timeoutMs).toBeGreaterThan(azureCapabilities.maxSpinMs);
    expect(timeoutMs).toBeLessThanOrEqual(10 * 60_000);
  });

  test('package.json points the worker at the bundle, as CommonJS', async () => {
    const pkg = JSON.parse(await readFile(path.join(wwwroot, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ main: BUNDLE_NAME, type: 'commonjs' });
  });

  test('the bundle needs nothing but Node built-ins and the module the worker provides', async () => {
    const code = await readFile(path.join(wwwroot, BUNDLE_NAME), 'utf8');
    const required = new Set([...code.matchAll(/\brequire\(["']([^"']+)["']\)/g)].map((m) => m[1] as string));
    const foreign = [...required].filter((name) => !isBuiltin(name));
    expect(foreign).toEqual([...WORKER_PROVIDED_MODULES]);
    // The library itself is inside (its own warning text), not left for an npm install.
    expect(code).toContain('Failed to detect the Azure Functions runtime');
  });

  test('in plain Node, without the worker, it loads and @azure/functions falls back to test mode', async () => {
    const result = await node(['-e', `require('./${BUNDLE_NAME}')`], APP_ENV);
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).toContain('Skipping call to register function "measure"');
  });

  test('without its app settings it fails at load, naming the missing setting', async () => {
    const result = await node(['-e', `require('./${BUNDLE_NAME}')`], {});
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('environment variable FAASBENCH_VENDOR is not set');
  });

  test('under the worker it registers one anonymous GET/POST HTTP function and answers through the library', async () => {
    const url = 'https://fb-test-app.azurewebsites.net/api/measure';
    const invocations = [
      { method: 'POST', url, headers: {}, query: {}, body: 'xxxx' },
      { method: 'POST', url, headers: { 'x-faasbench-token': TOKEN }, query: { spinIncrements: '1000' }, body: 'hello' },
      { method: 'GET', url, headers: { 'x-faasbench-token': TOKEN }, query: {} },
    ];
    const result = await node([FAKE_WORKER, wwwroot, JSON.stringify(invocations)], { ...APP_ENV, REGION_NAME: 'West Europe' });
    expect(result.stderr).toBe('');
    const out = JSON.parse(result.stdout) as {
      programmingModel: { name: string };
      registrations: { name: string; bindings: Record<string, Record<string, unknown>> }[];
      responses: { status: number; headers: Record<string, string>; body: Record<string, unknown> }[];
    };
    expect(out.programmingModel.name).toBe('@azure/functions');
    expect(out.registrations).toHaveLength(1);
    const [registration] = out.registrations;
    expect(registration?.name).toBe('measure');
    const bindings = Object.values(registration?.bindings ?? {});
    expect(bindings).toContainEqual(expect.objectContaining({ type: 'httpTrigger', direction: 'in', authLevel: 'anonymous', methods: ['GET', 'POST'] }));
    expect(bindings).toContainEqual(expect.objectContaining({ type: 'http', direction: 'out' }));

    const [refused, cold, warm] = out.responses;
    expect(refused).toMatchObject({ status: 401, body: { error: 'unauthorized' } });
    expect(cold?.status).toBe(200);
    expect(cold?.headers['content-type']).toMatch(/^application\/json/);
    // The refused request was the instance's first: it took the cold start.
    expect(cold?.body).toMatchObject({ coldStart: false, refusedBeforeFirst: 1, invocationCount: 1, payloadBytes: 5, spinIncrements: 1000, vendor: 'azure', region: 'West Europe', memoryMb: 1536, requestId: 'invocation-1' });
    expect(warm?.body).toMatchObject({ coldStart: false, invocationCount: 2, payloadBytes: 0, instanceId: cold?.body['instanceId'], requestId: 'invocation-2' });
  });
});
