import { describe, expect, test } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { fillerChunks, fillerStream, MIB_BYTES } from '../../../infra/packaging/index.js';

async function collect(bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of fillerStream(bytes)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('filler', () => {
  test('is exactly as long as asked, in chunks of at most 1 MiB', async () => {
    for (const bytes of [0, 1, 15, MIB_BYTES, 2 * MIB_BYTES + 7]) expect((await collect(bytes)).length).toBe(bytes);
    expect([...fillerChunks(2 * MIB_BYTES + 7)].map((chunk) => chunk.length)).toEqual([MIB_BYTES, MIB_BYTES, 7]);
  });

  test('is the same every time, and a shorter filler is a prefix of a longer one', async () => {
    // Buffer.equals, not toEqual: jest compares a megabyte element by element, slowly.
    const long = await collect(MIB_BYTES + 100);
    expect((await collect(MIB_BYTES + 100)).equals(long)).toBe(true);
    expect((await collect(1000)).equals(long.subarray(0, 1000))).toBe(true);
  });

  test('does not compress', async () => {
    const filler = await collect(MIB_BYTES);
    expect(gzipSync(filler, { level: 9 }).length).toBeGreaterThanOrEqual(0.99 * filler.length);
  });
});
