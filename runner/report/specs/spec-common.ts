/** What every spec file shares. The schema URL is an identifier for editors, never fetched. */
export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

export type XScale = 'linear' | 'log';
