import { createHash } from 'node:crypto';
import type { ResolvedExperiment } from '../../experiments/schema/index.js';

/**
 * sha256 of an experiment file's resolved content, so a resume can tell whether the file still
 * says what the run was started with. Keys are sorted, so formatting and key order in the file do
 * not count; the path does not count (a run may be resumed from another folder's view of it); a
 * seed drawn for the run does not count (the file has none), a seed written in the file does.
 */
export function experimentHash(experiment: ResolvedExperiment): string {
  const { file: _file, ...content } = experiment;
  const normalised = { ...content, seed: experiment.seedGenerated ? null : experiment.seed };
  return createHash('sha256').update(canonicalJson(normalised)).digest('hex');
}

/** JSON with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
