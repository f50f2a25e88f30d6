import { describe, expect, test } from '@jest/globals';
import { type ColdProbabilityPoint } from '../../../runner/keepalive/cold-probability.js';
import { clopperPearson } from '../../../runner/keepalive/clopper-pearson.js';
import { estimateKeepAlive } from '../../../runner/keepalive/keep-alive-estimate.js';

/** A point of `cold` in `samples` at `idleMs` (samples 0: no data there). */
function point(idleMs: number, cold: number, samples = 10): ColdProbabilityPoint {
  return {
    bin: null,
    idleMs,
    idleRangeMs: [idleMs, idleMs],
    samples,
    cold,
    warm: samples - cold,
    failed: 0,
    unclassified: 0,
    pCold: samples === 0 ? null : cold / samples,
    ci: clopperPearson(cold, samples),
  };
}
const MIN = 60_000;

describe('estimated keep-alive (P crosses 50%)', () => {
  test('the local platform’s step: 0% up to 2 s, 100% from 4 s → 3 s, bracketed by 2 s and 4 s', () => {
    expect(estimateKeepAlive([point(1000, 0), point(2000, 0), point(4000, 10), point(5000, 10)])).toEqual({
      kind: 'crossed',
      estimateMs: 3000,
      bracketMs: [2000, 4000],
      crossings: [{ direction: 'up', bracketMs: [2000, 4000], atIdleMs: 3000 }],
      note: 'P(cold) crosses 50% once, between 2 s and 4 s: keep-alive ≈ 3 s',
    });
  });

  test('linear interpolation: 20% at 1 min, 70% at 2 min → 1 + 0.3/0.5 = 1.6 min; input order does not matter', () => {
    const estimate = estimateKeepAlive([point(2 * MIN, 7), point(1 * MIN, 2), point(30_000, 0)]);
    expect(estimate).toMatchObject({ kind: 'crossed', estimateMs: 96_000, bracketMs: [MIN, 2 * MIN] });
  });

  test('points exactly at 50% belong to the crossing: one → there; two → the middle of them', () => {
    expect(estimateKeepAlive([point(1000, 2), point(2000, 5), point(3000, 9)])).toMatchObject({ kind: 'crossed', estimateMs: 2000, bracketMs: [1000, 3000] });
    expect(estimateKeepAlive([point(1000, 2), point(2000, 5), point(2500, 5), point(3000, 9)])).toMatchObject({ kind: 'crossed', estimateMs: 2250 });
  });

  test('idle times without samples are skipped, not read as 0%', () => {
    expect(estimateKeepAlive([point(MIN, 2), point(2 * MIN, 0, 0), point(3 * MIN, 8)])).toMatchObject({ kind: 'crossed', estimateMs: 2 * MIN, bracketMs: [MIN, 3 * MIN] });
  });

  test('never crossing: below means longer than the longest idle tested, above shorter than the shortest; no estimate either way', () => {
    expect(estimateKeepAlive([point(MIN, 0), point(10 * MIN, 1), point(30 * MIN, 5)])).toEqual({
      kind: 'not-crossed',
      side: 'below',
      testedMs: [MIN, 30 * MIN],
      crossings: [],
      note: 'P(cold) stays at or below 50% from 1 min to 30 min: the keep-alive is longer than the longest idle time tested',
    });
    expect(estimateKeepAlive([point(MIN, 6), point(2 * MIN, 10)])).toMatchObject({
      kind: 'not-crossed',
      side: 'above',
      note: 'P(cold) stays at or above 50% from 1 min to 2 min: the keep-alive is shorter than the shortest idle time tested',
    });
    expect(estimateKeepAlive([point(MIN, 5), point(2 * MIN, 5)])).toMatchObject({ kind: 'not-crossed', side: 'at-threshold' });
  });

  test('crossing more than once: every crossing listed, no single estimate, the bracket spans them all', () => {
    const estimate = estimateKeepAlive([point(1 * MIN, 1), point(2 * MIN, 6), point(3 * MIN, 4), point(4 * MIN, 9)]);
    expect(estimate).toEqual({
      kind: 'ambiguous',
      bracketMs: [MIN, 4 * MIN],
      crossings: [
        { direction: 'up', bracketMs: [MIN, 2 * MIN], atIdleMs: 1.8 * MIN },
        { direction: 'down', bracketMs: [2 * MIN, 3 * MIN], atIdleMs: 2.5 * MIN },
        { direction: 'up', bracketMs: [3 * MIN, 4 * MIN], atIdleMs: 3.2 * MIN },
      ],
      note: 'P(cold) crosses 50% 3 times between 1 min and 4 min: no single estimate; sample more per idle time',
    });
    expect(estimate.kind === 'ambiguous' && estimate.crossings[0]!.atIdleMs).toBeCloseTo(108_000, 9);
  });

  test('a single fall through 50% is not a keep-alive', () => {
    expect(estimateKeepAlive([point(MIN, 9), point(2 * MIN, 1)])).toMatchObject({
      kind: 'ambiguous',
      note: 'P(cold) falls through 50% between 1 min and 2 min: not a keep-alive shape, no estimate',
    });
  });

  test('no samples at all', () => {
    expect(estimateKeepAlive([])).toEqual({ kind: 'no-data', note: 'no idle time has any sample' });
    expect(estimateKeepAlive([point(MIN, 0, 0)])).toMatchObject({ kind: 'no-data' });
  });
});
