import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Papa from 'papaparse';
import { LATENCY_HEADERS } from '../results/index.js';

/**
 * Run folders made up for the history's tests and its perf script: latencies.csv in the real
 * column layout (cells by header name, so a new nullable column costs nothing here),
 * experiment.resolved.json with the fields the history reads, and a stand-in report.html.
 * Latencies are drawn from a shifted log-normal (heavy right tail), seeded.
 */

export interface SyntheticSub {
  readonly title: string;
  readonly cold: { readonly n: number; readonly medianMs: number };
  readonly warm: { readonly n: number; readonly medianMs: number };
  readonly errors?: number;
}

export interface SyntheticRun {
  readonly runId: string;
  readonly title: string;
  readonly vendor: string;
  readonly startedAt: Date;
  readonly status?: string;
  readonly subs: readonly SyntheticSub[];
  readonly seed: number;
}

export async function writeSyntheticRun(resultsDir: string, run: SyntheticRun): Promise<string> {
  const dir = path.join(resultsDir, run.title, run.runId);
  await mkdir(dir, { recursive: true });
  const random = mulberry32(run.seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const rows: Record<string, string>[] = [];
  run.subs.forEach((sub, index) => {
    let burst = 0;
    const add = (cls: 'cold' | 'warm', medianMs: number, ok: boolean) => {
      const latency = ok ? medianMs * 0.8 + medianMs * 0.2 * Math.exp(0.6 * normal()) : 60_000;
      rows.push(row({ sub: sub.title, index, burst: burst++, latencyMs: latency, ok, cls: ok ? cls : 'unknown' }));
    };
    for (let i = 0; i < sub.cold.n; i++) add('cold', sub.cold.medianMs, true);
    for (let i = 0; i < sub.warm.n; i++) add('warm', sub.warm.medianMs, true);
    for (let i = 0; i < (sub.errors ?? 0); i++) add('warm', sub.warm.medianMs, false);
  });
  await writeFile(path.join(dir, 'latencies.csv'), `${Papa.unparse({ fields: [...LATENCY_HEADERS], data: rows.map((r) => LATENCY_HEADERS.map((h) => r[h] ?? '')) }, { newline: '\n' })}\n`);
  const resolved = {
    formatVersion: 1,
    runId: run.runId,
    status: run.status ?? 'completed',
    reason: null,
    toolVersion: '0.1.0',
    seed: run.seed,
    startedAt: run.startedAt.toISOString(),
    experiment: {
      title: run.title,
      file: `experiments/${run.vendor}/${run.title}.json`,
      vendor: run.vendor,
      subExperiments: run.subs.map((sub, index) => ({ index, title: sub.title, runtime: 'nodejs22', memoryMb: 512, packageSizeMb: 0 })),
    },
  };
  await writeFile(path.join(dir, 'experiment.resolved.json'), `${JSON.stringify(resolved, null, 2)}\n`);
  await writeFile(path.join(dir, 'report.html'), `<!doctype html><title>report of ${run.runId}</title><h1>Report of run ${run.runId}</h1>\n`);
  return dir;
}

function row(r: { sub: string; index: number; burst: number; latencyMs: number; ok: boolean; cls: string }): Record<string, string> {
  const ms = (v: number) => v.toFixed(3);
  return {
    sub_experiment: r.sub,
    sub_experiment_index: String(r.index),
    endpoint_index: '0',
    endpoint_url: 'https://example.invalid/fn',
    burst_id: String(r.burst),
    round: String(r.burst),
    burst_size: '1',
    index_in_burst: '0',
    desired_service_time_ms: '0',
    spin_increments_requested: '0',
    scheduled_ms: ms(r.burst * 1000),
    dispatched_ms: ms(r.burst * 1000 + 0.2),
    end_ms: ms(r.burst * 1000 + 0.2 + r.latencyMs),
    latency_ms: ms(r.latencyMs),
    schedule_lag_ms: '0.200',
    reused_connection: 'false',
    status: r.ok ? '200' : '',
    ok: r.ok ? 'true' : 'false',
    error_code: r.ok ? '' : 'TIMEOUT',
    response_bytes: r.ok ? '400' : '0',
    class: r.cls,
    class_source: r.ok ? 'function' : 'none',
    cold_start: r.ok ? String(r.cls === 'cold') : '',
  };
}

/** A small, fast, seeded PRNG (public domain), uniform in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
