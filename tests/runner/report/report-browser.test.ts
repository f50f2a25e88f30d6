import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BrowserContext, chromium } from 'playwright-core';
import { PassThrough } from 'node:stream';
import { buildRunReport, reportCli } from '../../../runner/report/index.js';
import { facetExperiment, facetRecords } from './facet-fixture.js';
import { keepAliveExperiment, keepAliveRecords } from './keepalive-fixture.js';
import { expectPanelsMatchHeaders, readPanels } from './panels-in-browser.js';
import { writeRunFolder } from './run-folder-fixture.js';

/**
 * report.html in a real headless Chromium (Debian's, driven by playwright-core): every chart drawn
 * with its axes, and not one network request besides the file itself. CI installs Chromium with
 * scripts/install-chromium.sh and sets FAASBENCH_REQUIRE_BROWSER=1, so there a missing browser fails;
 * on a laptop without it this one test is skipped with a note. The screenshot lands in
 * test-artifacts/report.png for a human to look at.
 */

const CHROMIUM = '/usr/bin/chromium';
// The flags known to work here (reference: env/machines/node.md); the background-networking ones
// stop Chromium's own calls home, which would otherwise show up as requests (and fail offline).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOT = path.resolve('test-artifacts/report.png');

const haveChromium = existsSync(CHROMIUM);
const requireBrowser = process.env['FAASBENCH_REQUIRE_BROWSER'] === '1';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-report-browser-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('report.html in headless Chromium', () => {
  if (!haveChromium && !requireBrowser) {
    const note = `skipped: ${CHROMIUM} is not installed; run scripts/install-chromium.sh to run this test (CI sets FAASBENCH_REQUIRE_BROWSER=1 and fails instead)`;
    // Jest lists skipped tests only in verbose mode; the note must show in a plain `npm test` too.
    console.warn(`report.html browser test ${note}`);
    test.skip(`renders every chart offline (${note})`, () => {});
    return;
  }

  test('renders every chart with axes, fetches nothing but itself', async () => {
    if (!haveChromium) {
      throw new Error(`FAASBENCH_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: run scripts/install-chromium.sh (it installs Debian's chromium).`);
    }
    const dir = await writeRunFolder(path.join(root, 'results'), { truncateLastRow: true, status: 'interrupted' });
    const { reportPath, plots } = await buildRunReport(dir);
    const pageUrl = pathToFileURL(reportPath).href;

    const userDataDir = await mkdtemp(path.join(root, 'chromium-profile-'));
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      const requests: string[] = [];
      const problems: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await page.goto(pageUrl, { waitUntil: 'load' });

      const charts = await page.$$eval('figure.plot', (figures) =>
        figures.map((figure) => {
          const svg = figure.querySelector('svg');
          const box = svg?.getBoundingClientRect();
          return {
            id: figure.id,
            width: box?.width ?? 0,
            height: box?.height ?? 0,
            marks: svg?.querySelectorAll('path, line, rect, text').length ?? 0,
            axes: svg?.querySelectorAll('g.role-axis').length ?? 0,
            axisLabels: svg?.querySelectorAll('g.role-axis-label text').length ?? 0,
          };
        }),
      );
      expect(charts.map((c) => c.id)).toEqual(plots.map((p) => `plot-${p.name}`));
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.height).toBeGreaterThan(150);
        expect(chart.marks).toBeGreaterThan(20);
        expect(chart.axes).toBeGreaterThanOrEqual(2);
        expect(chart.axisLabels).toBeGreaterThan(4);
      }
      expect(await page.title()).toContain('memory-sweep');
      expect(await page.locator('table.summary tbody tr').count()).toBeGreaterThan(3);

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      expect(requests).toEqual([pageUrl]);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  test('every panel of every faceted chart shows the data its row and column headers name, also where classes are missing', async () => {
    if (!haveChromium) throw new Error(`FAASBENCH_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: run scripts/install-chromium.sh.`);
    const experiment = facetExperiment();
    const results = path.join(root, 'facets');
    // Run b has no pre-initialised request: the comparison's prewarmed × cold-preinit panel has run a's curve alone.
    const a = await writeRunFolder(results, { experiment, records: facetRecords(experiment), runId: '2026-11-23T10-00-00Z-aaaa' });
    const b = await writeRunFolder(results, { experiment, records: facetRecords(experiment, { variant: 1, skip: ['cold-preinit'] }), runId: '2026-11-24T10-00-00Z-bbbb' });
    const out = new PassThrough();
    out.resume();
    const status = await reportCli([a, b], { stdout: out, stderr: out }, { now: () => new Date(Date.UTC(2026, 10, 25, 9, 30, 0)), randomSuffix: () => 'f00d' });
    expect(status).toBe(0);
    const { plots } = await buildRunReport(a);
    expect(plots.map((p) => p.name)).toEqual(['cdf-linear', 'cdf-log', 'timeline', 'histogram', 'factor-memory-mb']);
    const comparisonReport = path.join(results, 'facets', 'comparison-2026-11-25T09-30-00Z-f00d', 'report.html');

    await withBrowser(async (context) => {
      const page = await context.newPage();
      await page.goto(pathToFileURL(path.join(a, 'report.html')).href, { waitUntil: 'load' });
      const runPanels = await readPanels(page);
      expectPanelsMatchHeaders(runPanels, plots);
      // The histogram has a cell for every sub-experiment × class: 3 × 3, four of them empty.
      expect(runPanels.filter((p) => p.figureId === 'plot-histogram')).toHaveLength(9);
      expect(runPanels.filter((p) => p.figureId === 'plot-histogram' && p.marks.length === 0)).toHaveLength(4);

      await page.goto(pathToFileURL(comparisonReport).href, { waitUntil: 'load' });
      const specs = await comparisonSpecs(path.dirname(comparisonReport));
      const comparisonPanels = await readPanels(page);
      expectPanelsMatchHeaders(comparisonPanels, specs);
      expect(comparisonPanels.filter((p) => p.figureId === 'plot-cdf-log')).toHaveLength(9);
    });
  }, 90_000);
});

