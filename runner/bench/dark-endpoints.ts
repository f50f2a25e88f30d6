import type { RunEvent, RunListener } from '../engine/events.js';

/**
 * Notices when the endpoints have gone dark, so a study does not spend hours recording refusals.
 * The rule: the last DARK_BURSTS bursts to finish, over all endpoints of the run, had every request
 * fail without an answer (connection refused or reset, host or network unreachable, DNS failure, or
 * no answer within requestTimeoutMs), and they span at least DARK_MIN_SPAN_MS from the first one's
 * due time to the last one's end. The span keeps one bad round of a wide sub-experiment, or a blip
 * under a fast schedule, from ending a run: the endpoints must stay dark for a while. An HTTP error
 * is an answer: a function that fails is measured, not dark.
 */

export const DARK_BURSTS = 10;
export const DARK_MIN_SPAN_MS = 10_000;

/** Error codes that mean nothing answered. */
export const NO_ANSWER_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'TIMEOUT',
]);

interface BurstTally {
  dark: boolean;
  endMs: number;
  readonly codes: Map<string, number>;
}

export function watchForDarkEndpoints(onDark: (reason: string) => void, options: { bursts?: number; minSpanMs?: number } = {}): RunListener {
  const needed = options.bursts ?? DARK_BURSTS;
  const minSpanMs = options.minSpanMs ?? DARK_MIN_SPAN_MS;
  // Bursts with requests still in flight; each entry leaves at its burst-end.
  const open = new Map<string, BurstTally>();
  const streak: { scheduledMs: number; endMs: number; requests: number; codes: Map<string, number> }[] = [];
  let reported = false;

  return (event: RunEvent) => {
    if (reported) return;
    if (event.type === 'request') {
      const { record } = event;
      const key = `${record.subExperimentIndex}/${record.burstId}`;
      let tally = open.get(key);
      if (tally === undefined) open.set(key, (tally = { dark: true, endMs: record.endMs, codes: new Map() }));
      tally.endMs = Math.max(tally.endMs, record.endMs);
      if (record.ok || record.errorCode === null || !NO_ANSWER_CODES.has(record.errorCode)) tally.dark = false;
      else tally.codes.set(record.errorCode, (tally.codes.get(record.errorCode) ?? 0) + 1);
      return;
    }
    if (event.type !== 'burst-end') return;
    const { summary } = event;
    const key = `${summary.subExperimentIndex}/${summary.burstId}`;
    const tally = open.get(key);
    open.delete(key);
    if (tally === undefined || !tally.dark) {
      streak.length = 0;
      return;
    }
    streak.push({ scheduledMs: summary.scheduledMs, endMs: tally.endMs, requests: summary.size, codes: tally.codes });
    if (streak.length > needed) streak.shift();
    if (streak.length < needed) return;
    const firstMs = Math.min(...streak.map((b) => b.scheduledMs));
    const lastMs = Math.max(...streak.map((b) => b.endMs));
    if (lastMs - firstMs < minSpanMs) return;
    reported = true;
    const requests = streak.reduce((sum, b) => sum + b.requests, 0);
    const codes = new Map<string, number>();
    for (const burst of streak) for (const [code, n] of burst.codes) codes.set(code, (codes.get(code) ?? 0) + n);
    const seen = [...codes.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([code, n]) => `${code} ${n}`).join(', ');
    onDark(
      `the endpoints went dark: all ${requests} requests of the last ${needed} bursts (over ${((lastMs - firstMs) / 1000).toFixed(1)} s) got no answer (${seen})`,
    );
  };
}
