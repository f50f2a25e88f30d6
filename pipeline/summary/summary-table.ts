import path from 'node:path';
import type { UnitResult } from '../run/unit-result.js';
import type { ReadinessLine } from '../study/read-run.js';

/** The summary as rows of cells: what both the console table and the Markdown table show. */
export const SUMMARY_HEADERS = ['stack', 'experiment', 'status', 'requests', 'errors', 'report', 'destroyed'] as const;

export function summaryCells(result: UnitResult, cwd: string): string[] {
  const experiment = result.unit.subExperimentIndex === null ? result.unit.title : `${result.unit.title} / ${result.unit.subExperiments[0]}`;
  const report = result.study?.reportPath ?? null;
  return [
    result.stack,
    experiment,
    result.status,
    result.study === null ? '–' : String(result.study.requests),
    result.study === null ? '–' : String(result.study.errors),
    report === null ? '–' : displayPath(report, cwd),
    result.destroyed,
  ];
}

/** A plain-text table, then one paragraph per unit that broke and the commands for each stack left behind. */
export function formatSummary(results: readonly UnitResult[], cwd: string): string {
  const rows = [SUMMARY_HEADERS.slice(), ...results.map((r) => summaryCells(r, cwd))];
  const widths = SUMMARY_HEADERS.map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const line = (row: readonly string[]) => row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd();
  const out = [line(rows[0] as string[]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const waited = results.filter((r) => r.study?.readiness != null);
  if (waited.length > 0) {
    out.push('');
    for (const r of waited) out.push(`${r.stack}: ${readinessText(r.study?.readiness ?? null)}`);
  }
  const problems = results.filter((r) => r.problem !== null);
  if (problems.length > 0) {
    out.push('');
    for (const r of problems) out.push(`${r.stack}: ${r.status}: ${r.problem}`);
  }
  const left = results.filter((r) => r.destroyed === 'no');
  if (left.length > 0) {
    out.push('', `${left.length} stack${left.length === 1 ? ' was' : 's were'} NOT destroyed. Finish the job with:`);
    for (const r of left) out.push(`  ${r.finishCommands ?? `pulumi destroy --yes --stack ${r.stack} && pulumi stack rm --yes ${r.stack}`}`);
  }
  for (const r of results) {
    if (r.conformance !== null) out.push('', `conformance of ${r.stack}:`, r.conformance.text);
  }
  return out.join('\n');
}

/** Relative to the working folder when the file is under it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? path.resolve(file) : relative;
}

/** "2 of 2 endpoints ready after 4.2 s (5 requests)": the readiness wait as the summary states it. */
export function readinessText(readiness: ReadinessLine | null): string {
  if (readiness === null) return 'no readiness wait';
  const seconds = `${(readiness.waitedMs / 1000).toFixed(1)} s`;
  return readiness.ready
    ? `${readiness.readyEndpoints} of ${readiness.endpoints} endpoints ready after ${seconds} (${readiness.requests} readiness requests, not measured)`
    : `${readiness.readyEndpoints} of ${readiness.endpoints} endpoints ready after ${seconds}: ${readiness.problem ?? 'not ready'}`;
}
