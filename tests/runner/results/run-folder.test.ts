import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRunFolder, experimentSlug, runIdFor } from '../../../runner/results/run-folder.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-run-folder-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const start = new Date(Date.UTC(2026, 10, 23, 14, 5, 12, 987));

describe('run folders', () => {
  test.each([
    ['Warm baseline', 'warm-baseline'],
    ['AWS: 128 MB / Node 20 (cold!)', 'aws-128-mb-node-20-cold'],
    ['  --Café au lait--  ', 'cafe-au-lait'],
    ['日本語', 'experiment'],
    ['x'.repeat(100), 'x'.repeat(64)],
  ])('slug of %j is %j', (title, slug) => {
    expect(experimentSlug(title)).toBe(slug);
  });

  test('run ids: UTC second without colons, plus the suffix; they sort by time', () => {
    expect(runIdFor(start, '3f9a')).toBe('2026-11-23T14-05-12Z-3f9a');
    const later = runIdFor(new Date(Date.UTC(2026, 10, 23, 14, 5, 13)), '0000');
    expect([later, runIdFor(start, 'ffff')].sort()).toEqual([runIdFor(start, 'ffff'), later]);
  });

  test('a suffix with other characters is a bug', () => {
    expect(() => runIdFor(start, '../x')).toThrow('lower-case letters and digits');
  });

  test('creates <root>/<slug>/<run-id>', async () => {
    const folder = await createRunFolder(root, 'Warm baseline', start, '3f9a');
    expect(folder).toEqual({ dir: path.join(root, 'warm-baseline', '2026-11-23T14-05-12Z-3f9a'), runId: '2026-11-23T14-05-12Z-3f9a' });
    expect((await stat(folder.dir)).isDirectory()).toBe(true);
  });

  test('refuses to reuse a folder', async () => {
    await createRunFolder(root, 'Again', start, 'aaaa');
    await expect(createRunFolder(root, 'Again', start, 'aaaa')).rejects.toThrow(/already exists; faasbench never writes into an earlier run's folder/);
  });

  test('a results root that is a file is a user error', async () => {
    const file = path.join(root, 'not-a-folder');
    await writeFile(file, '');
    await expect(createRunFolder(file, 'x', start, 'bbbb')).rejects.toMatchObject({ name: 'UserError', message: expect.stringContaining('cannot be created') });
  });
});
