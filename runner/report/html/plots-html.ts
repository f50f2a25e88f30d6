import path from 'node:path';
import type { RenderedPlot } from '../write-plots.js';
import { esc } from './escape.js';

/**
 * Charts inline (the report must stand alone), each with its caption and links to its SVG and spec
 * files. The links are relative and only followed on a click; loading the page fetches nothing.
 */
export function plotsHtml(plots: readonly RenderedPlot[], reportDir: string): string {
  if (plots.length === 0) return '<p>No charts: no request was recorded.</p>';
  return plots
    .map((plot) => {
      const svgLink = relativeLink(reportDir, plot.svgPath);
      const specLink = relativeLink(reportDir, plot.specPath);
      return `<figure id="plot-${esc(plot.name)}" class="plot">
${plot.svg}
<figcaption>${esc(plot.caption)} <a href="${esc(svgLink)}">SVG</a> · <a href="${esc(specLink)}">vega-lite spec</a></figcaption>
</figure>`;
    })
    .join('\n');
}

function relativeLink(fromDir: string, filePath: string): string {
  return path.relative(fromDir, filePath).split(path.sep).map(encodeURIComponent).join('/');
}
