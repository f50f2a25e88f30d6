import { describe, expect, test } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../../runner/results/index.js';
import { readTransferRows, type TransferRow } from '../../runner/transfers/index.js';
import { experimentFile, runBench, runFolder } from './helpers.js';

/**
 * A 3-function chain on the local platform, through `npm run bench`, in both transfer modes at
 * three payload sizes: every chain request gets its two hop rows, every object written is deleted,
 * and the storage transfer time grows with the payload.
 */
const KIB = 1024;
const MIB = 1024 * KIB;
const SIZES = [KIB, 256 * KIB, 4 * MIB] as const;
const BURSTS = 5;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

describe('chains end to end on the local platform', () => {
  test('inline and storage, three sizes: hop rows, clean store, transfer time growing with size', async () => {
    const subExperiments = (['inline', 'storage'] as const).flatMap((transfer) =>
      SIZES.map((payloadBytes) => ({
        title: `${transfer}-${payloadBytes}`,
        bursts: BURSTS,
        burstSizes: [1],
        iat: { distribution: 'fixed', ms: 400 },
        chain: { length: 3, transfer, payloadBytes },
      })),
    );
    const { dir, file, results } = await experimentFile({
      title: 'chains-e2e',
      vendor: 'local',
      seed: 3,
      execution: 'sequential',
      local: { keepAliveMs: 4000, maxInstancesPerFunction: 4 },
      subExperiments,
    });
    try {
      const run = await runBench(['--quiet', '--results', results, file], 170_000);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const folder = await runFolder(results, 'chains-e2e');

      // The whole chain's latency: one row per request sent, as for any study.
      const requests = await readLatencyCsv(path.join(folder, 'latencies.csv'));
      expect(requests).toHaveLength(subExperiments.length * BURSTS);
      expect(requests.filter((r) => !r.ok)).toEqual([]);

      // Two hop rows per chain request (0 → 1, 1 → 2), joined by sub-experiment, burst and index.
      const hops: TransferRow[] = [];
      expect(await readTransferRows(path.join(folder, 'transfers.csv'), (row) => hops.push(row))).toBe(requests.length * 2);
      for (const request of requests) {
        const sub = subExperiments[request.subExperimentIndex] as (typeof subExperiments)[number];
        const own = hops.filter((h) => h.subExperimentIndex === request.subExperimentIndex && h.burstId === request.burstId && h.indexInBurst === request.indexInBurst);
        expect(own.map((h) => h.hop).sort()).toEqual([0, 1]);
        for (const hop of own) {
          expect(hop).toMatchObject({ ok: true, errorCode: null, chainLength: 3, transfer: sub.chain.transfer, payloadBytes: sub.chain.payloadBytes, chainId: own[0]?.chainId });
          expect(hop.transferMs).toBeGreaterThan(0);
          expect(hop.bandwidthMbps).toBeCloseTo((sub.chain.payloadBytes * 8) / (hop.transferMs as number) / 1000, 2);
          // A transfer is part of the hand-off's round trip, measured on the sender's clock.
          expect(hop.transferMs as number).toBeLessThanOrEqual((hop.handoffRttMs as number) + 0.01 + ((hop.putMs as number | null) ?? 0));
          if (sub.chain.transfer === 'storage') {
            expect(hop).toMatchObject({ storeService: 'local', putMs: expect.any(Number), getMs: expect.any(Number), deleteMs: expect.any(Number) });
          } else {
            expect(hop).toMatchObject({ storeService: null, putMs: null, getMs: null, deleteMs: null });
          }
        }
      }

      // Every object written was read and deleted: the store the platform ran is empty at the end.
      const log = (await readFile(path.join(folder, 'run.log'), 'utf8')).split('\n').filter((line) => line.includes('"object-store"'));
      expect(log).toHaveLength(1);
      const store = JSON.parse(log[0] as string) as { puts: number; deletes: number; gets: number; objects: number; bytesStored: number };
      const storageRequests = requests.filter((r) => subExperiments[r.subExperimentIndex]?.chain.transfer === 'storage').length;
      expect(store).toMatchObject({ puts: storageRequests * 2, gets: storageRequests * 2, deletes: storageRequests * 2, objects: 0, bytesStored: 0 });

      // Transfer time per mode and size, warm receivers (the figures the report quotes).
      const figures: string[] = [];
      const medians: Record<string, number[]> = { inline: [], storage: [] };
      for (const transfer of ['inline', 'storage'] as const) {
        for (const size of SIZES) {
          const times = hops.filter((h) => h.transfer === transfer && h.payloadBytes === size && h.receiverClass === 'warm').map((h) => h.transferMs as number);
          const all = hops.filter((h) => h.transfer === transfer && h.payloadBytes === size).map((h) => h.transferMs as number);
          const m = median(times.length > 0 ? times : all);
          medians[transfer]?.push(m);
          figures.push(`${transfer} ${size} B: median transfer ${m.toFixed(1)} ms over ${times.length} warm hops (${all.length} in all)`);
        }
      }
      process.stdout.write(`chain transfer figures:\n  ${figures.join('\n  ')}\n`);
      const storage = medians['storage'] as number[];
      // 16 MiB through the store (a put and a get over loopback) against 1 KiB: a factor of 16,384 in bytes.
      expect(storage[2]).toBeGreaterThan(storage[0] as number);

      // The report's statistics and plot come from the files alone.
      const statistics = await readFile(path.join(folder, 'transfer-statistics.csv'), 'utf8');
      expect(statistics.split('\n')[0]).toMatch(/^sub_experiment,sub_experiment_index,hop,transfer,payload_bytes,receiver_class,count,errors/);
      expect(statistics).toContain(`storage-${4 * MIB},5,1,storage,${4 * MIB},all,${BURSTS},0,`);
      expect(await readFile(path.join(folder, 'plots', 'transfer-time.svg'), 'utf8')).toContain('<svg');
      expect(await readFile(path.join(folder, 'report.html'), 'utf8')).toContain('Data transfer along the chains');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
