import { describe, expect, test } from '@jest/globals';
import { renderSvg, scopeSvgIds } from '../../../runner/report/render-svg.js';
import { runPlotDefinitions } from '../../../runner/report/run-plots.js';
import { comparisonCdfSpec } from '../../../runner/report/specs/comparison-cdf-spec.js';
import { statisticsRows } from '../../../runner/stats/index.js';
import { memorySweepExperiment, syntheticRecords } from './run-folder-fixture.js';

const experiment = memorySweepExperiment();
const records = syntheticRecords(experiment);
const plots = runPlotDefinitions({ requests: records, rows: statisticsRows(records), experiment });

describe('SVG rendering without a browser', () => {
  test('the run has all five charts', () => {
    expect(plots.map((p) => p.name)).toEqual(['cdf-linear', 'cdf-log', 'timeline', 'histogram', 'factor-memory-mb']);
  });

  test.each(plots.map((plot) => [plot.name, plot] as const))('%s: a standalone SVG with title, axes and marks, and no warnings', async (name, plot) => {
    const { svg, warnings } = await renderSvg(plot.spec, name);
    expect(warnings).toEqual([]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg.length).toBeGreaterThan(5000);
    expect(svg).toMatch(/role-axis"/);
    expect(svg).toMatch(/role-axis-label/);
    expect(svg).toMatch(/role-title-text/);
    expect(svg).toMatch(/<path|<line|<rect/);
    // Everything needed to read the chart is in the file: no references outside it.
    expect(svg).not.toMatch(/(href|src)="(https?:|\/\/)/);
  });

  test('the comparison CDF renders too', async () => {
    const { svg, warnings } = await renderSvg(comparisonCdfSpec([{ label: 'a', requests: records }, { label: 'b', requests: records.slice(10) }], 'log'), 'cmp');
    expect(warnings).toEqual([]);
    expect(svg).toMatch(/role-axis"/);
    expect(svg).toMatch(/role-legend/);
  });
});

describe('SVG ids', () => {
  test('every id and reference gets the chart prefix, so charts inlined on one page do not clash', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath><linearGradient id="g"/></defs><g clip-path="url(#clip1)"><rect fill="url(#g)"/><use href="#g"/><use xlink:href="#clip1"/></g></svg>';
    expect(scopeSvgIds(svg, 'cdf-log')).toBe(
      '<svg><defs><clipPath id="cdf-log-clip1"><rect/></clipPath><linearGradient id="cdf-log-g"/></defs><g clip-path="url(#cdf-log-clip1)"><rect fill="url(#cdf-log-g)"/><use href="#cdf-log-g"/><use xlink:href="#cdf-log-clip1"/></g></svg>',
    );
    expect(() => scopeSvgIds(svg, 'bad prefix"')).toThrow(RangeError);
  });

  test('clipped charts carry prefixed clip paths', async () => {
    const cdf = plots.find((p) => p.name === 'cdf-log');
    if (cdf === undefined) throw new Error('no cdf-log plot');
    const { svg } = await renderSvg(cdf.spec, 'cdf-log');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id?.startsWith('cdf-log-')).toBe(true);
  });
});
