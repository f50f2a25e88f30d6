import type { LatencyFigures } from './added-latency.js';
import type { SpreadFigures } from './burst-spread.js';

/** What the perf script aims for; printed next to the figures, never enforced. */
export const AIMS = {
  addedP50Ms: 0.15,
  spreadMsBySize: { 100: 5, 1000: 50 } as Readonly<Record<number, number>>,
};

const ms = (value: number) => value.toFixed(3).padStart(9);
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2)).padStart(9);
const mark = (met: boolean) => (met ? 'met' : 'NOT met');

export function formatLatency(f: LatencyFigures): string {
  const addedP50 = f.runner.p50Ms - f.raw.p50Ms;
  return [
    `Added latency: runner probe vs raw node:http, fresh connections, ${f.requests} requests each, interleaved`,
    `                      p50 ms    p99 ms`,
    `  runner probe     ${ms(f.runner.p50Ms)} ${ms(f.runner.p99Ms)}`,
    `  raw node:http    ${ms(f.raw.p50Ms)} ${ms(f.raw.p99Ms)}`,
    `  difference       ${ms(addedP50)} ${ms(f.runner.p99Ms - f.raw.p99Ms)}`,
    `  ratio            ${ratio(f.runner.p50Ms, f.raw.p50Ms)} ${ratio(f.runner.p99Ms, f.raw.p99Ms)}`,
    `  aim: added p50 <= ${AIMS.addedP50Ms} ms: ${mark(addedP50 <= AIMS.addedP50Ms)} (${addedP50.toFixed(3)} ms)`,
  ].join('\n');
}

export function formatSpread(f: SpreadFigures): string {
  const aim = AIMS.spreadMsBySize[f.size];
  const aimLine =
    aim === undefined
      ? []
      : [
          `  aim: spread <= ${aim} ms: dispatched ${mark(f.runner.dispatchMs <= aim)}, sent ${mark(f.runner.sentMs <= aim)}`,
        ];
  return [
    `Burst of ${f.size}: spread first to last request, median of ${f.bursts} bursts, fresh connections`,
    `                   dispatched ms   sent ms`,
    `  runner burst     ${ms(f.runner.dispatchMs)}    ${ms(f.runner.sentMs)}`,
    `  raw http loop    ${ms(f.raw.dispatchMs)}    ${ms(f.raw.sentMs)}`,
    `  ratio            ${ratio(f.runner.dispatchMs, f.raw.dispatchMs)}    ${ratio(f.runner.sentMs, f.raw.sentMs)}`,
    ...aimLine,
  ].join('\n');
}
