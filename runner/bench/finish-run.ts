import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BenchArgs } from '../cli/args.js';
import type { CliIo } from '../cli/bench-cli.js';
import type { RunInfo, RunStatus } from '../engine/events.js';
import { splitBySubExperiment, writeStellarCsv } from '../export/index.js';
import { buildRunReport, formatSummaryTable } from '../report/index.js';
import { experimentSlug, type RequestRecord } from '../results/index.js';

/**
 * After the last request: statistics, plots and report.html from the files just written (the same
 * path `npm run report` takes, so a rebuilt report gives the same numbers), any extra CSV layout,
 * then the outcome, a short table and the report's path on stdout.
 */
export async function finishRun(run: { dir: string; info: RunInfo; status: RunStatus; reason: string | null; args: BenchArgs; io: CliIo }): Promise<void> {
  const report = await buildRunReport(run.dir);
  const records = report.inputs.records;
  if (run.args.formats.includes('stellar')) await writeStellarExport(run.dir, records, run.info.originEpochMs);
  const { stdout } = run.io;
  const errors = records.filter((r) => !r.ok).length;
  stdout.write(`\n${run.info.experiment.title}: ${run.status}${run.reason === null ? '' : ` (${run.reason})`}; ${records.length} requests, ${errors} errors\n\n`);
  stdout.write(`${formatSummaryTable(report.rows, report.splitRows)}\n\n`);
  stdout.write(`results: ${run.dir}${path.sep}\nreport:  ${report.reportPath}\n`);
}

/**
 * STeLLAR wrote one latencies.csv per sub-experiment folder (and its burst ids restart per
 * sub-experiment, as ours do), so its plotting scripts get `stellar/<sub-experiment>/latencies.csv`.
 */
async function writeStellarExport(dir: string, records: readonly RequestRecord[], originEpochMs: number): Promise<void> {
  for (const [, group] of splitBySubExperiment(records)) {
    const folder = path.join(dir, 'stellar', `${(group[0] as RequestRecord).subExperimentIndex}-${experimentSlug((group[0] as RequestRecord).subExperiment)}`);
    await mkdir(folder, { recursive: true });
    await writeStellarCsv(group, path.join(folder, 'latencies.csv'), originEpochMs);
  }
}