describe('a keep-alive study in report.html, in headless Chromium', () => {
  if (!haveChromium && !requireBrowser) {
    test.skip(`shows the keep-alive chart (skipped: ${CHROMIUM} is not installed)`, () => {});
    return;
  }

  test('shows the estimate, the table and the chart with its axes, its points and their intervals, fetching nothing', async () => {
    if (!haveChromium) throw new Error(`FAASBENCH_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: run scripts/install-chromium.sh.`);
    const experiment = keepAliveExperiment('local');
    const dir = await writeRunFolder(path.join(root, 'keep-alive'), { experiment, records: keepAliveRecords(experiment) });
    const { reportPath } = await buildRunReport(dir);
    const pageUrl = pathToFileURL(reportPath).href;
    await withBrowser(async (context) => {
      const page = await context.newPage();
      const requests: string[] = [];
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(pageUrl, { waitUntil: 'load' });
      const chart = await page.$eval('figure#plot-keep-alive', (figure) => {
        const svg = figure.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        return {
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          axes: svg?.querySelectorAll('g.role-axis').length ?? 0,
          axisTitles: [...(svg?.querySelectorAll('g.role-axis-title text') ?? [])].map((t) => t.textContent),
          points: svg?.querySelectorAll('g.mark-symbol.role-mark path').length ?? 0,
          rules: svg?.querySelectorAll('g.mark-rule.role-mark line').length ?? 0,
          shaded: svg?.querySelectorAll('g.mark-rect.role-mark path').length ?? 0,
        };
      });
      expect(chart.width).toBeGreaterThan(300);
      expect(chart.height).toBeGreaterThan(150);
      expect(chart.axes).toBeGreaterThanOrEqual(2);
      expect(chart.axisTitles).toEqual(expect.arrayContaining(["idle time since the replica's previous request (min)", 'P(cold)']));
      // Three points; three interval bars, the 50% rule, the configured keep-alive and the estimate; the bracket.
      expect([chart.points, chart.rules, chart.shaded]).toEqual([3, 6, 1]);
      expect(await page.locator('table.keep-alive tbody tr').count()).toBe(3);
      expect(await page.locator('p.estimate').textContent()).toContain('Estimated keep-alive: about 5 min');
      expect(requests).toEqual([pageUrl]);
    });
  }, 60_000);
});

async function withBrowser(use: (context: BrowserContext) => Promise<void>): Promise<void> {
  const userDataDir = await mkdtemp(path.join(root, 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  try {
    await use(context);
  } finally {
    await context.close();
  }
}

/** The comparison's plots as the run report returns them: a name and the spec written next to the SVG. */
async function comparisonSpecs(dir: string): Promise<{ name: string; spec: unknown }[]> {
  const names = ['cdf-linear', 'cdf-log'];
  return Promise.all(names.map(async (name) => ({ name, spec: JSON.parse(await readFile(path.join(dir, 'plots', `${name}.vl.json`), 'utf8')) as unknown })));
}
