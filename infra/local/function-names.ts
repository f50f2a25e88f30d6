/** Longest slug kept from a title, so names stay readable in URLs and process listings. */
const MAX_SLUG_CHARS = 40;

/** "Warm baseline (2 KiB)" → "warm-baseline-2-kib"; "experiment" when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    // Accents split off by NFKD go, so "é" becomes "e" rather than a dash.
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG_CHARS)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'experiment' : slug;
}

/** One function per endpoint: `<slug>-s<sub-experiment index>-r<replica>`. */
export function localFunctionName(experimentTitle: string, subExperimentIndex: number, replica: number): string {
  return `${slugify(experimentTitle)}-s${subExperimentIndex}-r${replica}`;
}
