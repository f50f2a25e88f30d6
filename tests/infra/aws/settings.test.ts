import { describe, expect, test } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import {
  awsCapabilities,
  DIRECT_UPLOAD_MAX_BYTES,
  LAMBDA_RUNTIMES,
  lambdaRuntime,
  nodeRecipe,
  pythonRecipe,
  timeoutSeconds,
  uploadRoute,
} from '../../../infra/aws/index.js';
import { UserError } from '../../../experiments/schema/index.js';

describe('AWS settings', () => {
  test('every runtime the schema allows for AWS has a Lambda runtime, and no other', () => {
    expect(Object.keys(LAMBDA_RUNTIMES).sort()).toEqual([...awsCapabilities.runtimes].sort());
    expect(lambdaRuntime('nodejs22')).toEqual({ id: 'nodejs22.x', handler: 'index.handler', adapter: 'nodejs' });
    expect(lambdaRuntime('python3.12')).toEqual({ id: 'python3.12', handler: 'lambda_function.handler', adapter: 'python' });
    expect(() => lambdaRuntime('go1.x')).toThrow(UserError);
  });

  test('packages go through S3 above the direct upload limit, in bytes not MiB', () => {
    expect(DIRECT_UPLOAD_MAX_BYTES).toBe(50_000_000);
    expect([0, 10, 47, 48, 50, 51, 250].map(uploadRoute)).toEqual(['direct', 'direct', 'direct', 's3', 's3', 's3', 's3']);
  });

  test('the timeout outlasts the longest spin a function accepts', () => {
    expect(timeoutSeconds()).toBe(90);
    expect(timeoutSeconds() * 1000).toBeGreaterThan(awsCapabilities.maxSpinMs);
    expect(timeoutSeconds(1500)).toBe(32);
  });

  test('the Node package is one bundled ES module exporting the handler, plus the S3 client for storage hops, the same on every build', async () => {
    const files = await nodeRecipe.files();
    // Same bytes on every build: an unchanged handler must plan no code update.
    expect(await nodeRecipe.files()).toEqual(files);
    expect(files.map((f) => f.name)).toEqual(['index.mjs', 's3-store.mjs']);
    const code = String(files[0]?.content);
    expect(code).toMatch(/export\s*\{[^}]*\bhandler\b/);
    expect(code).not.toMatch(/from ['"]\.\.?\//);
    // The handler never imports the SDK itself: only the S3 client file does, left to the runtime.
    expect(code).not.toContain('@aws-sdk');
    expect(code).toContain('import(S3_STORE_MODULE)');
    const s3 = String(files[1]?.content);
    expect(s3).toMatch(/from\s*["']@aws-sdk\/client-s3["']/);
    expect(s3).toMatch(/export\s*\{[^}]*\bs3StoreFromEnv\b/);
    expect(s3.length).toBeLessThan(30_000);
  });

  test('the Python package is the adapter next to an unchanged copy of the shared core', async () => {
    const files = await pythonRecipe.files();
    expect(files.map((f) => f.name)).toEqual(['lambda_function.py', 'faasbench_core.py']);
    const core = await readFile('measurement-functions/python/faasbench_core.py');
    expect(Buffer.from(files[1]!.content).equals(core)).toBe(true);
  });
});
