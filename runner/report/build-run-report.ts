import path from 'node:path';
import { toolVersion } from '../bench/tool-version.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import { writeStatistics } from '../sinks/statistics-file.js';
import { mixedFactorRows, statisticsRows, type StatisticsRow } from '../stats/index.js';
import { calibrationRows } from './calibration-rows.js';
import { writeKeepAliveFiles } from './keepalive-files.js';
import { KEEP_ALIVE_PLOT_NAME, type KeepAliveReport, keepAlivePlotDefinition, keepAliveReport } from './keepalive-report.js';
import { runReportHtml } from './html/run-report-html.js';
import { runFacts } from './run-facts.js';
import { type RunInputs, readRunInputs } from './run-inputs.js';
import { runPlotDefinitions } from './run-plots.js';
import { type RenderedPlot, writePlots } from './write-plots.js';
import { buildTransferReport, type TransferReport } from '../transfers/index.js';

/**
 * Rebuilds a run's derived files from its raw ones: statistics.csv/json, plots/*.svg (+ specs),
 * keep-alive.csv/json for a keep-alive study, and report.html, from latencies.csv and (if present)
 * experiment.resolved.json. Works on a finished
 * run, an interrupted one (partial CSV, possibly cut mid-row) and one without a resolved file.
 * The bench command calls it after every run; `npm run report` calls it on folders given by hand.
 */

export const REPORT_FILE_NAME = 'report.html';

export interface RunReport {
  readonly reportPath: string;
  readonly rows: StatisticsRow[];
  /** Sub-experiments that mix service times or burst sizes, split by them (mixedFactorRows). */
  readonly splitRows: StatisticsRow[];
  readonly plots: readonly RenderedPlot[];
  readonly inputs: RunInputs;
  /** The keep-alive curve and estimate of a keep-alive study; null for any other run. */
  readonly keepAlive: KeepAliveReport | null;
  /** Data-transfer statistics of a chain run (transfer-statistics.csv/json), null without chains. */
  readonly transfers: TransferReport | null;
}

export async function buildRunReport(runDir: string): Promise<RunReport> {
  return buildRunReportFrom(await readRunInputs(runDir));
}

/** As buildRunReport, from inputs already read (the report command reads every folder before writing any). */
export async function buildRunReportFrom(inputs: RunInputs): Promise<RunReport> {
  const { runDir, table } = inputs;
  const rows = statisticsRows(table);
  // The files also split sub-experiments that mix service times or burst sizes; the summaries do not.
  const splitRows = mixedFactorRows(table);
  await writeStatistics(runDir, [...rows, ...splitRows]);
  const keepAlive = keepAliveReport(inputs);
  if (keepAlive !== null) await writeKeepAliveFiles(runDir, keepAlive);
  const facts = runFacts(inputs);
  const transfers = await buildTransferReport(runDir);
  const plots = await writePlots(runDir, [
    ...(keepAlive === null ? [] : [keepAlivePlotDefinition(keepAlive)]),
    ...runPlotDefinitions({ requests: table, rows, experiment: facts.experiment }),
    ...(transfers !== null && transfers.rows.some((row) => row.transferMs.count > 0) ? [transfers.plot] : []),
  ]);
  const html = runReportHtml({
    facts,
    rows,
    plots: plots.filter((plot) => plot.name !== KEEP_ALIVE_PLOT_NAME),
    keepAlive: keepAlive === null ? null : { report: keepAlive, plot: plots.find((plot) => plot.name === KEEP_ALIVE_PLOT_NAME) ?? null },
    calibration: calibrationRows(facts.calibrations, table),
    transfers,
    reportDir: runDir,
    reportToolVersion: await toolVersion(),
  });
  const reportPath = path.join(runDir, REPORT_FILE_NAME);
  await writeFileAtomic(reportPath, html);
  return { reportPath, rows, splitRows, plots, inputs, keepAlive, transfers };
}
