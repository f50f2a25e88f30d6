import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { buildRunReport, keepAliveSpec, reportCli } from '../../../runner/report/index.js';
import { estimateSentence, groundTruthSentence } from '../../../runner/report/keepalive-text.js';
import { keepAliveExperiment, keepAliveRecords } from './keepalive-fixture.js';
import { writeRunFolder } from './run-folder-fixture.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-keepalive-report-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function keepAliveRun(vendor: 'aws' | 'local' = 'aws', options: { withoutResolved?: boolean } = {}): Promise<string> {
  const experiment = keepAliveExperiment(vendor);
  return writeRunFolder(path.join(root, `${vendor}-${options.withoutResolved === true ? 'bare' : 'full'}`), { experiment, records: keepAliveRecords(experiment), ...options });
}

describe('the keep-alive section of a run report', () => {
  test('keep-alive.csv: one row per idle time, computed by hand', async () => {
    const dir = await keepAliveRun();
    await buildRunReport(dir);
    // Bins split at 3 min and 7.5 min. Clopper–Pearson: 0 of 4 → [0, 1 − 0.025^¼]; 1 of 2 → [1 − √0.975, √0.975]; 4 of 4 → [0.025^¼, 1].
    expect(await readFile(path.join(dir, 'keep-alive.csv'), 'utf8')).toBe(
      [
        'idle_ms,sub_experiment_index,sub_experiment,replicas,planned_samples,bin_from_ms,bin_to_ms,measured_idle_median_ms,measured_idle_min_ms,measured_idle_max_ms,samples,cold,warm,p_cold,ci_lower,ci_upper,failed,unknown',
        '60000.000,0,idle 1 min,1,4,0.000,180000.000,60000.000,60000.000,60000.000,4,0,4,0.000000,0.000000,0.602365,0,0',
        '300000.000,1,idle 5 min,1,4,180000.000,450000.000,300000.000,300000.000,300000.000,2,1,1,0.500000,0.012579,0.987421,1,0',
        '600000.000,2,idle 10 min,1,4,450000.000,,600000.000,600000.000,600000.000,4,4,0,1.000000,0.397635,1.000000,0,0',
        '',
      ].join('\n'),
    );
  });

  test('keep-alive.json: the estimate, what is no sample, full precision', async () => {
    const dir = await keepAliveRun();
    const report = await buildRunReport(dir);
    const json = JSON.parse(await readFile(path.join(dir, 'keep-alive.json'), 'utf8')) as Record<string, unknown>;
    // P sits on 50% at 5 min between 0 at 1 min and 1 at 10 min: the estimate is 5 min, the bracket 1 to 10.
    expect(json).toMatchObject({
      formatVersion: 1,
      threshold: 0.5,
      configuredKeepAliveMs: null,
      estimate: { kind: 'crossed', estimateMs: 300_000, bracketMs: [60_000, 600_000] },
      notSamples: { firstOfReplica: 3, busy: 0, afterFailure: 1, acrossResume: 0 },
    });
    const [, five] = json['idleTimes'] as Record<string, unknown>[];
    expect(five).toMatchObject({ idleMs: 300_000, plannedSamples: 4, samples: 2, cold: 1, failed: 1, binToMs: 450_000, pCold: 0.5 });
    expect((five!['ci'] as { lower: number }).lower).toBeCloseTo(1 - Math.sqrt(0.975), 12);
    expect(report.keepAlive?.curve.estimate.kind).toBe('crossed');
  });

  test('report.html: the estimate, the table and the chart, in their own section before the other charts', async () => {
    const dir = await keepAliveRun();
    const { plots } = await buildRunReport(dir);
    expect(plots[0]?.name).toBe('keep-alive');
    expect(plots.flatMap((plot) => plot.warnings)).toEqual([]);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    const section = html.slice(html.indexOf('<h2 id="keep-alive">'), html.indexOf('<h2 id="charts">'));
    expect(section).toContain('Estimated keep-alive: about 5 min, where P(cold) crosses 50% between 1 min and 10 min of idle.');
    expect(section.match(/<tr>/g)).toHaveLength(4);
    expect(section).toContain('<td class="num">50.0%</td><td class="num">1.3%–98.7%</td><td class="num">1</td>');
    expect(section).toContain('1 after a failed request');
    expect(section).toContain('<figure id="plot-keep-alive" class="plot">');
    expect(html.indexOf('id="plot-keep-alive"')).toBeLessThan(html.indexOf('<h2 id="charts">'));
    expect(html.match(/id="plot-keep-alive"/g)).toHaveLength(1);
  });

  test('on the local platform the configured keep-alive is the ground truth: drawn, and checked against the bracket', async () => {
    const dir = await keepAliveRun('local');
    const report = await buildRunReport(dir);
    expect(report.keepAlive?.configuredMs).toBe(240_000);
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).toContain('The local platform&#39;s configured keep-alive is 4 min: inside the bracket.');
    const spec = JSON.parse(await readFile(path.join(dir, 'plots', 'keep-alive.vl.json'), 'utf8')) as { layer: { data: { values: Record<string, number>[] }; mark?: { type: string } }[] };
    // Bracket, 50% rule, configured keep-alive, estimate, then the points with their bars (in minutes).
    expect(spec.layer.map((layer) => layer.mark?.type ?? 'points')).toEqual(['rect', 'rule', 'rule', 'rule', 'points']);
    expect(spec.layer.map((layer) => layer.data.values[0])).toEqual([{ from: 1, to: 10 }, { p: 0.5 }, { at: 4 }, { at: 5 }, expect.objectContaining({ idle: 1, pCold: 0 })]);
    expect(spec.layer[4]!.data.values.map((d) => [d['idle'], d['pCold'], d['samples']])).toEqual([
      [1, 0, 4],
      [5, 0.5, 2],
      [10, 1, 4],
    ]);
  });

  test('npm run report rebuilds the files from latencies.csv and experiment.resolved.json, and prints the estimate', async () => {
    const dir = await keepAliveRun();
    await buildRunReport(dir);
    const first = await readFile(path.join(dir, 'keep-alive.csv'), 'utf8');
    await rm(path.join(dir, 'keep-alive.csv'));
    await rm(path.join(dir, 'keep-alive.json'));
    const out = new PassThrough();
    let text = '';
    out.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    expect(await reportCli([dir], { stdout: out, stderr: out })).toBe(0);
    expect(await readFile(path.join(dir, 'keep-alive.csv'), 'utf8')).toBe(first);
    expect(text).toContain('keep-alive: Estimated keep-alive: about 5 min, where P(cold) crosses 50% between 1 min and 10 min of idle. (keep-alive.csv)');
  });

  test('no keep-alive section for other runs, nor without the resolved file that says which sub-experiment is which idle time', async () => {
    for (const dir of [await writeRunFolder(path.join(root, 'plain')), await keepAliveRun('aws', { withoutResolved: true })]) {
      const report = await buildRunReport(dir);
      expect(report.keepAlive).toBeNull();
      await expect(stat(path.join(dir, 'keep-alive.csv'))).rejects.toThrow();
      expect(await readFile(path.join(dir, 'report.html'), 'utf8')).not.toContain('id="keep-alive"');
    }
  });
});

