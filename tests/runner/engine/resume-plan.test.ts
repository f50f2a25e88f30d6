import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import type { CalibrationResult } from '../../../runner/engine/events.js';
import { type DispatchedRound, type JournalState, planResume, rowKey } from '../../../runner/engine/resume-plan.js';
import type { PlannedRound, StudyDeps } from '../../../runner/engine/study-deps.js';

function experiment(execution: 'parallel' | 'sequential') {
  return parseExperimentText(
    JSON.stringify({
      title: 'resume', vendor: 'aws', seed: 3, execution,
      subExperiments: [
        { title: 'a', bursts: 6, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 }, parallelism: 2 },
        { title: 'b', bursts: 3, burstSizes: [1], iat: { distribution: 'fixed', ms: 1000 } },
      ],
    }),
    'experiments/resume.json',
    { drawSeed: () => 1 },
  );
}

/** Round r due at (r+1)·IAT, one burst per endpoint. */
const plan: StudyDeps['plan'] = (sub) => {
  const iat = sub.iat.distribution === 'fixed' ? sub.iat.ms : 0;
  const rounds: PlannedRound[] = [];
  for (let round = 0; round * sub.parallelism < sub.bursts; round++) {
    const bursts = Array.from({ length: sub.parallelism }, (_, e) => ({ burstId: round * sub.parallelism + e, endpointIndex: e, size: sub.burstSizes[0] as number, desiredServiceTimeMs: 0 }));
    rounds.push({ round, offsetMs: (round + 1) * iat, bursts });
  }
  return rounds;
};

const calibration = (index: number): CalibrationResult => ({
  subExperimentIndex: index, subExperiment: index === 0 ? 'a' : 'b', incrementsPerMs: null, points: [], requestsSent: 0, timedBy: null, problem: null,
});

function journal(entries: { sub: number; round: number; scheduledMs: number; spin: number; bursts: number[] }[], starts: [number, number][]): JournalState {
  const dispatched = new Map<number, Map<number, DispatchedRound>>();
  for (const e of entries) {
    const round: DispatchedRound = { subExperimentIndex: e.sub, round: e.round, scheduledMs: e.scheduledMs, spinIncrements: e.spin, burstIds: e.bursts };
    if (!dispatched.has(e.sub)) dispatched.set(e.sub, new Map());
    for (const id of e.bursts) dispatched.get(e.sub)?.set(id, round);
  }
  return { calibrations: new Map([[0, calibration(0)], [1, calibration(1)]]), starts: new Map(starts), dispatched };
}

const rows = (entries: [number, number, number[]][]) => new Map(entries.map(([sub, burst, indexes]) => [rowKey(sub, burst), new Set(indexes)]));

