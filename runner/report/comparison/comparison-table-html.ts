import { REQUEST_CLASSES } from '../../results/request-record.js';
import type { StatisticsRow } from '../../stats/index.js';
import { ciText, msText, NO_VALUE } from '../format-values.js';
import { cell, esc } from '../html/escape.js';
import { summaryRows } from '../summary-rows.js';

/**
 * Runs side by side: one row per sub-experiment and class, and for each run its n, errors, p50
 * with 95% CI, and p99. A row present in one run only (a class another run never saw) shows dashes.
 */

export interface RunRows {
  readonly label: string;
  readonly rows: readonly StatisticsRow[];
}

const PER_RUN = ['n', 'errors', 'p50 ms', 'p50 95% CI', 'p99 ms'];

export function comparisonTableHtml(runs: readonly RunRows[]): string {
  const keyOf = (row: StatisticsRow): string => `${row.subExperimentIndex}\u0000${row.class}`;
  const lines = new Map<string, StatisticsRow>();
  for (const run of runs) for (const row of summaryRows(run.rows)) if (!lines.has(keyOf(row))) lines.set(keyOf(row), row);
  const ordered = [...lines.values()].sort((a, b) => a.subExperimentIndex - b.subExperimentIndex || classRank(a.class) - classRank(b.class));
  if (ordered.length === 0) return '<p>None of the runs recorded a request.</p>';
  const lookups = runs.map((run) => new Map(summaryRows(run.rows).map((row) => [keyOf(row), row])));

  const topHeader = `<tr><th colspan="2"></th>${runs.map((run) => `<th colspan="${PER_RUN.length}" class="run">${esc(run.label)}</th>`).join('')}</tr>`;
  const subHeader = `<tr>${cell('sub-experiment', { header: true })}${cell('class', { header: true })}${runs
    .map(() => PER_RUN.map((h) => cell(h, { header: true, numeric: true })).join(''))
    .join('')}</tr>`;
  const body = ordered
    .map((line, i) => {
      const groupStart = i === 0 || ordered[i - 1]?.subExperimentIndex !== line.subExperimentIndex;
      const perRun = lookups.map((lookup) => runCells(lookup.get(keyOf(line)))).join('');
      return `<tr${groupStart ? ' class="group-start"' : ''}>${cell(groupStart ? line.subExperiment : '')}<td class="class-${esc(line.class)}">${esc(line.class)}</td>${perRun}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="comparison">
<thead>${topHeader}${subHeader}</thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">Each run's statistics are its own (statistics.csv in its folder). Medians whose 95% intervals do not overlap
differ between the runs; overlapping intervals alone do not show that they are equal.</p>`;
}

function runCells(row: StatisticsRow | undefined): string {
  if (row === undefined) return PER_RUN.map(() => cell(NO_VALUE, { numeric: true })).join('');
  return [
    cell(String(row.count), { numeric: true }),
    cell(String(row.errors), { numeric: true }),
    cell(msText(row.p50Ms), { numeric: true }),
    cell(ciText(row.medianCi), { numeric: true, title: row.medianCiNote }),
    cell(msText(row.p99Ms), { numeric: true }),
  ].join('');
}

const CLASS_RANK = ['all', ...REQUEST_CLASSES];
function classRank(cls: string): number {
  return CLASS_RANK.indexOf(cls);
}
