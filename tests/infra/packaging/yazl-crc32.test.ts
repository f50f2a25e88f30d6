import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { javascriptCrc32 } from '../../../infra/packaging/yazl-crc32.js';

const requireFromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
const yazlCrc32 = requireFromYazl('buffer-crc32') as { unsigned(data: Buffer, previous?: number): number };

describe('the CRC-32 yazl uses', () => {
  it('is replaced by zlib and gives the same running CRC as buffer-crc32, chunk by chunk', () => {
    expect(yazlCrc32.unsigned).not.toBe(javascriptCrc32);
    const data = randomBytes(1 << 20);
    let fast = 0;
    let slow = 0;
    for (let at = 0; at < data.length; at += 65_537) {
      const chunk = data.subarray(at, at + 65_537);
      fast = yazlCrc32.unsigned(chunk, fast);
      slow = javascriptCrc32(chunk, slow);
      expect(fast).toBe(slow);
    }
    // The standard check value of CRC-32 (ISO-HDLC) for "123456789".
    expect(yazlCrc32.unsigned(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(yazlCrc32.unsigned(Buffer.alloc(0))).toBe(0);
  });
});
