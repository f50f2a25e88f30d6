import type { RunEvent, RunListener } from '../engine/events.js';

/**
 * Notices when the endpoints have gone dark, so a study does not spend hours recording refusals.
 * The rule: at least DARK_BURSTS bursts in a row (in the order they finish, over all endpoints of
 * the run) had every request fail without an answer (connection refused or reset, host or network
 * unreachable, DNS failure, or no answer within requestTimeoutMs), and that streak has lasted at
 * least DARK_MIN_SPAN_MS, from its first burst's due time to its last one's end. One burst with
 * any answer ends the streak. The duration keeps one bad round of a wide sub-experiment, or a
 * blip under a fast schedule, from ending a run: the endpoints must stay dark for a while. An HTTP
 * error is an answer: a function that fails is measured, not dark.
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
  // The current run of bursts, in completion order, that got no answer at all.
  let streak = { bursts: 0, requests: 0, firstScheduledMs: Number.POSITIVE_INFINITY, lastEndMs: Number.NEGATIVE_INFINITY, codes: new Map<string, number>() };
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
      streak = { bursts: 0, requests: 0, firstScheduledMs: Number.POSITIVE_INFINITY, lastEndMs: Number.NEGATIVE_INFINITY, codes: new Map() };
      return;
    }
    streak.bursts += 1;
    streak.requests += summary.size;
    streak.firstScheduledMs = Math.min(streak.firstScheduledMs, summary.scheduledMs);
    streak.lastEndMs = Math.max(streak.lastEndMs, tally.endMs);
    for (const [code, n] of tally.codes) streak.codes.set(code, (streak.codes.get(code) ?? 0) + n);
    const spanMs = streak.lastEndMs - streak.firstScheduledMs;
    if (streak.bursts < needed || spanMs < minSpanMs) return;
    reported = true;
    const seen = [...streak.codes.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([code, n]) => `${code} ${n}`)
      .join(', ');
    onDark(`the endpoints went dark: all ${streak.requests} requests of the last ${streak.bursts} bursts (over ${(spanMs / 1000).toFixed(1)} s) got no answer (${seen})`);
  };
}
