import { describe, expect, test } from '@jest/globals';
import type { RequestClass, RequestRecord } from '../../../runner/results/request-record.js';
import { renderSvg } from '../../../runner/report/render-svg.js';
import { cdfSpec } from '../../../runner/report/specs/cdf-spec.js';
import { comparisonCdfSpec } from '../../../runner/report/specs/comparison-cdf-spec.js';
import { factorSpec } from '../../../runner/report/specs/factor-spec.js';
import { histogramSpec } from '../../../runner/report/specs/histogram-spec.js';
import { timelineSpec } from '../../../runner/report/specs/timeline-spec.js';
import { detectSweepFactors } from '../../../runner/report/sweep-factor.js';
import { statisticsRows } from '../../../runner/stats/index.js';
import { recordFixture } from '../results/records.js';

/**
 * Facet layout without a browser: panels keyed by numbers in their natural order, never sorted by an
 * aggregate (which is what put panels under the wrong headers when a cell was empty), headers in
 * index order even past ten sub-experiments (numbers, not text: 2 before 10), classes in
 * REQUEST_CLASSES order. The browser test checks each panel's data against its headers.
 */

const json = (spec: unknown): Record<string, any> => JSON.parse(JSON.stringify(spec));

// Twelve sub-experiments, titled so that text order differs from index order; each lacks some class.
const CLASSES_BY_SUB: readonly RequestClass[][] = [['warm'], ['cold'], ['cold', 'warm'], ['cold-preinit', 'warm']];
const records: RequestRecord[] = Array.from({ length: 12 }, (_, index) =>
  (CLASSES_BY_SUB[index % 4] ?? []).map((requestClass, i) =>
    recordFixture({ subExperimentIndex: index, subExperiment: `s${11 - index}`, requestClass, latencyMs: 10 + index + i * 100, memoryMb: 128 * (index + 1), burstId: i }),
  ),
).flat();
const labelsInIndexOrder = Array.from({ length: 12 }, (_, index) => `s${11 - index}`);

/** Header texts of one kind in the order drawn (rows top to bottom, columns left to right). */
function headerTexts(svg: string, role: 'row' | 'column'): string[] {
  const group = svg.split(`role-${role}-header`)[1]?.split(/role-(?:column|row)-(?:header|footer)|role-scope cell/)[0] ?? '';
  return [...group.matchAll(/aria-label="Title text '([^']*)'"/g)].map((m) => m[1] ?? '');
}

describe('facets', () => {
  const specs = {
    histogram: json(histogramSpec(records)),
    comparison: json(comparisonCdfSpec([{ label: 'a', requests: records }, { label: 'b', requests: records }], 'log')),
    cdf: json(cdfSpec(records, 'linear')),
    timeline: json(timelineSpec(records)),
    factor: json(factorSpec(statisticsRows(records), detectSweepFactors(null, records)[0] ?? (undefined as never))),
  };

  test('no chart orders its panels by an aggregate or a list', () => {
    for (const [name, spec] of Object.entries(specs)) {
      const channels = spec['facet'].field === undefined ? Object.values(spec['facet']) : [spec['facet']];
      for (const channel of channels as Record<string, unknown>[]) {
        expect({ name, field: channel['field'], sort: channel['sort'] }).toEqual({ name, field: expect.stringMatching(/^(subExperimentIndex|classRank)$/), sort: undefined });
      }
    }
  });

  test('rows follow the sub-experiment index, columns the class order, with a cell for every pair', async () => {
    const { svg, warnings } = await renderSvg(specs.histogram as never, 'h');
    expect(warnings).toEqual([]);
    expect(headerTexts(svg, 'row')).toEqual(labelsInIndexOrder);
    expect(headerTexts(svg, 'column')).toEqual(['cold', 'cold-preinit', 'warm']);
    const cells = svg.split('role-scope cell')[1] ?? '';
    expect(cells.match(/<path class="background"[^>]*stroke="#d9d9d9"/g)).toHaveLength(12 * 3);
  });

  test('wrapped CDF panels and timeline rows are titled in index order', async () => {
    const cdf = (await renderSvg(specs.cdf as never, 'c')).svg;
    const titles = [...(cdf.split('role-scope cell')[1] ?? '').matchAll(/aria-label="Title text '([^']*)'"/g)].map((m) => m[1]);
    // The chart's own title comes after the panels.
    expect(titles.filter((title) => title !== specs.cdf['title'].text)).toEqual(labelsInIndexOrder);
    expect(headerTexts((await renderSvg(specs.timeline as never, 't')).svg, 'row')).toEqual(labelsInIndexOrder);
    expect(headerTexts((await renderSvg(specs.factor as never, 'f')).svg, 'column')).toEqual(['cold', 'cold-preinit', 'warm']);
  });
});
