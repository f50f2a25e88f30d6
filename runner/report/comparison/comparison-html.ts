import path from 'node:path';
import { durationText } from '../format-values.js';
import { esc } from '../html/escape.js';
import { htmlPage } from '../html/page.js';
import { plotsHtml } from '../html/plots-html.js';
import type { RunFacts } from '../run-facts.js';
import type { RenderedPlot } from '../write-plots.js';
import { comparisonTableHtml, type RunRows } from './comparison-table-html.js';

/** report.html of a comparison: which runs, their statistics side by side, their CDFs overlaid. */

export interface ComparedRun extends RunRows {
  readonly facts: RunFacts;
  readonly runDir: string;
  readonly reportPath: string;
}

export interface ComparisonContent {
  readonly experimentTitle: string;
  readonly runs: readonly ComparedRun[];
  readonly plots: readonly RenderedPlot[];
  readonly comparisonDir: string;
  readonly reportToolVersion: string;
}

export function comparisonHtml(content: ComparisonContent): string {
  const body = `
<h1>${esc(content.experimentTitle)}: ${content.runs.length} runs compared</h1>
<p class="lead">Runs of one experiment side by side. Each run's own report has its full statistics, timeline and calibration.</p>

<h2 id="runs">Runs</h2>
${runsTableHtml(content)}

<h2 id="summary">Statistics side by side</h2>
${comparisonTableHtml(content.runs)}

<h2 id="charts">Charts</h2>
${plotsHtml(content.plots, content.comparisonDir)}

<footer>Made by faasbench ${esc(content.reportToolVersion)} from the runs' latencies.csv and experiment.resolved.json.</footer>`;
  return htmlPage(`${content.experimentTitle} — ${content.runs.length} runs compared`, body);
}

function runsTableHtml({ runs, comparisonDir }: ComparisonContent): string {
  const headers = ['run', 'status', 'started', 'duration', 'requests', 'failed', 'seed', 'faasbench', 'report'];
  const rows = runs.map(({ label, facts, reportPath }) => {
    const link = path.relative(comparisonDir, reportPath).split(path.sep).map(encodeURIComponent).join('/');
    const cells = [
      esc(label),
      `<span class="status ${esc(facts.status)}">${esc(facts.status)}</span>`,
      esc(facts.startedAt ?? 'unknown'),
      esc(facts.durationMs === null ? 'unknown' : durationText(facts.durationMs)),
      esc(String(facts.requests)),
      esc(String(facts.failedRequests)),
      esc(facts.seed === null ? 'unknown' : String(facts.seed)),
      esc(facts.toolVersion ?? 'unknown'),
      `<a href="${esc(link)}">report</a>`,
    ];
    return `<tr>${cells.map((c, i) => `<td${i >= 4 && i <= 6 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`;
  });
  return `<div class="table-wrap"><table class="runs">
<thead><tr>${headers.map((h, i) => `<th${i >= 4 && i <= 6 ? ' class="num"' : ''}>${esc(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}
