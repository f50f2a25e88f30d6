import { slugify as slugTitle } from '../../experiments/schema/index.js';

/** Longest slug kept from a title, so names stay readable in URLs and process listings. */
const MAX_SLUG_CHARS = 40;

/** The title as a slug of at most MAX_SLUG_CHARS (see experiments/schema/slug.ts). */
export function slugify(title: string): string {
  return slugTitle(title, MAX_SLUG_CHARS);
}

/** One function per endpoint: `<slug>-s<sub-experiment index>-r<replica>`. */
export function localFunctionName(experimentTitle: string, subExperimentIndex: number, replica: number): string {
  return `${slugify(experimentTitle)}-s${subExperimentIndex}-r${replica}`;
}
