import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { buildHistorySite, mergeIntoHistory, writeSyntheticRun } from '../../../runner/history/index.js';

/**
 * The history site in headless Chromium, as the report's browser test does it: every chart drawn,
 * the marked change visible, the latest report reachable by its link, and nothing fetched but the
 * local files. CI requires the browser (FAASBENCH_REQUIRE_BROWSER=1); elsewhere a missing one skips.
 */

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SCREENSHOT = path.resolve('test-artifacts/history.png');
const haveChromium = existsSync(CHROMIUM);
const requireBrowser = process.env['FAASBENCH_REQUIRE_BROWSER'] === '1';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-history-browser-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('history site in headless Chromium', () => {
  if (!haveChromium && !requireBrowser) {
    const note = `skipped: ${CHROMIUM} is not installed; run scripts/install-chromium.sh (CI sets FAASBENCH_REQUIRE_BROWSER=1 and fails instead)`;
    console.warn(`history site browser test ${note}`);
    test.skip(`renders the history (${note})`, () => {});
    return;
  }

  test('draws every series, marks the change, links the latest report, fetches nothing', async () => {
    if (!haveChromium) throw new Error(`FAASBENCH_REQUIRE_BROWSER=1 but ${CHROMIUM} is missing: run scripts/install-chromium.sh.`);
    const results = path.join(root, 'results');
    for (let i = 0; i < 8; i++) {
      for (const vendor of ['aws', 'gcp']) {
        await writeSyntheticRun(results, {
          runId: `2026-02-${String(i + 1).padStart(2, '0')}T03-00-00Z-${vendor}${i}`,
          title: `warm-baseline-${vendor}`,
          vendor,
          startedAt: new Date(Date.UTC(2026, 1, 1 + i, 3)),
          status: i === 3 && vendor === 'gcp' ? 'interrupted' : 'completed',
          subs: [
            { title: 'cold', cold: { n: 30, medianMs: vendor === 'aws' && i >= 6 ? 450 : 300 }, warm: { n: 10, medianMs: 30 } },
            { title: 'warm', cold: { n: 1, medianMs: 320 }, warm: { n: 400, medianMs: 22 } },
          ],
          seed: i * 10 + (vendor === 'aws' ? 1 : 2),
        });
      }
    }
    const store = path.join(root, 'store');
    await mergeIntoHistory(store, [results]);
    const site = await buildHistorySite(store, path.join(root, 'site'), new Date('2026-03-01T00:00:00Z'));

    const context = await chromium.launchPersistentContext(await mkdtemp(path.join(root, 'profile-')), {
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
      await page.goto(pathToFileURL(site.indexPath).href, { waitUntil: 'load' });

      // Two studies × two sub-experiments, each a chart with its series drawn at a real size.
      const charts = await page.$$eval('svg.history-chart', (svgs) => svgs.map((svg) => ({ width: svg.getBoundingClientRect().width, paths: svg.querySelectorAll('path.series').length, points: svg.querySelectorAll('g.point').length })));
      expect(charts).toHaveLength(4);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.paths).toBeGreaterThanOrEqual(2);
        expect(chart.points).toBeGreaterThanOrEqual(8);
      }
      // The interrupted run is drawn hollow; the aws shift at run 6 is ringed and listed.
      expect(await page.locator('g.point.incomplete').count()).toBeGreaterThan(0);
      const changes = await page.$$eval('tr.change-row', (rows) => rows.map((row) => row.textContent ?? ''));
      expect(changes.some((text) => text.includes('2026-02-07 03:00') && text.includes('warm-baseline-aws') && text.includes('slower'))).toBe(true);
      expect(await page.locator('g.change.slower[data-run="2026-02-07T03-00-00Z-aws6"]').count()).toBe(1);
      const tooltip = await page.locator('g.change.slower[data-run="2026-02-07T03-00-00Z-aws6"] title').textContent();
      expect(tooltip).toMatch(/^change \(cold median\): Mann–Whitney p = .* against run 2026-02-06T03-00-00Z-aws5: slower/);

      await mkdir(path.dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });

      // The latest report of a study opens from its link.
      await page.locator('#study-aws-warm-baseline-aws a.latest-report').click();
      await page.waitForLoadState('load');
      expect(await page.title()).toBe('report of 2026-02-08T03-00-00Z-aws7');
      expect(problems).toEqual([]);
      expect(requests.every((url) => url.startsWith('file://'))).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});
