import { humanDuration } from '../../../experiments/schema/index.js';
import { NO_VALUE } from '../format-values.js';
import { KEEP_ALIVE_CSV_FILE_NAME } from '../keepalive-files.js';
import type { KeepAliveReport } from '../keepalive-report.js';
import { estimateSentence, groundTruthSentence } from '../keepalive-text.js';
import type { RenderedPlot } from '../write-plots.js';
import { cell, esc } from './escape.js';
import { plotsHtml } from './plots-html.js';

/**
 * The keep-alive section of report.html: the estimate in a sentence (and, on the local platform,
 * whether its bracket holds the configured keep-alive), the table of P(cold) per idle time with
 * failures and unclassified answers apart, what is and is not a sample, and the chart.
 */

const HEADERS: readonly [string, boolean][] = [
  ['idle time', true],
  ['sub-experiment', false],
  ['replicas', true],
  ['measured idle: median (range)', true],
  ['samples', true],
  ['cold', true],
  ['P(cold)', true],
  ['95% CI', true],
  ['failed', true],
  ['unknown', true],
];

export function keepAliveHtml(report: KeepAliveReport, plot: RenderedPlot | null, reportDir: string): string {
  const { curve, configuredMs } = report;
  const body = curve.rows
    .map((row) => {
      const point = row.point;
      const cells = [
        cell(humanDuration(row.idle.idleMs), { numeric: true, title: `samples with a measured idle in [${humanDuration(row.binMs[0])}, ${Number.isFinite(row.binMs[1]) ? humanDuration(row.binMs[1]) : '∞'})` }),
        cell(row.idle.subExperimentTitle),
        cell(String(row.idle.replicas), { numeric: true }),
        cell(point === null ? NO_VALUE : `${humanDuration(point.idleMs)} (${humanDuration(point.idleRangeMs[0])}–${humanDuration(point.idleRangeMs[1])})`, { numeric: true }),
        cell(String(point?.samples ?? 0), { numeric: true, title: `planned: ${row.idle.samples}` }),
        cell(String(point?.cold ?? 0), { numeric: true }),
        cell(point?.pCold == null ? NO_VALUE : percent(point.pCold), { numeric: true }),
        cell(point === null || point.samples === 0 ? NO_VALUE : `${percent(point.ci.lower)}–${percent(point.ci.upper)}`, { numeric: true }),
        cell(String(point?.failed ?? 0), { numeric: true }),
        cell(String(point?.unclassified ?? 0), { numeric: true }),
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  const { firstOfReplica, busy, afterFailure, acrossResume } = curve.notSamples;
  return `<p class="estimate">${esc(estimateSentence(curve.estimate))}${configuredMs === null ? '' : ` ${esc(groundTruthSentence(curve.estimate, configuredMs))}`}</p>
<div class="table-wrap"><table class="keep-alive">
<thead><tr>${HEADERS.map(([text, numeric]) => cell(text, { header: true, numeric })).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">A sample is a request whose replica's previous request ended, successfully, before it left; its idle time runs from
that end to its dispatch on the client's clock, and it counts for the planned idle time nearest it (bins split halfway between
them). Cold: the instance that served the previous request was not reused (class cold or cold-preinit). P(cold) = cold ÷ samples
with an exact (Clopper–Pearson) 95% interval; failed requests and answers without a class are counted apart and are in no P.
Not samples: ${firstOfReplica} first request${firstOfReplica === 1 ? '' : 's'} of a replica (they start its idle clock),
${busy} sent while the replica's previous request was still running, ${afterFailure} after a failed request, ${acrossResume} across a resume.
The same rows are in ${esc(KEEP_ALIVE_CSV_FILE_NAME)} and keep-alive.json.</p>
${plot === null ? '' : plotsHtml([plot], reportDir)}`;
}

function percent(p: number): string {
  return `${(p * 100).toFixed(1)}%`;
}
