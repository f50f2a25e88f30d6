import type { ConformanceReport } from './run-conformance.js';

const label = (r: ConformanceReport['endpoints'][number]) => `${r.target.experiment}/${r.target.subExperiment}/${r.target.endpoint.replica}`;
const mark = (status: string) => (status === 'pass' ? 'pass' : status === 'fail' ? 'FAIL' : 'skip');

/** The pass/fail table per endpoint and check, then every failure and skip in words, then the legend. */
export function conformanceText(report: ConformanceReport): string {
  const ids = report.checks.map((c) => c.id);
  const rows = [['endpoint', ...ids], ...report.endpoints.map((r) => [label(r), ...ids.map((id) => mark(r.checks.find((c) => c.id === id)?.status ?? 'skip'))])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] as string).length)));
  const lines = rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column] as number)).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const notes = report.endpoints.flatMap((r) => r.checks.filter((c) => c.status !== 'pass').map((c) => `${label(r)} ${c.id}: ${c.status === 'fail' ? 'FAIL' : 'skipped'}: ${c.detail}`));
  const verdict = report.passed ? `every endpoint meets the contract (${report.endpoints.length} endpoints, ${ids.length} checks)` : 'NOT every endpoint meets the contract';
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : []), '', verdict, '', ...report.checks.map((c) => `  ${c.id}: ${c.title}`)].join('\n');
}

export function conformanceMarkdown(report: ConformanceReport): string {
  const ids = report.checks.map((c) => c.id);
  const out = [`| endpoint | ${ids.join(' | ')} |`, `|---|${ids.map(() => '---').join('|')}|`];
  for (const r of report.endpoints) {
    out.push(`| ${label(r)} | ${ids.map((id) => { const s = r.checks.find((c) => c.id === id)?.status ?? 'skip'; return s === 'fail' ? '**FAIL**' : s; }).join(' | ')} |`);
  }
  const notes = report.endpoints.flatMap((r) => r.checks.filter((c) => c.status !== 'pass').map((c) => `- \`${label(r)}\` **${c.id}** ${c.status === 'fail' ? 'failed' : 'skipped'}: ${c.detail.replaceAll('|', '\\|')}`));
  if (notes.length > 0) out.push('', ...notes);
  out.push('', `<details><summary>What each check holds the endpoint to</summary>\n\n${report.checks.map((c) => `- **${c.id}**: ${c.title}`).join('\n')}\n</details>`);
  return out.join('\n');
}

/** The report for programs, with every detail. */
export function conformanceJson(report: ConformanceReport): string {
  return `${JSON.stringify(
    {
      formatVersion: 1,
      passed: report.passed,
      checks: report.checks,
      endpoints: report.endpoints.map((r) => ({
        experiment: r.target.experiment,
        subExperiment: r.target.subExperiment,
        replica: r.target.endpoint.replica,
        vendor: r.target.endpoint.vendor,
        region: r.target.endpoint.region,
        functionName: r.target.endpoint.functionName,
        checks: r.checks,
      })),
    },
    null,
    2,
  )}\n`;
}
