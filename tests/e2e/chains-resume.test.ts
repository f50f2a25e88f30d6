import { describe, expect, test } from '@jest/globals';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readTransferRows, type TransferRow } from '../../runner/transfers/index.js';
import { experimentFile, nothingLeft, npmBench, platformOf, runBench, runnerOf, waitFor, waitForRows } from './helpers.js';
import { expectFinishedRun } from './run-checks.js';

/**
 * A chain run killed with kill -9 and resumed: transfers.csv ends with exactly N − 1 hop rows for
 * every row of latencies.csv, once each. Kill timing is the machine's, so the two paths a kill
 * can take are also made certain: the last request's hop rows are removed (its answer "died with
 * the runner") and a cut-off line is appended (a write the kill cut).
 */
const ROUNDS = 60;
const LENGTH = 3;
const experiment = {
  title: 'chain-resumable',
  vendor: 'local',
  seed: 5,
  local: { keepAliveMs: 30_000, maxInstancesPerFunction: 2 },
  subExperiments: [{ title: 'inline', bursts: ROUNDS, burstSizes: [1], iat: { distribution: 'fixed', ms: 150 }, chain: { length: LENGTH, transfer: 'inline', payloadBytes: 2048 } }],
};

describe('--resume of a chain run', () => {
  test('transfers.csv is made whole: a cut line removed, LOST hop rows where answers were lost, nothing twice', async () => {
    const { file, results } = await experimentFile(experiment);
    const bench = npmBench([file, '--results', results, '--quiet']);
    const runner = await runnerOf(bench.pid);
    const platform = await platformOf(runner);
    const dir = await waitForRows(results, 'chain-resumable', 4);
    process.kill(runner, 'SIGKILL');
    await bench.exited;
    expect(await waitFor(() => nothingLeft(runner, platform), 15_000)).toBe(true);

    // The last complete hop rows go (as if the kill had taken them), then a cut-off line is left behind.
    const transfersFile = path.join(dir, 'transfers.csv');
    const lines = (await readFile(transfersFile, 'utf8')).split('\n').filter((line) => line !== '');
    expect(lines.length).toBeGreaterThan(LENGTH);
    const kept = lines.slice(0, lines.length - (LENGTH - 1));
    const dropped = lines.slice(lines.length - (LENGTH - 1)).map((line) => line.split(',').slice(1, 5).join(','));
    expect(new Set(dropped).size).toBe(1);
    await writeFile(transfersFile, `${kept.join('\n')}\n`);
    await appendFile(transfersFile, 'inline,0,0,99,0,cut-off-by-the-kill');

    const resumed = await runBench(['--resume', dir, '--quiet'], 120_000);
    expect({ code: resumed.code, stderr: resumed.stderr }).toEqual({ code: 0, stderr: '' });
    const { records } = await expectFinishedRun(dir, 'completed');
    expect(records).toHaveLength(ROUNDS);

    const hops: TransferRow[] = [];
    expect(await readTransferRows(transfersFile, (row) => hops.push(row))).toBe(ROUNDS * (LENGTH - 1));
    const text = await readFile(transfersFile, 'utf8');
    expect(text).not.toContain('cut-off-by-the-kill');
    expect(text.split('\n').filter((line) => line.startsWith('sub_experiment,'))).toHaveLength(1);
    for (const record of records) {
      const own = hops.filter((h) => h.burstId === record.burstId && h.indexInBurst === record.indexInBurst);
      expect(own.map((h) => h.hop).sort()).toEqual([0, 1]);
      // A request answered after the resume has its measured hops; a LOST request's hops are LOST unless measured before the stop.
      if (record.ok) expect(own.every((h) => h.ok || h.errorCode === 'LOST')).toBe(true);
    }
    // The request whose hop rows were removed kept its latency row, so its hops are LOST now.
    const [sub, , burst, index] = (dropped[0] as string).split(',');
    expect(sub).toBe('0');
    const lostHops = hops.filter((h) => h.burstId === Number(burst) && h.indexInBurst === Number(index));
    expect(lostHops.map((h) => h.errorCode)).toEqual(['LOST', 'LOST']);
    // Unless the kill fell between the two files' writes of that very turn, its latency row survived, and the resume line counts its hops.
    if (records.find((r) => r.burstId === Number(burst) && r.indexInBurst === Number(index))?.errorCode !== 'LOST') {
      const log = await readFile(path.join(dir, 'run.log'), 'utf8');
      expect(log).toMatch(/"lostHopRows":[1-9]/);
      expect(log).toMatch(/hop rows recorded as LOST in transfers\.csv/);
    }
  }, 180_000);
});
