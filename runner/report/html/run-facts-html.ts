import type { CalibrationRow } from '../calibration-rows.js';
import { durationText, msText, NO_VALUE } from '../format-values.js';
import type { RunFacts } from '../run-facts.js';
import { cell, esc } from './escape.js';

/** The run's header facts (what, where, when, how it ended, with which seed and version) and its calibration. */

const UNKNOWN = 'unknown';

export function runNoticesHtml(facts: RunFacts): string {
  const notices: string[] = [];
  if (facts.documentProblem !== null) {
    notices.push(
      `<div class="notice"><strong>${esc(facts.documentProblem)}.</strong> This report is built from latencies.csv alone: ` +
        'the experiment definition, seed, calibration and run timing are unknown.</div>',
    );
  }
  if (facts.status === 'interrupted' || facts.status === 'failed' || facts.status === 'running' || facts.status === 'killed') {
    const what =
      facts.status === 'running'
        ? 'The run is still going (or was killed moments ago)'
        : facts.status === 'killed'
          ? `The run was killed: ${facts.reason ?? 'it never recorded its end'}; npm run bench -- --resume can continue it`
          : `The run ${facts.status === 'failed' ? 'failed' : 'was interrupted'}${facts.reason === null ? '' : `: ${facts.reason}`}`;
    notices.push(`<div class="notice bad"><strong>${esc(what)}.</strong> The statistics and charts cover the ${facts.requests} requests it recorded.</div>`);
  }
  return notices.join('\n');
}

export function runFactsHtml(facts: RunFacts): string {
  const items: [string, string][] = [
    ['experiment', esc(facts.experimentTitle) + (facts.experimentFile === null ? '' : ` <span class="note">(${esc(facts.experimentFile)})</span>`)],
    ['run', esc(facts.runId)],
    ['status', `<span class="status ${esc(facts.status)}">${esc(facts.status)}</span>${facts.reason === null ? '' : ` ${esc(facts.reason)}`}`],
    ['started', esc(facts.startedAt ?? UNKNOWN)],
    ['ended', esc(facts.endedAt ?? UNKNOWN)],
    ['duration', esc(durationWords(facts))],
    // Added with --resume (owner of this file: please keep): each gap in the run's timeline.
    ...facts.resumes.map((gap): [string, string] => [
      'resumed',
      esc(
        `after it was ${gap.after} at ${gap.stoppedAt}: resumed ${gap.resumedAt}, a gap of ${durationText(gap.gapMs)}; ${gap.lostRequests} requests LOST` +
          (gap.newInstances ? '; local platform restarted, every instance after the gap is new' : ''),
      ),
    ]),
    ['requests', esc(`${facts.requests} sent, ${facts.failedRequests} failed`)],
    ['vendor', esc(facts.vendor ?? UNKNOWN)],
    ['region', esc(facts.regions.length === 0 ? UNKNOWN : facts.regions.join(', '))],
    ['endpoints from', esc(facts.endpointSource ?? UNKNOWN)],
    ['seed', esc(facts.seed === null ? UNKNOWN : `${facts.seed}${facts.seedGenerated ? ' (drawn for this run; put it in the file to repeat it)' : ''}`)],
    ['faasbench', esc(facts.toolVersion ?? UNKNOWN)],
    ['Node.js', esc(facts.nodeVersion ?? UNKNOWN)],
  ];
  return `<dl class="facts">\n${items.map(([term, value]) => `<dt>${esc(term)}</dt><dd>${value}</dd>`).join('\n')}\n</dl>`;
}

function durationWords(facts: RunFacts): string {
  if (facts.durationMs !== null) return durationText(facts.durationMs);
  if (facts.lastResponseMs !== null) return `${UNKNOWN} (the last response came ${durationText(Math.max(0, facts.lastResponseMs))} after the start)`;
  return UNKNOWN;
}

export function calibrationHtml(rows: readonly CalibrationRow[], documentMissing: boolean): string {
  if (rows.length === 0) return '<p>No calibration was recorded.</p>';
  const body = rows
    .map((row, i) => {
      const groupStart = i === 0 || rows[i - 1]?.subExperimentIndex !== row.subExperimentIndex;
      return `<tr${groupStart ? ' class="group-start"' : ''}>${[
        cell(groupStart ? row.subExperiment : ''),
        cell(msText(row.desiredServiceTimeMs), { numeric: true }),
        cell(row.spinIncrements === null ? NO_VALUE : String(row.spinIncrements), { numeric: true }),
        cell(msText(row.calibrationAchievedMs), { numeric: true }),
        cell(row.timedBy ?? NO_VALUE),
        cell(msText(row.runAchievedMedianMs), { numeric: true }),
        cell(row.problem ?? ''),
      ].join('')}</tr>`;
    })
    .join('\n');
  const headers = ['sub-experiment', 'desired ms', 'spin increments', 'achieved in calibration ms', 'timed by', 'achieved in run, median ms', 'problem'];
  return `<div class="table-wrap"><table class="calibration">
<thead><tr>${headers.map((h, i) => cell(h, { header: true, numeric: [1, 2, 3, 5].includes(i) })).join('')}</tr></thead>
<tbody>
${body}
</tbody></table></div>
<p class="note">Service time is the busy time the function measured itself. Where calibration was timed by the client (the function's clock stands still during a request, as on workerd), it is latency minus the latency of a request with no spin, and the run itself has no measured service time.${
    documentMissing ? ' Calibration results are in experiment.resolved.json, which this report could not use.' : ''
  }</p>`;
}
