import { describe, expect, test } from '@jest/globals';
import { coldProbabilityByIdle, type KeepAliveSample } from '../../../runner/keepalive/cold-probability.js';
import type { RequestClass } from '../../../runner/results/request-record.js';

const samples = (idleMs: number | null, requestClass: RequestClass, count: number, ok = true): KeepAliveSample[] =>
  Array.from({ length: count }, () => ({ idleMs, requestClass, ok }));

describe('P(cold | idle time)', () => {
  test('per planned idle time: k/n over classified answers, exact 95% interval, failures and unknowns counted apart', () => {
    const curve = coldProbabilityByIdle(
      [
        ...samples(120_000, 'cold', 2),
        ...samples(120_000, 'cold-preinit', 1),
        ...samples(120_000, 'warm', 7),
        ...samples(60_000, 'warm', 9),
        ...samples(60_000, 'cold', 1),
        ...samples(60_000, 'unknown', 1, false),
        ...samples(60_000, 'unknown', 1),
        ...samples(null, 'cold', 2),
        ...samples(-5, 'warm', 1),
      ],
      { kind: 'exact' },
    );
    expect(curve.withoutIdle).toBe(2);
    expect(curve.busy).toBe(1);
    expect(curve.outsideBins).toBe(0);
    expect(curve.points.map(({ ci, ...rest }) => rest)).toEqual([
      { bin: null, idleMs: 60_000, idleRangeMs: [60_000, 60_000], samples: 10, cold: 1, warm: 9, failed: 1, unclassified: 1, pCold: 0.1 },
      // cold-preinit is a new instance too: 3 of 10.
      { bin: null, idleMs: 120_000, idleRangeMs: [120_000, 120_000], samples: 10, cold: 3, warm: 7, failed: 0, unclassified: 0, pCold: 0.3 },
    ]);
    // scipy.stats.beta.ppf: 1/10 → [0.0025285785444617848, 0.4450161170281954]; 3/10 → [0.06673951117773447, 0.6524528500599973].
    expect(curve.points[0]!.ci.lower).toBeCloseTo(0.0025285785444617848, 10);
    expect(curve.points[0]!.ci.upper).toBeCloseTo(0.4450161170281954, 10);
    expect(curve.points[1]!.ci.lower).toBeCloseTo(0.06673951117773447, 10);
    expect(curve.points[1]!.ci.upper).toBeCloseTo(0.6524528500599973, 10);
  });

  test('measured idle times in bins [edge_i, edge_i+1): the point sits at the median idle of its requests', () => {
    const curve = coldProbabilityByIdle(
      [
        { idleMs: 0, requestClass: 'warm', ok: true },
        { idleMs: 400, requestClass: 'warm', ok: true },
        { idleMs: 999.9, requestClass: 'cold', ok: true },
        { idleMs: 1000, requestClass: 'cold', ok: true },
        { idleMs: 1999, requestClass: 'cold', ok: true },
        { idleMs: 2000, requestClass: 'cold', ok: true },
      ],
      { kind: 'bins', edgesMs: [0, 1000, 2000] },
    );
    expect(curve.outsideBins).toBe(1);
    expect(curve.points.map((point) => [point.bin, point.idleMs, point.idleRangeMs, point.cold, point.samples])).toEqual([
      [0, 400, [0, 999.9], 1, 3],
      [1, 1499.5, [1000, 1999], 2, 2],
    ]);
  });

  test('an idle time whose requests all failed is a point without samples, P null and interval [0, 1]', () => {
    const [point] = coldProbabilityByIdle(samples(300_000, 'unknown', 4, false), { kind: 'exact' }).points;
    expect(point).toMatchObject({ samples: 0, failed: 4, pCold: null, ci: { lower: 0, upper: 1 } });
  });

  test('bin edges must increase', () => {
    expect(() => coldProbabilityByIdle([], { kind: 'bins', edgesMs: [0] })).toThrow('at least two edges');
    expect(() => coldProbabilityByIdle([], { kind: 'bins', edgesMs: [0, 10, 10] })).toThrow('edges must increase, got 10 then 10');
  });
});
