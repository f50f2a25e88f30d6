import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { UserError } from '../../../experiments/schema/user-error.js';
import {
  buildPackage,
  extractZip,
  FILLER_NAME,
  MIB_BYTES,
  type PackageRecipe,
  readZipEntries,
} from '../../../infra/packaging/index.js';

const run = promisify(execFile);

const recipe: PackageRecipe = {
  id: 'test-recipe',
  files: async () => [
    { name: 'index.mjs', content: 'export const handle = () => 42;\n'.repeat(20) },
    { name: 'lib/data.bin', content: new Uint8Array([0, 1, 2, 3, 255]), mode: 0o755 },
  ],
};

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-pkg-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('buildPackage', () => {
  test.each([1, 3, 20, 0.5])('a %d MiB package is exactly that size and valid for unzip', async (packageSizeMb) => {
    const built = await buildPackage({ recipe, packageSizeMb, cacheDir: path.join(root, 'sizes') });
    const requestedBytes = packageSizeMb * MIB_BYTES;
    expect(built).toMatchObject({ bytes: requestedBytes, requestedBytes, cacheHit: false });
    expect((await stat(built.path)).size).toBe(requestedBytes);
    expect(built.fillerBytes).toBeGreaterThan(requestedBytes - 1024);
    const tested = await run('/usr/bin/unzip', ['-t', built.path]);
    expect(tested.stdout).toMatch(/No errors detected/);
  });

  test('0 MiB means just the code, reported larger than asked', async () => {
    const built = await buildPackage({ recipe, packageSizeMb: 0, cacheDir: path.join(root, 'zero') });
    expect(built.requestedBytes).toBe(0);
    expect(built.fillerBytes).toBe(0);
    expect(built.bytes).toBeGreaterThan(0);
    expect((await readZipEntries(built.path)).map((entry) => entry.name)).toEqual(['index.mjs', 'lib/data.bin']);
    await run('/usr/bin/unzip', ['-t', built.path]);
  });

  test('a target just above the code is still met exactly', async () => {
    const code = await buildPackage({ recipe, packageSizeMb: 0, cacheDir: path.join(root, 'tight') });
    const packageSizeMb = (code.bytes + 10) / MIB_BYTES;
    const built = await buildPackage({ recipe, packageSizeMb, cacheDir: path.join(root, 'tight') });
    expect(built.bytes).toBe(code.bytes + 10);
    await run('/usr/bin/unzip', ['-t', built.path]);
  });

  test('around the filler entry\'s own size the plan still comes out exact, as yazl announces it', async () => {
    const { entryFootprintBytes, planPackage, prepareCodeEntries, FILLER_NAME: filler } = await import('../../../infra/packaging/zip-layout.js');
    const code = prepareCodeEntries(await recipe.files());
    const codeBytes = planPackage(code, 0).totalBytes;
    const overhead = entryFootprintBytes(filler, 0, true);
    for (const extra of [overhead - 1, overhead, overhead + 1]) {
      const built = await buildPackage({ recipe, packageSizeMb: (codeBytes + extra) / MIB_BYTES, cacheDir: path.join(root, `edge-${extra}`) });
      expect(built.bytes).toBe(codeBytes + extra);
      expect(built.fillerBytes).toBe(extra >= overhead ? extra - overhead : 0);
      await run('/usr/bin/unzip', ['-t', built.path]);
    }
  });

  test('a build is the same in every time zone', async () => {
    const script = `import { buildPackage } from './infra/packaging/index.ts';
const built = await buildPackage({ recipe: { id: 'tz', files: async () => [{ name: 'a.txt', content: 'x' }] }, packageSizeMb: 0.01, cacheDir: process.argv[1] });
process.stdout.write(built.sha256);`;
    const shaIn = async (tz: string) =>
      (await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, path.join(root, `tz-${tz.replace('/', '-')}`)], { env: { ...process.env, TZ: tz } })).stdout;
    const [utc, newYork, tokyo] = await Promise.all([shaIn('UTC'), shaIn('America/New_York'), shaIn('Asia/Tokyo')]);
    expect(utc).toMatch(/^[0-9a-f]{64}$/);
    expect([newYork, tokyo]).toEqual([utc, utc]);
  });

  test('two independent builds are byte-identical', async () => {
    const [a, b] = await Promise.all([
      buildPackage({ recipe, packageSizeMb: 2, cacheDir: path.join(root, 'det-a') }),
      buildPackage({ recipe, packageSizeMb: 2, cacheDir: path.join(root, 'det-b') }),
    ]);
    expect(a.sha256).toBe(b.sha256);
    expect(a.key).toBe(b.key);
    // Buffer.equals, not toEqual: jest compares megabytes element by element, slowly.
    expect((await readFile(a.path)).equals(await readFile(b.path))).toBe(true);
  });

  test('the order a recipe lists its files in does not matter', async () => {
    const files = await recipe.files();
    const reversed: PackageRecipe = { id: recipe.id, files: async () => [...files].reverse() };
    const [a, b] = await Promise.all([
      buildPackage({ recipe, packageSizeMb: 1, cacheDir: path.join(root, 'order-a') }),
      buildPackage({ recipe: reversed, packageSizeMb: 1, cacheDir: path.join(root, 'order-b') }),
    ]);
    expect(a.sha256).toBe(b.sha256);
  });

  test('a second build is a cache hit with the same result', async () => {
    const cacheDir = path.join(root, 'cache');
    const first = await buildPackage({ recipe, packageSizeMb: 1, cacheDir });
    const second = await buildPackage({ recipe, packageSizeMb: 1, cacheDir });
    expect(first.cacheHit).toBe(false);
    expect(second).toEqual({ ...first, cacheHit: true });
    const other = await buildPackage({ recipe: { ...recipe, id: 'other' }, packageSizeMb: 1, cacheDir });
    expect(other.cacheHit).toBe(false);
    expect(other.key).not.toBe(first.key);
  });

  test('a damaged cache entry is rebuilt', async () => {
    const cacheDir = path.join(root, 'damaged');
    const first = await buildPackage({ recipe, packageSizeMb: 1, cacheDir });
    await rm(first.path);
    const again = await buildPackage({ recipe, packageSizeMb: 1, cacheDir });
    expect(again).toEqual({ ...first, cacheHit: false });
  });

  test('the reader extracts what the recipe put in, and the filler', async () => {
    const built = await buildPackage({ recipe, packageSizeMb: 1, cacheDir: path.join(root, 'extract') });
    const dest = path.join(root, 'extracted');
    const entries = await extractZip(built.path, dest);
    // Everything is stored: deflate output varies between zlib builds, stored bytes do not.
    expect(entries.map((entry) => [entry.name, entry.method])).toEqual([
      ['index.mjs', 0],
      ['lib/data.bin', 0],
      [FILLER_NAME, 0],
    ]);
    const [first] = await recipe.files();
    expect(await readFile(path.join(dest, 'index.mjs'), 'utf8')).toBe(first?.content);
    expect([...(await readFile(path.join(dest, 'lib/data.bin')))]).toEqual([0, 1, 2, 3, 255]);
    expect((await stat(path.join(dest, 'lib/data.bin'))).mode & 0o777).toBe(0o755);
    expect((await stat(path.join(dest, FILLER_NAME))).size).toBe(built.fillerBytes);
    const unzipped = path.join(root, 'unzipped');
    await run('/usr/bin/unzip', ['-q', built.path, '-d', unzipped]);
    expect((await readFile(path.join(unzipped, FILLER_NAME))).equals(await readFile(path.join(dest, FILLER_NAME)))).toBe(true);
  });

  test('the reader refuses an entry whose bytes do not match its CRC-32', async () => {
    const built = await buildPackage({ recipe, packageSizeMb: 1, cacheDir: path.join(root, 'corrupt') });
    const bytes = await readFile(built.path);
    // A byte in the middle of the filler, which sits between the code and the central directory.
    const middle = Math.floor(bytes.length / 2);
    bytes.writeUInt8(bytes.readUInt8(middle) ^ 0xff, middle);
    const damaged = path.join(root, 'damaged.zip');
    await writeFile(damaged, bytes);
    await expect(extractZip(damaged, path.join(root, 'damaged-out'))).rejects.toThrow(`${damaged}: entry ${FILLER_NAME} is corrupt (CRC-32 mismatch)`);
  });

  test('the reader also inflates deflated entries (zips made by other tools)', async () => {
    const source = path.join(root, 'deflate-source');
    await mkdir(source, { recursive: true });
    const text = 'faasbench '.repeat(1000);
    await writeFile(path.join(source, 'text.txt'), text);
    const zipPath = path.join(root, 'deflated.zip');
    await run('/usr/bin/zip', ['-q', '-9', zipPath, 'text.txt'], { cwd: source });
    const entries = await extractZip(zipPath, path.join(root, 'inflated'));
    expect(entries.map((entry) => [entry.name, entry.method])).toEqual([['text.txt', 8]]);
    expect(await readFile(path.join(root, 'inflated', 'text.txt'), 'utf8')).toBe(text);
  });

  test('sizes the zip format cannot hold are a user error', async () => {
    await expect(buildPackage({ recipe, packageSizeMb: 4096, cacheDir: root })).rejects.toThrow(UserError);
    await expect(buildPackage({ recipe, packageSizeMb: -1, cacheDir: root })).rejects.toThrow(UserError);
  });
});
