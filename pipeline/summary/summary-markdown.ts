import type { UnitResult } from '../run/unit-result.js';
import { readinessText, SUMMARY_HEADERS, summaryCells } from './summary-table.js';

/** Marks the one pull request comment the preview workflow keeps updating. */
export const COMMENT_MARKER = '<!-- faasbench-preview -->';

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
const ms = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/**
 * The summary as Markdown: the stacks table, what broke, each conformance table, and the median
 * and p99 latency (ms) per sub-experiment and class of each study.
 */
export function summaryMarkdown(results: readonly UnitResult[], cwd: string, heading: string): string {
  const out = [COMMENT_MARKER, `### ${heading}`, ''];
  out.push(`| ${SUMMARY_HEADERS.join(' | ')} |`, `|${SUMMARY_HEADERS.map(() => '---').join('|')}|`);
  for (const r of results) out.push(`| ${summaryCells(r, cwd).map(cell).join(' | ')} |`);
  for (const r of results.filter((r) => r.study?.readiness != null)) out.push('', `${r.stack}: ${readinessText(r.study?.readiness ?? null)}`);
  for (const r of results.filter((r) => r.problem !== null)) out.push('', `**${r.stack}** ${r.status}: ${cell(r.problem ?? '')}`);
  for (const r of results.filter((r) => r.destroyed === 'no')) out.push('', `**${r.stack} was NOT destroyed.** Finish with \`${r.finishCommands ?? ''}\``);
  for (const r of results) {
    if (r.conformance !== null) out.push('', `#### Conformance of ${r.stack}`, '', r.conformance.markdown);
    const lines = r.study?.statistics.filter((s) => s.class !== 'all' || r.study?.statistics.every((t) => t.class === 'all')) ?? [];
    if (lines.length > 0) {
      out.push('', `#### ${r.unit.title} on ${r.stack}: latency (ms)`, '', '| sub-experiment | class | n | errors | median | p99 |', '|---|---|---|---|---|---|');
      for (const s of lines) out.push(`| ${cell(s.subExperiment)} | ${s.class} | ${s.count} | ${s.errors} | ${ms(s.p50Ms)} | ${ms(s.p99Ms)} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** The summary for programs (the merge job, dashboards): everything but the logs. */
export function summaryJson(results: readonly UnitResult[]): string {
  return `${JSON.stringify(
    {
      formatVersion: 1,
      units: results.map((r) => ({
        stack: r.stack,
        experimentFile: r.unit.sourceFile,
        title: r.unit.title,
        vendor: r.unit.vendor,
        subExperiments: r.unit.subExperiments,
        status: r.status,
        problem: r.problem,
        destroyed: r.destroyed,
        finishCommands: r.finishCommands,
        resultsDir: r.dir,
        runDir: r.study?.runDir ?? null,
        runId: r.study?.runId ?? null,
        requests: r.study?.requests ?? null,
        errors: r.study?.errors ?? null,
        report: r.study?.reportPath ?? null,
        readiness: r.study?.readiness ?? null,
        conformancePassed: r.conformance?.passed ?? null,
        statistics: r.study?.statistics ?? [],
        durationsMs: r.durationsMs,
      })),
    },
    null,
    2,
  )}\n`;
}
