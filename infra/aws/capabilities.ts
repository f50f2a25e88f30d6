import type { VendorCapabilities } from '../capabilities.js';

export const awsCapabilities: VendorCapabilities = {
  // nodejs20.x was deprecated on 2026-04-30 and takes no new functions since 2026-08-31.
  runtimes: ['nodejs22', 'nodejs24', 'python3.12', 'python3.13'],
  defaultRuntime: 'nodejs22',
  memory: { kind: 'range', minMb: 128, maxMb: 10_240, defaultMb: 512 },
  // Filler is stored uncompressed, so the unzipped size is the zip size; Lambda caps it at 250 MB.
  maxPackageMb: 250,
  maxPackageWhy: 'AWS Lambda caps a zip package at 250 MB unzipped',
  maxParallelism: 500,
  maxSpinMs: 60_000,
  // Lambda's 6 MB (6,291,456 bytes) limit is on the whole Function URL event, not the body: a
  // binary body arrives base64-encoded (4/3 larger) inside a JSON envelope with the headers, so
  // 4 MiB of payload (5,592,408 base64 characters) is the largest round size that always fits.
  maxPayloadBytes: 4 * 1024 * 1024,
};
