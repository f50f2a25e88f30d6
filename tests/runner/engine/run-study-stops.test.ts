import { describe, expect, test } from '@jest/globals';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { ExperimentOutput } from '../../../infra/outputs.js';
import type { CalibrationResult, RunEvent } from '../../../runner/engine/events.js';
import { runStudy } from '../../../runner/engine/run-study.js';
import type { BurstSpec, DispatchJournal, PlannedRound, StudyDeps } from '../../../runner/engine/study-deps.js';
import { outputsFixture } from '../fixtures.js';
import { experiment, fakeWorld, record } from './fake-world.js';

const endpointsOf = (exp: ReturnType<typeof experiment>) => outputsFixture(exp).experiments[0] as ExperimentOutput;
const ids = (specs: readonly BurstSpec[]) => specs.map((s) => `${s.sub.title}${s.burstId}`).join(',');

/** A journal that writes its calls into `timeline`, next to the bursts the world fired. */
function recordingJournal(timeline: string[], onWillFire?: (specs: readonly BurstSpec[]) => void): DispatchJournal {
  return {
    calibrated: (c) => timeline.push(`calibrated ${c.subExperiment}`),
    subStarted: (sub, startMs) => timeline.push(`start ${sub} at ${startMs}`),
    willFire: (specs) => {
      timeline.push(`will fire ${ids(specs)} due ${specs[0]?.scheduledMs}`);
      onWillFire?.(specs);
    },
    cancelled: (specs) => timeline.push(`cancelled ${ids(specs)}`),
  };
}

describe('stopping the study engine', () => {
  test('a soft stop sends no further round; the requests in flight get their real answers', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const soft = new AbortController();
    const events: RunEvent[] = [];
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, signal: soft.signal, abortSignal: new AbortController().signal,
      emit: (e) => {
        events.push(e);
        if (e.type === 'burst-start') soft.abort(new Error('interrupted by SIGINT'));
      },
    });
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'interrupted', reason: 'interrupted by SIGINT' });
    // b's round at 40 was the only one sent; its 3 requests answered as they would have.
    expect(world.fired.map((f) => `${f.spec.sub.title}${f.spec.burstId}`)).toEqual(['b0']);
    const records = events.flatMap((e) => (e.type === 'request' ? [e.record] : []));
    expect(records.map((r) => r.errorCode)).toEqual([null, 'HTTP_500', null]);
  });

  test('a hard stop ends the requests in flight at once, as ABORTED', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const soft = new AbortController();
    const hard = new AbortController();
    const events: RunEvent[] = [];
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, signal: soft.signal, abortSignal: hard.signal,
      emit: (e) => {
        events.push(e);
        if (e.type === 'burst-start') soft.abort(new Error('interrupted by SIGINT'));
      },
    });
    await world.runClock();
    hard.abort(new Error('interrupted by SIGINT'));
    expect(await run).toEqual({ status: 'interrupted', reason: 'interrupted by SIGINT' });
    expect(events.flatMap((e) => (e.type === 'request' ? [e.record.errorCode] : []))).toEqual(['ABORTED', 'ABORTED', 'ABORTED']);
  });

  test('a stop after the last round left, whose answers all came, is a completed run', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const soft = new AbortController();
    let started = 0;
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, signal: soft.signal, abortSignal: new AbortController().signal,
      emit: (e) => {
        if (e.type === 'burst-start' && ++started === 6) soft.abort(new Error('interrupted by SIGTERM'));
      },
    });
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'completed', reason: null });
  });
});

describe('the dispatch journal, as the engine keeps it', () => {
  test('calibration, start, and each round before it fires', async () => {
    const world = fakeWorld();
    const exp = experiment('sequential');
    const timeline: string[] = [];
    const journal = recordingJournal(timeline);
    const { willFire } = journal;
    // A round is in the journal before any of its bursts has fired.
    journal.willFire = (specs) => {
      willFire(specs);
      timeline.push(`fired so far ${world.fired.length}`);
    };
    const run = runStudy({ experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, emit: () => {}, signal: new AbortController().signal, journal });
    await world.runClock();
    world.release();
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'completed', reason: null });
    expect(timeline).toEqual([
      'calibrated a', 'start 0 at 0',
      'will fire a0,a1 due 100', 'fired so far 0',
      'will fire a2,a3 due 200', 'fired so far 2',
      'will fire a4 due 300', 'fired so far 4',
      'calibrated b', 'start 1 at 300',
      'will fire b0 due 340', 'fired so far 5',
    ]);
  });

  test('a round announced and then stopped before it fires is cancelled', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const soft = new AbortController();
    const timeline: string[] = [];
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, emit: () => {}, signal: soft.signal,
      journal: recordingJournal(timeline, () => soft.abort(new Error('interrupted by SIGINT'))),
    });
    await world.runClock();
    expect(await run).toMatchObject({ status: 'interrupted' });
    expect(world.fired).toEqual([]);
    expect(timeline.filter((line) => line.startsWith('will') || line.startsWith('cancelled'))).toEqual(['will fire b0 due 40', 'cancelled b0']);
  });

  test('a journal that cannot be written fails the run and stops every sub-experiment', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const journal = recordingJournal([], (specs) => {
      if (specs[0]?.sub.title === 'b') throw new Error('the dispatch journal j could not be written (ENOSPC), so no further round is sent');
    });
    const run = runStudy({ experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, emit: () => {}, signal: new AbortController().signal, journal });
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'failed', reason: 'the dispatch journal j could not be written (ENOSPC), so no further round is sent' });
    // b failed at its first round (due 40), before a's first (due 100): nothing left.
    expect(world.fired).toEqual([]);
  });
});

