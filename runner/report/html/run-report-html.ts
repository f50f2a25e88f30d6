import { RESOLVED_FILE_NAME } from '../../results/resolved-file.js';
import type { StatisticsRow } from '../../stats/index.js';
import type { CalibrationRow } from '../calibration-rows.js';
import type { RunFacts } from '../run-facts.js';
import type { RenderedPlot } from '../write-plots.js';
import { esc, jsonDetails } from './escape.js';
import { htmlPage } from './page.js';
import { keepAliveHtml } from './keepalive-html.js';
import type { KeepAliveReport } from '../keepalive-report.js';
import { calibrationHtml, runFactsHtml, runNoticesHtml } from './run-facts-html.js';
import { plotsHtml } from './plots-html.js';
import { errorCountsHtml, summaryTableHtml } from './summary-table-html.js';
import { transfersHtml } from './transfers-html.js';
import type { TransferReport } from '../../transfers/index.js';

/**
 * report.html of one run: notices (partial run, missing resolved file), the facts, the summary
 * table, a keep-alive study's curve and estimate, the charts, failures by kind, calibration, and the resolved experiment as JSON. Everything
 * comes from latencies.csv and experiment.resolved.json, neither of which ever holds the token.
 */

export interface RunReportContent {
  readonly facts: RunFacts;
  readonly rows: readonly StatisticsRow[];
  readonly plots: readonly RenderedPlot[];
  /** A keep-alive study's curve and its chart (not among `plots`); null for other runs. */
  readonly keepAlive: { readonly report: KeepAliveReport; readonly plot: RenderedPlot | null } | null;
  readonly calibration: readonly CalibrationRow[];
  readonly reportDir: string;
  /** faasbench version that made the report (the run's own is in the facts). */
  readonly reportToolVersion: string;
  /** A chain run's data-transfer statistics; absent or null without chains. */
  readonly transfers?: TransferReport | null;
}

export function runReportHtml(content: RunReportContent): string {
  const { facts } = content;
  const body = `
<h1>${esc(facts.experimentTitle)}</h1>
<p class="lead">faasbench run ${esc(facts.runId)}${facts.description === null || facts.description === '' ? '' : ` — ${esc(facts.description)}`}</p>
${runNoticesHtml(facts)}
${runFactsHtml(facts)}

<h2 id="summary">Summary</h2>
${summaryTableHtml(content.rows)}
${content.keepAlive === null ? '' : `\n<h2 id="keep-alive">Keep-alive: P(cold) by idle time</h2>\n${keepAliveHtml(content.keepAlive.report, content.keepAlive.plot, content.reportDir)}\n`}

${content.transfers == null ? '' : `<h2 id="transfers">Data transfer along the chains</h2>
${transfersHtml(content.transfers)}
`}
<h2 id="charts">Charts</h2>
${plotsHtml(content.plots, content.reportDir)}

<h2 id="errors">Failed requests by kind</h2>
${errorCountsHtml(content.rows)}

<h2 id="calibration">Service time: desired and achieved</h2>
${calibrationHtml(content.calibration, facts.documentProblem !== null)}

<h2 id="experiment">Experiment</h2>
${
  facts.experiment === null
    ? `<p>The resolved experiment is not available (${esc(facts.documentProblem ?? `${RESOLVED_FILE_NAME} holds no readable experiment`)}).</p>`
    : jsonDetails('Resolved experiment (JSON): every setting after defaults, as the run used it', facts.experiment)
}

<footer>Made by faasbench ${esc(content.reportToolVersion)} from latencies.csv${facts.documentProblem === null ? ' and experiment.resolved.json' : ''};
statistics.csv and statistics.json hold the full table. The charts are in plots/ as SVG with their vega-lite specs.</footer>`;
  return htmlPage(`${facts.experimentTitle} — run ${facts.runId}`, body);
}
