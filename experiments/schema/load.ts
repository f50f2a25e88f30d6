import path from 'node:path';
import type { z } from 'zod';
import { ChainInput } from './chain.js';
import { ExperimentInput, IatInput, KeepAliveInput, LocalPlatformInput, SubExperimentInput } from './input.js';
import type { ResolvedExperiment } from './resolved.js';
import { type FieldProblem, resolveExperiment } from './resolve.js';
import {
  StellarExperiment,
  StellarSubExperiment,
  convertStellar,
  looksLikeStellar,
  toStellarPath,
} from './stellar.js';
import { parseJsonText, readTextFile } from './json-text.js';
import { UserError } from './user-error.js';

/** Experiment files are a few KiB; a thousand sub-experiments fit in well under this. */
export const MAX_EXPERIMENT_FILE_BYTES = 4 * 1024 * 1024;

export interface LoadOptions {
  /** Draws a seed for files that give none; injected so tests can fix it. */
  readonly drawSeed: () => number;
}

/** Reads, parses and resolves one experiment file, or throws a UserError naming file and field. */
export async function loadExperimentFile(file: string, options: LoadOptions): Promise<ResolvedExperiment> {
  const text = await readTextFile(file, `Experiment file ${file}`, MAX_EXPERIMENT_FILE_BYTES);
  return parseExperimentText(text, file, options);
}

/** The pure half of loadExperimentFile: text in, resolved experiment (or UserError) out. */
export function parseExperimentText(text: string, file: string, options: LoadOptions): ResolvedExperiment {
  const raw = parseJsonText(text, `Experiment file ${file}`);
  return looksLikeStellar(raw) ? parseStellar(raw, file, options) : parseNative(raw, file, options);
}

function parseNative(raw: unknown, file: string, options: LoadOptions): ResolvedExperiment {
  const parsed = ExperimentInput.safeParse(raw);
  if (!parsed.success) throw fileError(file, zodProblems(parsed.error, raw));
  const result = resolveExperiment(parsed.data, { file, format: 'faasbench', drawSeed: options.drawSeed });
  if (!result.ok) throw fileError(file, result.problems);
  return result.experiment;
}

function parseStellar(raw: unknown, file: string, options: LoadOptions): ResolvedExperiment {
  const parsed = StellarExperiment.safeParse(raw);
  if (!parsed.success) throw fileError(file, zodProblems(parsed.error, raw), 'STeLLAR experiment file');
  const title = path.basename(file, path.extname(file));
  const conversion = convertStellar(parsed.data, title);
  if (conversion.input === null) throw fileError(file, conversion.problems, 'STeLLAR experiment file');
  const result = resolveExperiment(conversion.input, {
    file,
    format: 'stellar',
    conversionNotes: conversion.notes,
    drawSeed: options.drawSeed,
  });
  if (!result.ok) {
    const renamed = result.problems.map((p) => ({ ...p, path: toStellarPath(p.path) }));
    throw fileError(file, renamed, 'STeLLAR experiment file');
  }
  return result.experiment;
}

const MAX_PROBLEMS_SHOWN = 6;

function fileError(file: string, problems: readonly FieldProblem[], kind = 'Experiment file'): UserError {
  const shown = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => `${formatPath(p.path)} ${p.message}`);
  const more = problems.length - shown.length;
  const tail = more > 0 ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '';
  return new UserError(`${kind} ${file}: ${shown.join('; ')}${tail}.`);
}

export function formatPath(parts: readonly (string | number)[]): string {
  if (parts.length === 0) return 'the top level';
  return parts.reduce<string>(
    (text, part) => (typeof part === 'number' ? `${text}[${part}]` : text === '' ? part : `${text}.${part}`),
    '',
  );
}

function valueAt(root: unknown, parts: readonly PropertyKey[]): unknown {
  let value = root;
  for (const part of parts) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[part];
  }
  return value;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) return String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const KIND_NAMES: Readonly<Record<string, string>> = {
  int: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Turns zod's issues into sentences that say what is allowed and what the file has instead. */
function zodProblems(error: z.ZodError, raw: unknown): FieldProblem[] {
  return error.issues.map((issue): FieldProblem => {
    const issuePath = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const got = valueAt(raw, issue.path);
    switch (issue.code) {
      case 'invalid_type': {
        const expected = KIND_NAMES[issue.expected] ?? issue.expected;
        return got === undefined
          ? { path: issuePath, message: `is required (${expected})` }
          : { path: issuePath, message: `must be ${expected} (got ${show(got)})` };
      }
      case 'invalid_value':
        return { path: issuePath, message: `must be one of ${issue.values.map(show).join(', ')} (got ${show(got)})` };
      case 'invalid_union': {
        const options = (issue as { options?: unknown[] }).options;
        if (options !== undefined) {
          const what = got === undefined ? 'is required' : `got ${show(got)}`;
          return { path: issuePath, message: `must be one of ${options.map(show).join(', ')} (${what})` };
        }
        return { path: issuePath, message: issue.message };
      }
      case 'unrecognized_keys': {
        const known = knownKeysAt(raw, issuePath);
        const allowed = known === null ? '' : `; known fields here are ${known.join(', ')}`;
        return {
          path: issuePath,
          message: `has unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map(show).join(', ')}${allowed}`,
        };
      }
      case 'too_small':
      case 'too_big': {
        const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
        const atLeast = issue.code === 'too_small' ? (issue.inclusive ? 'at least' : 'more than') : issue.inclusive ? 'at most' : 'less than';
        const items = issue.origin === 'array' ? ` item${bound === '1' ? '' : 's'}` : issue.origin === 'string' ? ' characters' : '';
        const verb = issue.origin === 'array' || issue.origin === 'string' ? 'must have' : 'must be';
        return { path: issuePath, message: `${verb} ${atLeast} ${bound}${items} (got ${show(got)})` };
      }
      default:
        return { path: issuePath, message: issue.message };
    }
  });
}

function knownKeysAt(raw: unknown, parts: readonly (string | number)[]): string[] | null {
  const keysOf = (schema: { shape: object }) => Object.keys(schema.shape);
  const names = parts.filter((p) => typeof p === 'string');
  const last = names.at(-1);
  if (parts.length === 0) return looksLikeStellar(raw) ? keysOf(StellarExperiment) : keysOf(ExperimentInput);
  if (last === 'local') return keysOf(LocalPlatformInput);
  if (last === 'keepAlive') return keysOf(KeepAliveInput);
  if (last === 'chain') return keysOf(ChainInput);
  if (last === 'iat') {
    const distribution = (valueAt(raw, parts) as { distribution?: unknown } | undefined)?.distribution;
    const option = IatInput.options.find((o) => o.shape.distribution.value === distribution);
    return option === undefined ? null : keysOf(option);
  }
  if (last === 'subExperiments' && typeof parts.at(-1) === 'number') return keysOf(SubExperimentInput);
  if (last === 'SubExperiments' && typeof parts.at(-1) === 'number') return keysOf(StellarSubExperiment);
  return null;
}
