import { describe, expect, test } from '@jest/globals';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../../runner/results/index.js';
import { readTransferRows, type TransferRow } from '../../runner/transfers/index.js';
import { experimentFile, runBench, runFolder } from './helpers.js';

/**
 * A 3-function chain on the local platform, through the real bench path (runner/main.ts), in both
 * transfer modes at three payload sizes: every chain request gets its two hop rows, every object
 * written is read and deleted (the platform finds none left), and the storage transfer time grows
 * with the payload.
 *
 * Bounded for a loaded 2-core machine: one instance per function started ahead (prewarm) so the
 * 18 instances start together at deploy instead of one after another along each chain;
 * sub-experiments one at a time so one chain's copies do not slow another's; one instance per
 * function so later requests queue at hop 0 and find every hop warm and idle.
 */
const KIB = 1024;
const MIB = 1024 * KIB;
/** Storage's largest is 16 MiB: 16,384 times the smallest in bytes, a gap no scheduling noise closes. */
const SIZES = { inline: [KIB, 256 * KIB, 4 * MIB], storage: [KIB, 256 * KIB, 16 * MIB] } as const;
const BURSTS = 5;
const HOPS = 2;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 === 1 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

describe('chains end to end on the local platform', () => {
  test('inline and storage, three sizes: hop rows, an empty store, storage transfer time growing with size', async () => {
    const subExperiments = (['inline', 'storage'] as const).flatMap((transfer) =>
      SIZES[transfer].map((payloadBytes) => ({
        title: `${transfer}-${payloadBytes}`,
        bursts: BURSTS,
        burstSizes: [1],
        iat: { distribution: 'fixed', ms: 100 },
        chain: { length: 3, transfer, payloadBytes },
      })),
    );
    const { dir, file, results } = await experimentFile({
      title: 'chains-e2e',
      vendor: 'local',
      seed: 3,
      execution: 'sequential',
      local: { keepAliveMs: 30_000, maxInstancesPerFunction: 1, prewarm: { instances: 1, replenish: false } },
      subExperiments,
    });
    try {
      const run = await runBench(['--quiet', '--results', results, file], 110_000);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const folder = await runFolder(results, 'chains-e2e');

      // The whole chain's latency: one row per request sent, as for any study.
      const requests = await readLatencyCsv(path.join(folder, 'latencies.csv'));
      expect(requests).toHaveLength(subExperiments.length * BURSTS);
      expect(requests.filter((r) => !r.ok)).toEqual([]);

      // Two hop rows per chain request (0 → 1, 1 → 2), joined by sub-experiment, burst and index.
      const hops: TransferRow[] = [];
      expect(await readTransferRows(path.join(folder, 'transfers.csv'), (row) => hops.push(row))).toBe(requests.length * HOPS);
      const chainIds = new Set<string>();
      for (const request of requests) {
        const sub = subExperiments[request.subExperimentIndex] as (typeof subExperiments)[number];
        const own = hops.filter((h) => h.subExperimentIndex === request.subExperimentIndex && h.burstId === request.burstId && h.indexInBurst === request.indexInBurst);
        expect(own.map((h) => h.hop).sort()).toEqual([0, 1]);
        const chainId = own[0]?.chainId as string;
        expect(chainId).toMatch(/^[0-9a-f-]{36}$/);
        chainIds.add(chainId);
        for (const hop of own) {
          expect(hop).toMatchObject({ ok: true, errorCode: null, chainId, chainLength: 3, transfer: sub.chain.transfer, payloadBytes: sub.chain.payloadBytes, endpointIndex: 0 });
          expect(hop.senderInstanceId).not.toBe(hop.receiverInstanceId);
          const transferMs = hop.transferMs as number;
          expect(transferMs).toBeGreaterThan(0);
          // Computed from the unrounded transfer time, so the file's transfer_ms (to the µs) gives it
          // to within its relative rounding, half a µs in transferMs, plus the file's own rounding.
          const bandwidthMbps = (sub.chain.payloadBytes * 8) / transferMs / 1000;
          expect(Math.abs((hop.bandwidthMbps as number) - bandwidthMbps)).toBeLessThanOrEqual((bandwidthMbps * 0.0006) / transferMs + 0.001);
          // transfer = (answerReceived − payloadReady) on the sender − (responded − payloadReady) on the receiver,
          // and handedOn ≥ payloadReady, payloadReady ≥ received: so at least the hand-off's round trip less the receiver's busy time.
          expect(transferMs).toBeGreaterThanOrEqual((hop.handoffRttMs as number) - (hop.receiverBusyMs as number) - 0.002);
          if (sub.chain.transfer === 'storage') {
            expect(hop).toMatchObject({ storeService: 'local', putMs: expect.any(Number), getMs: expect.any(Number), deleteMs: expect.any(Number), authMs: 0 });
          } else {
            expect(hop).toMatchObject({ storeService: null, putMs: null, getMs: null, deleteMs: null, authMs: null });
          }
        }
      }
      expect(chainIds.size).toBe(requests.length);

      // Every object written was read and deleted by its consumer: the platform found none left at the end.
      const log = (await readFile(path.join(folder, 'run.log'), 'utf8')).split('\n').filter((line) => line.includes('"event":"object-store"'));
      expect(log).toHaveLength(1);
      const storageHops = requests.filter((r) => subExperiments[r.subExperimentIndex]?.chain.transfer === 'storage').length * HOPS;
      expect(JSON.parse(log[0] as string)).toMatchObject({
        level: 'info',
        counted: 'yes',
        puts: storageHops,
        gets: storageHops,
        deletes: storageHops,
        leftObjects: 0,
        removedObjects: 0,
      });

      // Transfer time per mode and size, warm receivers where there are any (the figures the report quotes).
      const figures: string[] = [];
      const medians = { inline: [] as number[], storage: [] as number[] };
      for (const transfer of ['inline', 'storage'] as const) {
        for (const size of SIZES[transfer]) {
          const all = hops.filter((h) => h.transfer === transfer && h.payloadBytes === size);
          const warm = all.filter((h) => h.receiverClass === 'warm').map((h) => h.transferMs as number);
          const m = median(warm.length >= 3 ? warm : all.map((h) => h.transferMs as number));
          medians[transfer].push(m);
          figures.push(`${transfer} ${size} B: median transfer ${m.toFixed(1)} ms over ${warm.length} warm hops (${all.length} in all)`);
        }
      }
      process.stdout.write(`chain transfer figures:\n  ${figures.join('\n  ')}\n`);
      // 16 MiB through the store (a put and a get over loopback) against 1 KiB: only the order is asserted, no ratio.
      expect(medians.storage[2]).toBeGreaterThan(medians.storage[0] as number);

      // The report's statistics and plot come from the files alone.
      const statistics = await readFile(path.join(folder, 'transfer-statistics.csv'), 'utf8');
      expect(statistics.split('\n')[0]).toMatch(/^sub_experiment,sub_experiment_index,hop,transfer,payload_bytes,receiver_class,count,errors/);
      expect(statistics).toContain(`storage-${16 * MIB},5,1,storage,${16 * MIB},all,${BURSTS},0,`);
      expect(await readFile(path.join(folder, 'plots', 'transfer-time.svg'), 'utf8')).toContain('<svg');
      expect(await readFile(path.join(folder, 'report.html'), 'utf8')).toContain('Data transfer along the chains');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
