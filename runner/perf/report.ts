import { TIMER_LEAD_MS } from '../dispatch/wait.js';
import type { LatencyFigures } from './added-latency.js';
import type { SpreadFigures } from './burst-spread.js';
import type { ScheduleFigures } from './schedule-error.js';
import type { SpacedLatencyFigures } from './spaced-latency.js';

/** What the perf script aims for; printed next to the figures, never enforced. */
export const AIMS = {
  addedP50Ms: 0.15,
  spacedAddedMedianMs: 0.15,
  gapErrorP99Ms: 2,
  spreadMsBySize: { 100: 5, 1000: 50 } as Readonly<Record<number, number>>,
};

const ms = (value: number) => value.toFixed(3).padStart(9);
const ratio = (a: number, b: number) => (b === 0 ? 'n/a' : (a / b).toFixed(2)).padStart(9);
const mark = (met: boolean) => (met ? 'met' : 'NOT met');

export function formatLatency(f: LatencyFigures): string {
  const addedP50 = f.runner.p50Ms - f.raw.p50Ms;
  return [
    `Added latency: runner probe vs raw node:http, fresh connections, ${f.requests} requests each, interleaved, back to back`,
    `                      p50 ms    p99 ms`,
    `  runner probe     ${ms(f.runner.p50Ms)} ${ms(f.runner.p99Ms)}`,
    `  raw node:http    ${ms(f.raw.p50Ms)} ${ms(f.raw.p99Ms)}`,
    `  difference       ${ms(addedP50)} ${ms(f.runner.p99Ms - f.raw.p99Ms)}`,
    `  ratio            ${ratio(f.runner.p50Ms, f.raw.p50Ms)} ${ratio(f.runner.p99Ms, f.raw.p99Ms)}`,
    `  aim: added p50 <= ${AIMS.addedP50Ms} ms: ${mark(addedP50 <= AIMS.addedP50Ms)} (${addedP50.toFixed(3)} ms)`,
  ].join('\n');
}

export function formatSpacedLatency(f: SpacedLatencyFigures): string {
  const added = f.pairedAddedMs;
  return [
    `Added latency, spaced: each client one request every ${f.spacingMs} ms, half a period apart, fresh connections, ${f.requests} requests each`,
    `                   median ms`,
    `  runner run path  ${ms(f.runnerMs)}`,
    `  raw node:http    ${ms(f.rawMs)}`,
    `  difference       ${ms(f.runnerMs - f.rawMs)}`,
    `  paired (median of runner − raw, pair by pair) ${ms(added)}`,
    `  aim: added median <= ${AIMS.spacedAddedMedianMs} ms: ${mark(added <= AIMS.spacedAddedMedianMs)} (${added.toFixed(3)} ms, paired)`,
  ].join('\n');
}

export function formatSchedule(f: ScheduleFigures): string {
  const row = (name: string, c: ScheduleFigures['runner']) =>
    `  ${name.padEnd(17)}${ms(c.gapError.p50Ms)} ${ms(c.gapError.p99Ms)} ${ms(c.gapError.maxMs)}     ${ms(c.medianLatencyMs)}`;
  return [
    `Schedule: |actual − planned gap| between consecutive arrivals at the responder (its own process, CLOCK_MONOTONIC),`,
    `${f.rounds} requests at a fixed ${f.iatMs} ms IAT, fresh connections, one client after the other`,
    `                    p50 ms    p99 ms    max ms   median latency ms`,
    row('runner run path', f.runner),
    row('raw setTimeout', f.raw),
    `  ratio p99        ${ratio(f.runner.gapError.p99Ms, f.raw.gapError.p99Ms)}`,
    `  aim: runner p99 <= ${AIMS.gapErrorP99Ms} ms: ${mark(f.runner.gapError.p99Ms <= AIMS.gapErrorP99Ms)} (${f.runner.gapError.p99Ms.toFixed(3)} ms)`,
    `  runner GC pauses: ${f.runnerGc.pauses} (${f.runnerGc.minor} scavenges), longest ${f.runnerGc.maxPauseMs.toFixed(2)} ms, ${f.runnerGc.acrossDispatch} across a request's last ${TIMER_LEAD_MS} ms before dispatch`,
    `  (run path: engine + live dependencies + latency CSV, run log, resolved file, progress line)`,
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
