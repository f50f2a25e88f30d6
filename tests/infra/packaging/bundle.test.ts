import { describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleEntry } from '../../../infra/packaging/index.js';

const CORE_INDEX = path.resolve('measurement-functions/core/index.ts');

describe('bundleEntry', () => {
  test('bundles TypeScript with its imports into one module that plain node loads', async () => {
    const code = await bundleEntry(CORE_INDEX, { format: 'esm', platform: 'neutral' });
    expect(code).not.toMatch(/from ['"]\.\//);
    expect(code).not.toMatch(/node:/);
    const dir = await mkdtemp(path.join(tmpdir(), 'faasbench-bundle-'));
    try {
      const file = path.join(dir, 'core.mjs');
      await writeFile(file, code);
      const core = (await import(pathToFileURL(file).href)) as { TOKEN_HEADER: string; createMeasurementInstance: unknown };
      expect(core.TOKEN_HEADER).toBe('x-faasbench-token');
      expect(typeof core.createMeasurementInstance).toBe('function');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('gives the same output every time', async () => {
    const options = { format: 'esm', platform: 'node' } as const;
    expect(await bundleEntry(CORE_INDEX, options)).toBe(await bundleEntry(CORE_INDEX, options));
  });
});
