import { UserError } from '../../experiments/schema/user-error.js';
import { type RunReport, buildRunReportFrom } from './build-run-report.js';
import { buildComparisonReport, type ComparisonOptions } from './comparison/build-comparison-report.js';
import { requireComparableRuns } from './comparison/comparison-folder.js';
import { type RunInputs, readRunInputs } from './run-inputs.js';
import { keepAliveSummaryText } from './keepalive-text.js';
import { formatSummaryTable } from './summary-table-text.js';

/**
 * `npm run report -- <run folder>...`, everything but the process: rebuilds each run's statistics,
 * charts and report.html; with several runs of one experiment, also writes a comparison next to
 * them. Every folder is read and checked before anything is written, so a bad third folder leaves
 * the first two untouched. Returns the exit status: 0 done, 2 bad input (one line on stderr naming
 * the folder), 1 a bug in faasbench (with its stack, to report).
 */

export const REPORT_USAGE = `usage: npm run report -- <run folder> [<run folder>...]

Rebuilds statistics.csv, statistics.json, plots/ and report.html of each run folder
(results/<experiment>/<run-id>) from its latencies.csv and experiment.resolved.json,
and keep-alive.csv and keep-alive.json for a keep-alive study.
With several runs of the same experiment, also writes a comparison report to a new folder
next to them (results/<experiment>/comparison-<time>-<suffix>/report.html).`;

export const REPORT_EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export interface ReportIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

export async function reportCli(argv: readonly string[], io: ReportIo, options: ComparisonOptions = {}): Promise<number> {
  try {
    if (argv.includes('--help') || argv.includes('-h')) {
      io.stdout.write(`${REPORT_USAGE}\n`);
      return REPORT_EXIT.ok;
    }
    const folders = argv.filter((arg) => arg !== '--');
    const option = folders.find((arg) => arg.startsWith('-'));
    if (option !== undefined) throw new UserError(`${option}: unknown option; the report command takes only run folders (see --help).`);
    if (folders.length === 0) throw new UserError('no run folder given; usage: npm run report -- <run folder> [<run folder>...]');

    const inputs: RunInputs[] = [];
    for (const folder of folders) inputs.push(await readRunInputs(folder));
    requireComparableRuns(inputs);

    const reports: RunReport[] = [];
    for (const input of inputs) {
      const report = await buildRunReportFrom(input);
      reports.push(report);
      const keepAlive = report.keepAlive === null ? '' : `${keepAliveSummaryText(report.keepAlive)}\n`;
      io.stdout.write(`${input.runDir}: ${report.inputs.table.rows} requests\n${formatSummaryTable(report.rows, report.splitRows)}\n${keepAlive}report: ${report.reportPath}\n\n`);
    }
    if (reports.length > 1) {
      const comparison = await buildComparisonReport(reports, options);
      io.stdout.write(`comparison of ${reports.length} runs: ${comparison.reportPath}\n`);
    }
    return REPORT_EXIT.ok;
  } catch (error) {
    if (UserError.is(error)) {
      io.stderr.write(`faasbench report: ${error.message}\n`);
      return REPORT_EXIT.usage;
    }
    io.stderr.write(`faasbench report: internal error (please report it): ${(error as Error).stack ?? String(error)}\n`);
    return REPORT_EXIT.failed;
  }
}
