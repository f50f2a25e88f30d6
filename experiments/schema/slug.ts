/**
 * A title as a name part for folders, URLs and process listings: lower-case letters, digits and
 * single dashes, at most `maxChars` long. "Warm baseline (2 KiB)" → "warm-baseline-2-kib";
 * accents are dropped rather than the letter ("é" → "e"); "experiment" when nothing is left.
 */
export function slugify(title: string, maxChars: number): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, maxChars)
    .replace(/^-+|-+$/g, '');
  return slug === '' ? 'experiment' : slug;
}
