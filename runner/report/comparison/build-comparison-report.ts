import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { toolVersion } from '../../bench/tool-version.js';
import { writeFileAtomic } from '../../results/atomic-write.js';
import type { RunReport } from '../build-run-report.js';
import { REPORT_FILE_NAME } from '../build-run-report.js';
import { runFacts } from '../run-facts.js';
import type { PlotDefinition } from '../run-plots.js';
import { comparisonCdfSpec } from '../specs/comparison-cdf-spec.js';
import { writePlots } from '../write-plots.js';
import { type ComparedRun, comparisonHtml } from './comparison-html.js';
import { COMPARISON_MARKER_FILE_NAME, createComparisonFolder, requireComparableRuns } from './comparison-folder.js';

/**
 * A comparison of several runs of one experiment, from their already-built run reports: a new
 * folder next to the runs with report.html, plots/ (CDFs overlaid per run, linear and log) and
 * comparison.json (which runs, and each one's statistics rows, for programs).
 */

export interface ComparisonReport {
  readonly dir: string;
  readonly reportPath: string;
}

export interface ComparisonOptions {
  /** Clock and suffix of the folder name, injectable for tests. */
  readonly now?: () => Date;
  readonly randomSuffix?: () => string;
}

export async function buildComparisonReport(runReports: readonly RunReport[], options: ComparisonOptions = {}): Promise<ComparisonReport> {
  const first = runReports[0];
  if (first === undefined || runReports.length < 2) throw new RangeError('a comparison needs at least two runs');
  requireComparableRuns(runReports.map((report) => report.inputs));

  const now = options.now ?? (() => new Date());
  const randomSuffix = options.randomSuffix ?? (() => randomBytes(2).toString('hex'));
  const dir = await createComparisonFolder(first.inputs.runDir, now(), randomSuffix());

  const labelsSeen = new Map<string, number>();
  const runs: ComparedRun[] = runReports.map((report) => {
    const facts = runFacts(report.inputs);
    // Copies of one run folder keep its run id; the legend still needs one name per curve.
    const seen = (labelsSeen.get(facts.runId) ?? 0) + 1;
    labelsSeen.set(facts.runId, seen);
    const label = seen === 1 ? facts.runId : `${facts.runId} (${seen})`;
    return { label, rows: report.rows, facts, runDir: report.inputs.runDir, reportPath: report.reportPath };
  });
  const runRequests = runReports.map((report, i) => ({ label: runs[i]?.label ?? String(i), requests: report.inputs.table }));
  const definitions: PlotDefinition[] = runRequests.some((run) => run.requests.failed < run.requests.rows)
    ? [
        { name: 'cdf-linear', caption: 'Empirical CDFs of client latency, one curve per run.', spec: comparisonCdfSpec(runRequests, 'linear') },
        { name: 'cdf-log', caption: 'The same CDFs on a logarithmic latency axis.', spec: comparisonCdfSpec(runRequests, 'log') },
      ]
    : [];
  const plots = await writePlots(dir, definitions);

  const reportPath = path.join(dir, REPORT_FILE_NAME);
  const experimentTitle = runs[0]?.facts.experimentTitle ?? 'experiment';
  await writeFileAtomic(reportPath, comparisonHtml({ experimentTitle, runs, plots, comparisonDir: dir, reportToolVersion: await toolVersion() }));
  const marker = {
    formatVersion: 1,
    experiment: experimentTitle,
    runs: runs.map((run) => ({ runId: run.label, folder: path.relative(dir, path.resolve(run.runDir)), rows: run.rows })),
  };
  await writeFileAtomic(path.join(dir, COMPARISON_MARKER_FILE_NAME), `${JSON.stringify(marker, null, 2)}\n`);
  return { dir, reportPath };
}
