import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readLatencyCsv } from '../../../runner/results/index.js';
import { createLatencyCsvWriter } from '../../../runner/sinks/latency-csv.js';
import { recordFixture } from '../results/records.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-csv-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('the latency writer, as runs that fail or resume need it', () => {
  test('onFailure is called once, at the first write error (a full disk), so the run can stop at once', async () => {
    const failures: string[] = [];
    // /dev/full fails every write with ENOSPC.
    const writer = createLatencyCsvWriter('/dev/full', { onFailure: (error) => failures.push((error as NodeJS.ErrnoException).code ?? error.message) });
    writer.listener({ type: 'request', record: recordFixture() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    writer.listener({ type: 'request', record: recordFixture({ burstId: 2 }) });
    await expect(writer.close()).rejects.toThrow('Latency file /dev/full could not be written: ENOSPC.');
    expect(failures).toEqual(['ENOSPC']);
  });

  test('append: rows go after the ones there, with no second header', async () => {
    const file = path.join(root, 'latencies.csv');
    const first = createLatencyCsvWriter(file);
    first.listener({ type: 'request', record: recordFixture({ burstId: 0 }) });
    await first.close();
    const second = createLatencyCsvWriter(file, { append: true });
    second.listener({ type: 'request', record: recordFixture({ burstId: 1 }) });
    await second.close();
    expect((await readLatencyCsv(file)).map((r) => r.burstId)).toEqual([0, 1]);
    expect((await readFile(file, 'utf8')).split('\n').filter((line) => line.startsWith('sub_experiment,'))).toHaveLength(1);
  });
});
