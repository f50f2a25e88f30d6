import { readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../experiments/schema/index.js';

/**
 * STeLLAR's own data-transfer studies, copied unchanged from its repository
 * (github.com/vhive-serverless/STeLLAR, folder experiments/data-transfer/), one fixture per file:
 * `<mode>-<provider dir>-<file>.json` is `experiments/data-transfer/<mode>/<provider dir>/<file>.json`.
 */
const FIXTURES = new URL('./stellar-data-transfer/', import.meta.url);
const load = (name: string) => parseExperimentText(readFileSync(new URL(name, FIXTURES), 'utf8'), name, { drawSeed: () => 7 });
/** A note that a chain field was dropped, however worded: none may remain for a chain. */
const chainNoEffect = /(DataTransferChainLength|StorageTransfer|PayloadLengthBytes)\b.*(no effect|ignored|not used|dropped)/;

describe("STeLLAR's data-transfer files", () => {
  test.each([
    ['inline-aws-warm.json', 'aws', 24, 'inline', [2]],
    ['inline-aws-warm-vary-chains.json', 'aws', 32, 'inline', [2, 4, 8, 16]],
    ['inline-vhive-warm-IAT10s.json', 'local', 8, 'inline', [2]],
    ['storage-aws-s3-warm.json', 'aws', 12, 'storage', [2]],
    ['storage-aws-s3-experiment-jooyoung.json', 'aws', 5, 'storage', [2]],
    ['storage-aws-s3-cold-IAT600s-reduced-samples.json', 'aws', 15, 'storage', [2]],
  ] as const)('%s converts every sub-experiment into a chain, with no "no effect" note for chain fields', (file, vendor, count, transfer, lengths) => {
    const experiment = load(file);
    expect(experiment.vendor).toBe(vendor);
    expect(experiment.subExperiments).toHaveLength(count);
    for (const sub of experiment.subExperiments) {
      expect(sub.chain?.transfer).toBe(transfer);
      // The payload travels along the chain; the client sends hop 0 no body.
      expect(sub.payloadBytes).toBe(0);
      // STeLLAR's chains ran its Go producer-consumer function; faasbench's are Node.js.
      expect(sub.runtime).toMatch(/^nodejs/);
    }
    expect([...new Set(experiment.subExperiments.map((s) => s.chain?.length))]).toEqual(lengths);
    expect(experiment.conversionNotes.filter((n) => chainNoEffect.test(n))).toEqual([]);
  });

  test('payload sizes, including an absent PayloadLengthBytes (Go zero value), become chain.payloadBytes', () => {
    const experiment = load('inline-aws-warm.json');
    expect(experiment.subExperiments.slice(0, 8).map((s) => s.chain?.payloadBytes)).toEqual([0, 1024, 10240, 102400, 1048576, 2097152, 3145728, 4100000]);
    // No IATSeconds in the file: STeLLAR reads 0, and says so.
    expect(experiment.subExperiments[0]?.iat).toEqual({ distribution: 'fixed', ms: 0 });
    expect(experiment.conversionNotes).toContain('SubExperiments[0].IATSeconds is not given; STeLLAR reads it as 0');
  });

  test('files asking for what a vendor does not offer are refused for that, naming the field', () => {
    // Memory sizes Google does not sell in faasbench's gcp capabilities: not a chain field.
    expect(() => load('inline-google-warm-vary-memory-reduced-parallelism.json')).toThrow(/SubExperiments\[8\]\.FunctionMemoryMB 1536 is not allowed on gcp/);
    expect(() => load('storage-google-warm-large-vary-memory-reduced-parallelism.json')).toThrow(/SubExperiments\[0\]\.FunctionMemoryMB 8192 is not allowed on gcp/);
    // MinIO held 1 GiB objects; the local platform's object store holds 64 MiB.
    expect(() => load('storage-vhive-minio-quick-warm-IAT10s.json')).toThrow(
      /SubExperiments\[6\]\.PayloadLengthBytes 104857600 is more than a storage payload may be here \(at most 67108864/,
    );
  });
});