describe('where a resumed run picks up', () => {
  // a started at 50 and sent rounds 0 (bursts 0, 1 due 150) and 1 (bursts 2, 3 due 250); b started at 80 and sent round 0 (due 1080).
  const killed = journal(
    [
      { sub: 0, round: 0, scheduledMs: 150, spin: 0, bursts: [0, 1] },
      { sub: 0, round: 1, scheduledMs: 250, spin: 7, bursts: [2, 3] },
      { sub: 1, round: 0, scheduledMs: 1080, spin: 0, bursts: [0] },
    ],
    [[0, 50], [1, 80]],
  );
  // Rows: a's burst 2 has one of its two, burst 3 none; the rest complete.
  const written = rows([[0, 0, [0, 1]], [0, 1, [0, 1]], [0, 2, [0]], [1, 0, [0]]]);

  test('dispatched requests without a row are LOST; nothing dispatched is sent again', () => {
    const result = planResume({ experiment: experiment('parallel'), plan, journal: killed, rows: written, nowMs: 10_000, leadMs: 2000 });
    expect(result.lost).toEqual([
      { subExperimentIndex: 0, burstId: 2, round: 1, endpointIndex: 0, size: 2, desiredServiceTimeMs: 0, spinIncrements: 7, scheduledMs: 250, missingIndexes: [1] },
      { subExperimentIndex: 0, burstId: 3, round: 1, endpointIndex: 1, size: 2, desiredServiceTimeMs: 0, spinIncrements: 7, scheduledMs: 250, missingIndexes: [0, 1] },
    ]);
    expect([...(result.resume.dispatched.get(0) ?? [])]).toEqual([0, 1, 2, 3]);
    expect([...(result.resume.dispatched.get(1) ?? [])]).toEqual([0]);
    // a: round 2 (2 bursts of 2); b: rounds 1 and 2 (1 each).
    expect(result.remaining).toEqual({ rounds: 3, bursts: 4, requests: 6 });
    expect(result.recalibrate).toEqual([]);
  });

  test('one shift for every started sub-experiment: their remaining rounds keep their offsets', () => {
    const result = planResume({ experiment: experiment('parallel'), plan, journal: killed, rows: written, nowMs: 10_000, leadMs: 2000 });
    // Next due: a at 50 + 300 = 350, b at 80 + 2000 = 2080; the earliest moves to 10 000 + 2000.
    expect(result.shiftMs).toBe(11_650);
    expect([...result.resume.startMs]).toEqual([[0, 11_700], [1, 11_730]]);
  });

  test('no shift when the next round is still ahead', () => {
    const result = planResume({ experiment: experiment('parallel'), plan, journal: killed, rows: written, nowMs: 100, leadMs: 200 });
    expect(result.shiftMs).toBe(0);
    expect([...result.resume.startMs]).toEqual([[0, 50], [1, 80]]);
  });

  test('sequentially only the sub-experiment in progress moves; the ones after it start afresh', () => {
    const inB = journal(
      [
        { sub: 0, round: 0, scheduledMs: 150, spin: 0, bursts: [0, 1] },
        { sub: 0, round: 1, scheduledMs: 250, spin: 0, bursts: [2, 3] },
        { sub: 0, round: 2, scheduledMs: 350, spin: 0, bursts: [4, 5] },
        { sub: 1, round: 0, scheduledMs: 1500, spin: 0, bursts: [0] },
      ],
      [[0, 50], [1, 500]],
    );
    const all = rows([[0, 0, [0, 1]], [0, 1, [0, 1]], [0, 2, [0, 1]], [0, 3, [0, 1]], [0, 4, [0, 1]], [0, 5, [0, 1]], [1, 0, [0]]]);
    const result = planResume({ experiment: experiment('sequential'), plan, journal: inB, rows: all, nowMs: 5000, leadMs: 1000 });
    expect(result.lost).toEqual([]);
    expect(result.remaining).toEqual({ rounds: 2, bursts: 2, requests: 2 });
    // b's next round (due 500 + 2000) moves to 5000 + 1000.
    expect(result.shiftMs).toBe(3500);
    expect([...result.resume.startMs]).toEqual([[1, 4000]]);
  });

  test('a cancelled or never journaled round is sent; a row without a journal line still proves its burst left', () => {
    const partial = journal([{ sub: 0, round: 0, scheduledMs: 150, spin: 0, bursts: [0, 1] }], [[0, 50]]);
    const result = planResume({ experiment: experiment('parallel'), plan, journal: partial, rows: rows([[0, 0, [0, 1]], [0, 1, [0, 1]], [0, 2, [1]]]), nowMs: 0, leadMs: 0 });
    expect([...(result.resume.dispatched.get(0) ?? [])]).toEqual([0, 1, 2, 3]);
    expect(result.lost.map((l) => [l.burstId, l.missingIndexes, l.scheduledMs])).toEqual([[2, [0], 250], [3, [0, 1], 250]]);
    // b never started: it starts after the resume, and calibrates again if nothing was recorded for it.
    expect(result.resume.startMs.has(1)).toBe(false);
    const uncalibrated = planResume({ experiment: experiment('parallel'), plan, journal: { ...partial, calibrations: new Map([[0, calibration(0)]]) }, rows: new Map(), nowMs: 0 });
    expect(uncalibrated.recalibrate).toEqual([1]);
  });
});
