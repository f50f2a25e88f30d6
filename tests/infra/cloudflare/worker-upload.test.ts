import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { UserError } from '../../../experiments/schema/index.js';
import { buildWorkerUpload, fillerBytesFor, MAX_SCRIPT_BYTES } from '../../../infra/cloudflare/index.js';
import { fillerChunks } from '../../../infra/packaging/index.js';

const MIB = 1024 * 1024;
let cacheDir: string;

beforeAll(async () => {
  cacheDir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-cf-upload-'));
});

afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('fillerBytesFor', () => {
  test('is what is left of the requested size after the main module', () => {
    expect(fillerBytesFor(10 * MIB, 8000, 10)).toBe(10 * MIB - 8000);
    expect(fillerBytesFor(8000, 8000, 0.1)).toBe(0);
  });

  test('refuses a size the code alone is bigger than', () => {
    expect(() => fillerBytesFor(1049, 8000, 0.001)).toThrow(UserError);
    expect(() => fillerBytesFor(1049, 8000, 0.001)).toThrow(
      "packageSizeMb 0.001 (1049 bytes) is smaller than the Cloudflare measurement Worker's code alone (8000 bytes); ask for 0 (the code alone) or at least 0.008 MiB.",
    );
  });

  test("refuses an upload over Cloudflare's 64 MiB", () => {
    expect(MAX_SCRIPT_BYTES).toBe(64 * MIB);
    expect(() => fillerBytesFor(64 * MIB + 1, 8000, 64.000001)).toThrow(/limited to 64 MiB \(67108864 bytes\) uncompressed/);
  });
});

describe('buildWorkerUpload', () => {
  test('packageSizeMb 0 is the bundled code alone', async () => {
    const upload = await buildWorkerUpload({ packageSizeMb: 0, cacheDir });
    expect(upload.filler).toBeNull();
    const code = await readFile(upload.mainModule.path);
    expect(upload).toMatchObject({ totalBytes: code.length, mainModule: { bytes: code.length, sha256: sha256(code) } });
    expect(code.toString('utf8')).not.toContain('filler.bin');
  });

  test('pads to the exact byte with the packager\'s deterministic, incompressible filler', async () => {
    const upload = await buildWorkerUpload({ packageSizeMb: 0.25, cacheDir });
    expect(upload.totalBytes).toBe(0.25 * MIB);
    const [code, filler] = await Promise.all([readFile(upload.mainModule.path), readFile(upload.filler!.path)]);
    expect(code.length + filler.length).toBe(0.25 * MIB);
    expect(code.toString('utf8')).toContain('import filler from "./filler.bin"');
    expect(upload.filler).toMatchObject({ bytes: filler.length, sha256: sha256(filler) });
    expect(filler.equals(Buffer.concat([...fillerChunks(filler.length)]))).toBe(true);
    expect(gzipSync(filler).length).toBeGreaterThan(filler.length);
  });

  test('a second build is the same files and hashes (cache hit), so `pulumi up` plans no update', async () => {
    const first = await buildWorkerUpload({ packageSizeMb: 0.5, cacheDir });
    const before = await stat(first.filler!.path);
    const second = await buildWorkerUpload({ packageSizeMb: 0.5, cacheDir });
    expect(second).toEqual(first);
    expect((await stat(second.filler!.path)).mtimeMs).toBe(before.mtimeMs);
  });

  test('reaches the 64 MiB limit exactly', async () => {
    const upload = await buildWorkerUpload({ packageSizeMb: 64, cacheDir });
    expect(upload.totalBytes).toBe(MAX_SCRIPT_BYTES);
    expect((await stat(upload.filler!.path)).size + upload.mainModule.bytes).toBe(MAX_SCRIPT_BYTES);
    await rm(upload.filler!.path);
  });

  test('refuses a size below the code, as a UserError', async () => {
    await expect(buildWorkerUpload({ packageSizeMb: 0.001, cacheDir })).rejects.toThrow(UserError);
  });
});
