import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through stage for a pipeline that counts and hashes what streams through it, so a file is written and hashed in one pass. */
export interface DigestTap {
  readonly stream: Transform;
  /** Bytes seen so far. */
  bytes(): number;
  /** SHA-256 of all bytes seen, hex; call once, after the pipeline ended. */
  sha256(): string;
}

export function createDigestTap(): DigestTap {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, bytes: () => bytes, sha256: () => hash.digest('hex') };
}