describe('the estimate in words', () => {
  test('says plainly when there is no estimate, and why', () => {
    expect(estimateSentence({ kind: 'not-crossed', side: 'below', testedMs: [60_000, 1_800_000], crossings: [], note: 'P(cold) stays at or below 50% from 1 min to 30 min: the keep-alive is longer than the longest idle time tested' })).toBe(
      'No estimate: P(cold) stays at or below 50% from 1 min to 30 min: the keep-alive is longer than the longest idle time tested.',
    );
    expect(estimateSentence({ kind: 'ambiguous', bracketMs: [1, 2], crossings: [], note: 'P(cold) crosses 50% 3 times between 5 min and 20 min: no single estimate; sample more per idle time' })).toBe(
      'No single estimate: P(cold) crosses 50% 3 times between 5 min and 20 min: no single estimate; sample more per idle time.',
    );
    expect(estimateSentence({ kind: 'no-data', note: '' })).toBe('No estimate: no idle time has a sample.');
    expect(groundTruthSentence({ kind: 'crossed', estimateMs: 2500, bracketMs: [2100, 2900], crossings: [], note: '' }, 2000)).toBe("The local platform's configured keep-alive is 2 s: outside the bracket.");
  });

  test('the chart of an ambiguous curve shades where it crosses and draws no estimate', async () => {
    const dir = await keepAliveRun();
    const report = (await buildRunReport(dir)).keepAlive!;
    const ambiguous = { ...report, curve: { ...report.curve, estimate: { kind: 'ambiguous' as const, bracketMs: [60_000, 600_000] as const, crossings: [], note: 'crosses twice' } } };
    const spec = keepAliveSpec(ambiguous) as unknown as { layer: { mark?: { type: string } }[] };
    expect(spec.layer.map((layer) => layer.mark?.type ?? 'points')).toEqual(['rect', 'rule', 'points']);
  });
});
