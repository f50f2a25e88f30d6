import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../results/atomic-write.js';
import { renderSvg } from './render-svg.js';
import type { PlotDefinition } from './run-plots.js';

/**
 * Renders each chart and writes `plots/<name>.svg` with its spec next to it as
 * `plots/<name>.vl.json` (open it in the Vega editor to restyle a figure for a paper).
 */

export const PLOTS_FOLDER = 'plots';

export interface RenderedPlot extends PlotDefinition {
  readonly svg: string;
  readonly svgPath: string;
  readonly specPath: string;
  readonly warnings: readonly string[];
}

export async function writePlots(dir: string, plots: readonly PlotDefinition[]): Promise<RenderedPlot[]> {
  const plotsDir = path.join(dir, PLOTS_FOLDER);
  await mkdir(plotsDir, { recursive: true });
  const rendered: RenderedPlot[] = [];
  // One at a time: rendering is CPU-bound, and in order keeps the files' write order stable.
  for (const plot of plots) {
    const { svg, warnings } = await renderSvg(plot.spec, plot.name);
    const svgPath = path.join(plotsDir, `${plot.name}.svg`);
    const specPath = path.join(plotsDir, `${plot.name}.vl.json`);
    await writeFileAtomic(svgPath, `${svg}\n`);
    await writeFileAtomic(specPath, `${JSON.stringify(plot.spec, null, 2)}\n`);
    rendered.push({ ...plot, svg, svgPath, specPath, warnings });
  }
  return rendered;
}
