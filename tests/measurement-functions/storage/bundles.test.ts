import { describe, expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { bundleEntry } from '../../../infra/packaging/index.js';

/**
 * What the storage clients cost a function's bundle, checked on the real esbuild bundles: the
 * vendor-neutral face carries no SDK and nothing from Node (it runs in workerd too), and the S3
 * client bundled for Lambda with the SDK external stays a few kB and imports the SDK the
 * runtime ships.
 */

const source = (relative: string): string => fileURLToPath(new URL(`../../../measurement-functions/storage/${relative}`, import.meta.url));

describe('storage client bundles', () => {
  test('the public face (every client but S3) needs neither the AWS SDK nor any Node module', async () => {
    const code = await bundleEntry(source('index.ts'), { format: 'esm', platform: 'neutral' });
    expect(code).not.toContain('@aws-sdk');
    expect(code).not.toMatch(/from\s*["']node:/);
    expect(code).toContain('createAzureBlobStore');
    expect(code.length).toBeLessThan(60_000);
  });

  test('the S3 client for Lambda leaves @aws-sdk/client-s3 to the runtime: an import, not 500 kB of inlined SDK', async () => {
    const code = await bundleEntry(source('aws-s3.ts'), { format: 'esm', platform: 'node', external: ['@aws-sdk/client-s3'] });
    expect(code).toMatch(/from\s*["']@aws-sdk\/client-s3["']/);
    expect(code.length).toBeLessThan(30_000);
  });
});
