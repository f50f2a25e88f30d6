import type { ExperimentOutput } from '../../infra/outputs.js';

/**
 * The URL as results record it: scheme, host, port and path only. Requests are sent to the full
 * URL (some vendors put a key in the query), but a query, a fragment or `user:password@` may hold
 * a secret, and results are shared: they never reach latencies.csv or experiment.resolved.json.
 */
export function recordedEndpointUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return '';
  }
  parsed.username = '';
  parsed.password = '';
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/** The endpoints with every URL as results record it. */
export function recordedEndpoints(endpoints: ExperimentOutput): ExperimentOutput {
  return {
    ...endpoints,
    subExperiments: endpoints.subExperiments.map((sub) => ({
      ...sub,
      endpoints: sub.endpoints.map((endpoint) => ({ ...endpoint, url: recordedEndpointUrl(endpoint.url) })),
    })),
  };
}
