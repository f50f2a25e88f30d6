import { describe, expect, test } from '@jest/globals';
import type { RequestRecord } from '../../../runner/results/request-record.js';
import { cdfData, cdfSpec } from '../../../runner/report/specs/cdf-spec.js';
import { comparisonCdfSpec } from '../../../runner/report/specs/comparison-cdf-spec.js';
import { factorData, factorSpec } from '../../../runner/report/specs/factor-spec.js';
import { histogramSpec } from '../../../runner/report/specs/histogram-spec.js';
import { timelineSpec } from '../../../runner/report/specs/timeline-spec.js';
import { runPlotDefinitions } from '../../../runner/report/run-plots.js';
import { detectSweepFactors } from '../../../runner/report/sweep-factor.js';
import { statisticsRows } from '../../../runner/stats/index.js';
import { experimentFixture } from '../fixtures.js';
import { failedRecordFixture, recordFixture } from '../results/records.js';

/** The spec as plain JSON, so tests read it the way vega-lite does. */
const json = (spec: unknown): Record<string, any> => JSON.parse(JSON.stringify(spec));

const records: RequestRecord[] = [
  recordFixture({ latencyMs: 20, burstId: 0 }),
  recordFixture({ latencyMs: 10, burstId: 1 }),
  recordFixture({ latencyMs: 300, burstId: 2, requestClass: 'cold', coldStart: true }),
  failedRecordFixture('TIMEOUT', { burstId: 3, latencyMs: 5000 }),
  recordFixture({ subExperimentIndex: 1, subExperiment: 'cold', latencyMs: 450, requestClass: 'cold', memoryMb: 1024 }),
];

