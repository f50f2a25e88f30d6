import path from 'node:path';
import type { BenchArgs } from '../cli/args.js';
import type { CliIo } from '../cli/bench-cli.js';
import type { RunInfo, RunStatus } from '../engine/events.js';
import { writeStellarExport } from '../export/index.js';
import { buildRunReport, formatSummaryTable, keepAliveSummaryText } from '../report/index.js';
import { LATENCY_FILE_NAME } from '../sinks/index.js';

/**
 * After the last request: statistics, plots and report.html from the files just written (the same
 * path `npm run report` takes, so a rebuilt report gives the same numbers), any extra CSV layout,
 * then the outcome, a short table and the report's path on stdout. The report reads latencies.csv
 * into columns and the STeLLAR export streams it row by row, so neither holds the run in memory.
 */
export async function finishRun(run: { dir: string; info: RunInfo; status: RunStatus; reason: string | null; args: BenchArgs; io: CliIo }): Promise<void> {
  const report = await buildRunReport(run.dir);
  const { table } = report.inputs;
  if (run.args.formats.includes('stellar')) await writeStellarExport(path.join(run.dir, LATENCY_FILE_NAME), run.dir, run.info.originEpochMs);
  const { stdout } = run.io;
  stdout.write(`\n${run.info.experiment.title}: ${run.status}${run.reason === null ? '' : ` (${run.reason})`}; ${table.rows} requests, ${table.failed} errors\n\n`);
  stdout.write(`${formatSummaryTable(report.rows, report.splitRows)}\n\n`);
  if (report.keepAlive !== null) stdout.write(`${keepAliveSummaryText(report.keepAlive)}\n\n`);
  stdout.write(`results: ${run.dir}${path.sep}\nreport:  ${report.reportPath}\n`);
}
