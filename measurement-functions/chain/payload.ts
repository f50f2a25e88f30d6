/**
 * The bytes a hop sends on: one random buffer per instance, grown to the largest size asked and
 * sliced, so a warm hop spends no time making its payload. Random, so no layer on the way can
 * compress it. crypto.getRandomValues fills at most 65,536 bytes per call (Web Crypto's quota),
 * in Node and in workerd alike.
 */
const RANDOM_CHUNK_BYTES = 65_536;

let buffer = new Uint8Array(0);

export function payloadOf(bytes: number): Uint8Array {
  if (bytes > buffer.byteLength) {
    const grown = new Uint8Array(bytes);
    grown.set(buffer);
    for (let at = buffer.byteLength; at < bytes; at += RANDOM_CHUNK_BYTES) {
      crypto.getRandomValues(grown.subarray(at, Math.min(bytes, at + RANDOM_CHUNK_BYTES)));
    }
    buffer = grown;
  }
  return buffer.subarray(0, bytes);
}
