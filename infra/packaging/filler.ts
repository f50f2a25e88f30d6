import { createCipheriv, createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { MIB_BYTES } from './recipe.js';

/**
 * The filler that pads a package to its size: an AES-256-CTR keystream under a fixed key. It is
 * incompressible (so the zip really is as big as asked, compressed or not) yet the same on every
 * machine and every run (so a second deploy changes nothing), and it is made in chunks, never
 * whole in memory.
 */
const KEY = createHash('sha256').update('faasbench-filler-v1').digest();
const IV = Buffer.alloc(16);

export const FILLER_CHUNK_BYTES = MIB_BYTES;

/** The first `bytes` bytes of the filler, in chunks of at most FILLER_CHUNK_BYTES. */
export function* fillerChunks(bytes: number): Generator<Buffer> {
  const cipher = createCipheriv('aes-256-ctr', KEY, IV);
  const zeros = Buffer.alloc(Math.min(FILLER_CHUNK_BYTES, Math.max(bytes, 0)));
  for (let left = bytes; left > 0; left -= zeros.length) {
    yield cipher.update(left >= zeros.length ? zeros : zeros.subarray(0, left));
  }
}

/** The filler as a stream of exactly `bytes` bytes. */
export function fillerStream(bytes: number): Readable {
  return Readable.from(fillerChunks(bytes), { objectMode: false });
}
