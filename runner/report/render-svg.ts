import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * vega-lite → SVG without a browser or native canvas (renderer 'none', reference/toolchain.md §7).
 * Titles, axes and legends are inside the SVG, so each file stands alone. Specs carry their data
 * inline, so nothing is loaded; the loader refuses anyway, to keep rendering offline by construction.
 *
 * Warnings from vega-lite or vega (a spec that silently drops a channel, say) are collected and
 * returned rather than printed: the report command must not spray a console, and tests assert there are none.
 */

export interface RenderedSvg {
  readonly svg: string;
  readonly warnings: readonly string[];
}

export async function renderSvg(spec: TopLevelSpec, idPrefix: string): Promise<RenderedSvg> {
  const warnings: string[] = [];
  const logger = vega.logger(vega.Warn, undefined, (method, _level, args) => {
    if (method !== 'log') warnings.push(args.map(String).join(' '));
  });
  const compiled = compile(spec, { logger }).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logger, loader: offlineLoader() });
  try {
    return { svg: scopeSvgIds(await view.toSVG(), idPrefix), warnings };
  } finally {
    view.finalize();
  }
}

/**
 * Several SVGs inlined in one HTML page share one id space: two charts each defining `clip1` would
 * clip each other. Prefixing every id (and every reference to one) keeps them apart.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) throw new RangeError(`SVG id prefix must be a plain name, got ${JSON.stringify(prefix)}`);
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_, id: string) => `url(#${prefix}-${id})`)
    .replace(/\b((?:xlink:)?href)="#([^"]+)"/g, (_, attribute: string, id: string) => `${attribute}="#${prefix}-${id}"`);
}

function offlineLoader(): vega.Loader {
  const loader = vega.loader();
  const refuse = (what: string) => async (uri: string): Promise<never> => {
    throw new Error(`faasbench charts render offline; refusing to ${what} ${uri}`);
  };
  loader.load = refuse('load');
  loader.http = refuse('fetch');
  loader.file = refuse('read');
  return loader;
}