describe('a resumed study', () => {
  test('dispatched rounds are skipped, calibrations reused, remaining rounds timed from the moved start', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const calibration = (index: number, title: string): CalibrationResult => ({
      subExperimentIndex: index, subExperiment: title, incrementsPerMs: 1000, requestsSent: 3, timedBy: 'function', problem: null,
      points: [{ desiredServiceTimeMs: 0, spinIncrements: 0, achievedServiceTimeMs: 0 }, { desiredServiceTimeMs: 7, spinIncrements: 6500, achievedServiceTimeMs: 7 }],
    });
    const timeline: string[] = [];
    const events: RunEvent[] = [];
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, emit: (e) => events.push(e), signal: new AbortController().signal,
      journal: recordingJournal(timeline),
      resume: {
        calibrations: new Map([[0, calibration(0, 'a')], [1, calibration(1, 'b')]]),
        dispatched: new Map([[0, new Set([0, 1, 2, 3])], [1, new Set<number>()]]),
        startMs: new Map([[0, 5000]]),
      },
    });
    await world.runClock();
    world.release();
    expect(await run).toEqual({ status: 'completed', reason: null });
    expect(world.calibrations.count).toBe(0);
    expect(events.filter((e) => e.type === 'calibration')).toEqual([]);
    // a: only round 2 (burst 4, 7 ms wanted: the recorded 6500 increments), due 5000 + 300; b: not started before, from now.
    expect(world.fired.map((f) => [f.spec.sub.title, f.spec.burstId, f.spec.scheduledMs, f.spec.spinIncrements])).toEqual([['b', 0, 40, 0], ['a', 4, 5300, 0]]);
    expect(timeline).toContain('start 0 at 5000');
    expect(timeline).toContain('start 1 at 0');
  });

  test('a sub-experiment with nothing left does nothing at all', async () => {
    const world = fakeWorld();
    const exp = experiment('parallel');
    const run = runStudy({
      experiment: exp, endpoints: endpointsOf(exp), deps: world.deps, emit: () => {}, signal: new AbortController().signal,
      resume: { calibrations: new Map(), dispatched: new Map([[0, new Set([0, 1, 2, 3, 4])], [1, new Set([0])]]), startMs: new Map() },
    });
    await world.runClock();
    expect(await run).toEqual({ status: 'completed', reason: null });
    expect([world.fired.length, world.calibrations.count]).toEqual([0, 0]);
  });
});

describe('memory over a long run', () => {
  test('the engine keeps nothing per finished burst', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const ROUNDS = 120_000;
    const exp = experiment('parallel');
    const one = { ...exp, subExperiments: [exp.subExperiments[1] as (typeof exp.subExperiments)[number]] };
    let now = 0;
    const rounds: PlannedRound[] = Array.from({ length: ROUNDS }, (_, round) => ({
      round, offsetMs: (round + 1) * 10, bursts: [{ burstId: round, endpointIndex: 0, size: 1, desiredServiceTimeMs: 0 }],
    }));
    const deps: StudyDeps = {
      now: () => now,
      waitUntil: async (target) => {
        now = Math.max(now, target);
      },
      plan: () => rounds,
      calibrate: async (sub) => ({ subExperimentIndex: sub.index, subExperiment: sub.title, incrementsPerMs: null, points: [], requestsSent: 0, timedBy: null, problem: null }),
      prepareBurst: async (spec) => ({ spec, fire: () => [Promise.resolve(record(spec, 0, now))] }),
    };
    const heap: number[] = [];
    let ended = 0;
    await runStudy({
      experiment: one, endpoints: endpointsOf(exp), deps, signal: new AbortController().signal,
      emit: (e) => {
        if (e.type !== 'burst-end') return;
        ended += 1;
        if (ended === ROUNDS / 4 || ended === (3 * ROUNDS) / 4) {
          gc();
          heap.push(v8.getHeapStatistics().used_heap_size);
        }
      },
    });
    // 60 000 finished bursts between the two readings: kept, even a settled promise each would be megabytes.
    expect((heap[1] as number) - (heap[0] as number)).toBeLessThan(1_500_000);
  }, 60_000);
});
