import { createRequire } from 'node:module';
import { crc32 } from 'node:zlib';

/**
 * yazl takes every entry's CRC-32 with buffer-crc32, a table loop in JavaScript: for a 100 MiB
 * filler that is about 270 ms of the build, against about 23 ms for Node's zlib.crc32 (the same
 * polynomial, in C), and yazl has no option to hand it a CRC. So the buffer-crc32 module yazl
 * itself requires gets zlib's function as its `unsigned` (the only one yazl calls, always with a
 * number as the running CRC, the same convention zlib.crc32 uses). Installed once, on import;
 * tests/infra/packaging/yazl-crc32.test.ts checks the two agree chunk by chunk.
 */

interface BufferCrc32 {
  unsigned(data: Buffer, previous?: number): number;
}

const requireFromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
const yazlCrc32 = requireFromYazl('buffer-crc32') as BufferCrc32;

/** buffer-crc32's own `unsigned`, kept for the test that compares the two. */
export const javascriptCrc32 = yazlCrc32.unsigned.bind(yazlCrc32);

yazlCrc32.unsigned = (data, previous = 0) => crc32(data, previous);
