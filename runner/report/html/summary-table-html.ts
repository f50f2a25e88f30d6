import type { StatisticsRow } from '../../stats/index.js';
import { ciText, msText, NO_VALUE, ratioText } from '../format-values.js';
import { subExperimentTotals, summaryRows } from '../summary-rows.js';
import { cell, esc } from './escape.js';

/**
 * The summary table (per sub-experiment and class: n, errors, p50 with its 95% CI, p90, p99,
 * p99.9, max, p99/p50) and the failed requests by error code.
 */

const HEADERS: readonly [string, boolean][] = [
  ['sub-experiment', false],
  ['class', false],
  ['n', true],
  ['errors', true],
  ['p50 ms', true],
  ['p50 95% CI ms', true],
  ['p90 ms', true],
  ['p99 ms', true],
  ['p99.9 ms', true],
  ['max ms', true],
  ['p99/p50', true],
];

export function summaryTableHtml(rows: readonly StatisticsRow[]): string {
  const shown = summaryRows(rows);
  if (shown.length === 0) return '<p>No requests were recorded.</p>';
  const body = shown
    .map((row, i) => {
      const groupStart = i === 0 || shown[i - 1]?.subExperimentIndex !== row.subExperimentIndex;
      const cells = [
        cell(groupStart ? row.subExperiment : ''),
        `<td class="class-${esc(row.class)}">${esc(row.class)}</td>`,
        cell(String(row.count), { numeric: true }),
        cell(String(row.errors), { numeric: true }),
        cell(msText(row.p50Ms), { numeric: true }),
        cell(ciText(row.medianCi), { numeric: true, title: ciTitle(row) }),
        cell(msText(row.p90Ms), { numeric: true }),
        cell(msText(row.p99Ms), { numeric: true }),
        cell(msText(row.p999Ms), { numeric: true }),
        cell(msText(row.maxMs), { numeric: true }),
        cell(ratioText(row.tailToMedian), { numeric: true }),
      ];
      return `<tr${groupStart ? ' class="group-start"' : ''}>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="summary">
<thead><tr>${HEADERS.map(([text, numeric]) => cell(text, { header: true, numeric })).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">n: successful requests; errors: failed ones (not in any latency). Latency is client time from dispatch to the last
byte, in ms. Percentiles are type 7 (numpy's default). The 95% CI of the median is distribution-free (order statistics);
${esc(NO_VALUE)} where n is too small for one. Classes come from the function's own cold-start flag.</p>`;
}

function ciTitle(row: StatisticsRow): string | null {
  if (row.medianCi === null) return row.medianCiNote;
  const coverage = `ranks ${row.medianCi.lowerRank}–${row.medianCi.upperRank}, coverage ${(row.medianCi.coverage * 100).toFixed(1)}%`;
  return row.medianCiNote === null ? coverage : `${coverage}; ${row.medianCiNote}`;
}

export function errorCountsHtml(rows: readonly StatisticsRow[]): string {
  const totals = subExperimentTotals(rows);
  const lines = totals.flatMap((row) =>
    Object.entries(row.errorCounts).map(([code, count]) => ({ row, code, count, share: count / (row.count + row.errors) })),
  );
  if (lines.length === 0) return '<p>No request failed.</p>';
  const body = lines
    .map(({ row, code, count, share }, i) => {
      const groupStart = i === 0 || lines[i - 1]?.row !== row;
      return `<tr${groupStart ? ' class="group-start"' : ''}>${[
        cell(groupStart ? row.subExperiment : ''),
        cell(code),
        cell(String(count), { numeric: true }),
        cell(`${(share * 100).toFixed(1)}%`, { numeric: true }),
      ].join('')}</tr>`;
    })
    .join('\n');
  return `<div class="table-wrap"><table class="errors">
<thead><tr>${cell('sub-experiment', { header: true })}${cell('error code', { header: true })}${cell('requests', { header: true, numeric: true })}${cell('share of sent', { header: true, numeric: true })}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">TIMEOUT: no answer within the request timeout; HTTP_&lt;status&gt;: a non-2xx answer; BAD_BODY: a 2xx answer that is not the
measurement function's response; ABORTED: in flight when the run was interrupted; other codes are the operating system's socket errors.</p>`;
}
