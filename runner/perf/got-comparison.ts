import type { ClientRequest } from 'node:http';
import http from 'node:http';
import got from 'got';
import { medianSorted, quantileSorted, sortAscending } from '../stats/index.js';
import { rawLatencyMs, rawOptions } from './raw-client.js';
import type { PerfSection } from './section.js';

/**
 * Why the timed path does not use got, in figures measured in the same run as the raw node:http
 * client: got's added latency per request (fresh connections, retries off, as readiness and
 * conformance use it), and how much later than the raw client the first request of a burst of
 * 100 leaves the client (got prepares every request of a burst before the first byte goes out).
 */

export interface GotFigures {
  readonly requests: number;
  readonly latency: { readonly got: { p50Ms: number; p99Ms: number }; readonly raw: { p50Ms: number; p99Ms: number } };
  readonly burstSize: number;
  readonly bursts: number;
  /** Medians over the bursts: from the loop's start to the first and to the last request written. */
  readonly burst: { readonly got: { firstMs: number; lastMs: number }; readonly raw: { firstMs: number; lastMs: number } };
}

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

export async function measureGot(url: string, requests: number, warmUp: number, burstSize: number, bursts: number): Promise<GotFigures> {
  const options = rawOptions(url);
  const agent = { http: new http.Agent({ keepAlive: false, maxSockets: Infinity }) };
  const client = got.extend({ agent, retry: { limit: 0 }, throwHttpErrors: false, timeout: { request: 30_000 }, headers: { 'x-faasbench-token': 'perf-token-0123456789' } });
  const gotLatencyMs = async () => {
    const start = nowMs();
    await client(url);
    return nowMs() - start;
  };
  const gotTimes: number[] = [];
  const rawTimes: number[] = [];
  for (let i = 0; i < warmUp + requests; i++) {
    const [g, r] = i % 2 === 0 ? [await gotLatencyMs(), await rawLatencyMs(options)] : [await rawLatencyMs(options), await gotLatencyMs()].reverse();
    if (i < warmUp) continue;
    gotTimes.push(g as number);
    rawTimes.push(r as number);
  }

  const gotBurst = async () => {
    const finished: number[] = [];
    const start = nowMs();
    const all = Array.from({ length: burstSize }, () => {
      const promise = client(url);
      promise.on('request', (request: ClientRequest) => request.once('finish', () => finished.push(nowMs())));
      return promise;
    });
    await Promise.all(all);
    return { firstMs: Math.min(...finished) - start, lastMs: Math.max(...finished) - start };
  };
  const rawBurstTimes = async () => {
    const finished: number[] = [];
    const start = nowMs();
    await Promise.all(
      Array.from({ length: burstSize }, () => {
        const request = http.request(options);
        request.once('finish', () => finished.push(nowMs()));
        const done = new Promise<void>((resolve, reject) => {
          request.on('response', (response) => {
            response.on('data', () => {});
            response.on('end', resolve);
          });
          request.on('error', reject);
        });
        request.end();
        return done;
      }),
    );
    return { firstMs: Math.min(...finished) - start, lastMs: Math.max(...finished) - start };
  };
  const gotBursts: { firstMs: number; lastMs: number }[] = [];
  const rawBursts: { firstMs: number; lastMs: number }[] = [];
  for (let i = 0; i < bursts + 2; i++) {
    const g = await gotBurst();
    const r = await rawBurstTimes();
    if (i < 2) continue;
    gotBursts.push(g);
    rawBursts.push(r);
  }
  agent.http.destroy();
  const median = (values: number[]) => medianSorted(sortAscending(values));
  const percentiles = (values: number[]) => {
    const sorted = sortAscending(values);
    return { p50Ms: quantileSorted(sorted, 0.5), p99Ms: quantileSorted(sorted, 0.99) };
  };
  return {
    requests,
    latency: { got: percentiles(gotTimes), raw: percentiles(rawTimes) },
    burstSize,
    bursts,
    burst: {
      got: { firstMs: median(gotBursts.map((b) => b.firstMs)), lastMs: median(gotBursts.map((b) => b.lastMs)) },
      raw: { firstMs: median(rawBursts.map((b) => b.firstMs)), lastMs: median(rawBursts.map((b) => b.lastMs)) },
    },
  };
}

const ms = (value: number) => value.toFixed(3).padStart(9);

export function formatGot(f: GotFigures): string {
  return [
    `got 14 (readiness, conformance) vs raw node:http, fresh connections, ${f.requests} requests each, interleaved`,
    `                      p50 ms    p99 ms`,
    `  got              ${ms(f.latency.got.p50Ms)} ${ms(f.latency.got.p99Ms)}`,
    `  raw node:http    ${ms(f.latency.raw.p50Ms)} ${ms(f.latency.raw.p99Ms)}`,
    `  got adds         ${ms(f.latency.got.p50Ms - f.latency.raw.p50Ms)} ${ms(f.latency.got.p99Ms - f.latency.raw.p99Ms)}`,
    `Burst of ${f.burstSize}: from the loop's start to the first / last request written, median of ${f.bursts} bursts`,
    `                   first ms    last ms`,
    `  got              ${ms(f.burst.got.firstMs)} ${ms(f.burst.got.lastMs)}`,
    `  raw http loop    ${ms(f.burst.raw.firstMs)} ${ms(f.burst.raw.lastMs)}`,
    `  got starts ${(f.burst.got.firstMs - f.burst.raw.firstMs).toFixed(1)} ms later: why timed requests use the raw client`,
  ].join('\n');
}

/** got against a bare node:http client: what the readiness poller's client would add per request. */
export const gotSection: PerfSection = {
  name: 'got',
  description: 'got vs raw node:http: 500 spaced requests and 10 bursts of 100 (~5 s)',
  run: async ({ responder }) => formatGot(await measureGot((await responder()).url, 500, 100, 100, 10)),
};