describe('CDF spec', () => {
  test('step lines per sub-experiment panel, coloured by class, ok requests only', () => {
    const spec = json(cdfSpec(records, 'linear'));
    // Panels keyed by index (natural order, no aggregated sort: see facets.ts), headed by the label.
    expect(spec['facet']).toMatchObject({ field: 'subExperimentIndex', header: { labelExpr: '["warm","cold"][indexof([0,1], datum.value)]' } });
    expect(spec['facet'].sort).toBeUndefined();
    expect(spec['spec'].mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    expect(spec['spec'].encoding.x).toMatchObject({ field: 'latencyMs', type: 'quantitative', scale: { zero: true } });
    expect(spec['spec'].encoding.y).toMatchObject({ field: 'fraction', scale: { domain: [0, 1] } });
    expect(spec['spec'].encoding.color.scale).toEqual({ domain: ['cold', 'warm'], range: ['#1f5fa8', '#e07b24'] });
    const data = cdfData(records);
    // The timeout's 5000 ms is not a latency of the platform.
    expect(data.some((d) => d.latencyMs === 5000)).toBe(false);
    expect(data.filter((d) => d.subExperimentIndex === 0 && d.class === 'warm').map((d) => [d.latencyMs, d.fraction])).toEqual([
      [10, 0],
      [10, 0.5],
      [20, 1],
    ]);
  });

  test('the log variant differs only in the x scale and titles', () => {
    const linear = json(cdfSpec(records, 'linear'));
    const log = json(cdfSpec(records, 'log'));
    expect(log['spec'].encoding.x.scale).toEqual({ type: 'log' });
    expect(log['title'].text).toMatch(/log scale/);
    expect(log['data']).toEqual(linear['data']);
  });
});

describe('timeline spec', () => {
  test('rule for the range and point for the median, per burst over time, errors as red crosses', () => {
    const spec = json(timelineSpec(records));
    const [rule, point] = spec['spec'].layer;
    expect(rule.mark.type).toBe('rule');
    expect(rule.encoding).toMatchObject({ x: { field: 'dispatchedS' }, y: { field: 'minMs', scale: { type: 'log' } }, y2: { field: 'maxMs' } });
    expect(point.mark.type).toBe('point');
    expect(point.encoding.y.field).toBe('medianMs');
    expect(point.encoding.color.scale).toEqual({ domain: ['cold', 'warm', 'error'], range: ['#1f5fa8', '#e07b24', '#c0262d'] });
    expect(point.encoding.shape.scale).toEqual({ domain: ['cold', 'warm', 'error'], range: ['circle', 'circle', 'cross'] });
    expect(spec['data'].values.filter((d: { outcome: string }) => d.outcome === 'error')).toHaveLength(1);
    expect(spec['facet'].row.field).toBe('subExperimentIndex');
  });
});

describe('histogram spec', () => {
  test('precomputed bins as bars from zero, a panel per sub-experiment and class, independent scales', () => {
    const spec = json(histogramSpec(records));
    expect(spec['spec'].mark.type).toBe('bar');
    expect(spec['spec'].encoding).toMatchObject({ x: { field: 'startMs' }, x2: { field: 'endMs' }, y: { field: 'count' }, y2: { datum: 0 } });
    expect(spec['facet']).toMatchObject({ row: { field: 'subExperimentIndex' }, column: { field: 'classRank' } });
    expect(spec['resolve'].scale).toEqual({ x: 'independent', y: 'independent' });
    const total = spec['data'].values.reduce((n: number, d: { count: number }) => n + d.count, 0);
    expect(total).toBe(records.filter((r) => r.ok).length);
  });
});

describe('sweep factor detection', () => {
  const sub = (title: string, extra: Record<string, unknown>) => ({ title, bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 }, ...extra });

  test('package size, memory, runtime and burst size sweeps are found; constant fields are not', () => {
    const images = experimentFixture('x.json', { subExperiments: [sub('a', { packageSizeMb: 0 }), sub('b', { packageSizeMb: 50 }), sub('c', { packageSizeMb: 100 })] });
    expect(detectSweepFactors(images, []).map((f) => f.name)).toEqual(['packageSizeMb']);
    expect([...(detectSweepFactors(images, [])[0]?.values ?? [])]).toEqual([
      [0, 0],
      [1, 50],
      [2, 100],
    ]);
    const bursts = experimentFixture('x.json', { subExperiments: [sub('a', { burstSizes: [1] }), sub('b', { burstSizes: [10] })] });
    expect(detectSweepFactors(bursts, []).map((f) => f.name)).toEqual(['burstSize']);
    const runtimes = experimentFixture('x.json', { subExperiments: [sub('a', { runtime: 'nodejs22' }), sub('b', { runtime: 'python3.12' })] });
    expect(detectSweepFactors(runtimes, []).map((f) => [f.name, f.quantitative])).toEqual([['runtime', false]]);
  });

  test('no sweep for one sub-experiment, equal values, or a sub-experiment cycling several burst sizes', () => {
    expect(detectSweepFactors(experimentFixture('x.json', { subExperiments: [sub('a', {})] }), [])).toEqual([]);
    expect(detectSweepFactors(experimentFixture('x.json', { subExperiments: [sub('a', {}), sub('b', {})] }), [])).toEqual([]);
    const mixed = experimentFixture('x.json', { subExperiments: [sub('a', { burstSizes: [2] }), sub('b', { burstSizes: [1, 2] })] });
    expect(detectSweepFactors(mixed, [])).toEqual([]);
  });

  test('without the resolved experiment, from what the functions reported (failed requests ignored)', () => {
    const factors = detectSweepFactors(null, records);
    expect(factors.map((f) => f.name)).toEqual(['memoryMb']);
    expect([...(factors[0]?.values ?? [])]).toEqual([
      [0, 256],
      [1, 1024],
    ]);
  });

  test('factor chart: median and p99 per class against the factor, numeric factors joined by lines', () => {
    const factor = detectSweepFactors(null, records)[0];
    if (factor === undefined) throw new Error('expected a memory sweep');
    const rows = statisticsRows(records);
    expect(factorData(rows, factor)).toContainEqual({ subExperimentIndex: 1, subExperiment: 'cold', factorValue: 1024, class: 'cold', statistic: 'median', latencyMs: 450 });
    const spec = json(factorSpec(rows, factor));
    expect(spec['spec'].layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['line', 'point']);
    expect(spec['spec'].layer[0].encoding).toMatchObject({ x: { field: 'factorValue', type: 'quantitative' }, strokeDash: { field: 'statistic' } });
    expect(spec['facet'].column.field).toBe('classRank');
    const nominal = json(factorSpec(rows, { ...factor, quantitative: false }));
    expect(nominal['spec'].layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['point']);
    expect(nominal['spec'].layer[0].encoding.x).toMatchObject({ type: 'nominal', sort: ['256', '1024'] });
  });
});

describe('plots of a run', () => {
  test('CDF linear and log, timeline, histogram, and a factor chart when the experiment sweeps one', () => {
    const rows = statisticsRows(records);
    expect(runPlotDefinitions({ requests: records, rows, experiment: null }).map((p) => p.name)).toEqual([
      'cdf-linear',
      'cdf-log',
      'timeline',
      'histogram',
      'factor-memory-mb',
    ]);
  });

  test('only the timeline when every request failed, nothing without requests', () => {
    const failed = [failedRecordFixture('ECONNREFUSED')];
    expect(runPlotDefinitions({ requests: failed, rows: statisticsRows(failed), experiment: null }).map((p) => p.name)).toEqual(['timeline']);
    expect(runPlotDefinitions({ requests: [], rows: [], experiment: null })).toEqual([]);
  });

  test('comparison CDF: rows sub-experiments, columns classes, one colour per run', () => {
    const spec = json(comparisonCdfSpec([{ label: 'run-a', requests: records }, { label: 'run-b', requests: records.slice(0, 2) }], 'log'));
    expect(spec['facet']).toMatchObject({ row: { field: 'subExperimentIndex' }, column: { field: 'classRank' } });
    expect(spec['spec'].encoding.color).toMatchObject({ field: 'run', sort: ['run-a', 'run-b'] });
    expect(spec['spec'].encoding.x.scale).toEqual({ type: 'log' });
    expect(new Set(spec['data'].values.map((d: { run: string }) => d.run))).toEqual(new Set(['run-a', 'run-b']));
  });
});
