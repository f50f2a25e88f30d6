import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadExperimentFile, looksLikeStellar, type ResolvedExperiment, UserError } from '../../experiments/schema/index.js';
import type { CloudVendor } from '../../infra/vendors.js';

/**
 * A unit is what one stack deploys and measures: a whole experiment file, or with `split` one of
 * its sub-experiments (its own functions, so one shard never warms another's endpoints).
 */
export interface PipelineUnit {
  /** 0-based over every unit of the invocation, before sharding: stable across the shards of a run. */
  readonly index: number;
  /** The file the user named. */
  readonly sourceFile: string;
  readonly title: string;
  readonly vendor: CloudVendor;
  /** Sub-experiment titles this unit runs. */
  readonly subExperiments: readonly string[];
  /** Set for a split unit: the index of its one sub-experiment in the source file. */
  readonly subExperimentIndex: number | null;
}

export interface Shard {
  /** 1-based. */
  readonly index: number;
  readonly count: number;
}

/** `--shard 2/4`. */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new UserError(`--shard ${text} is not K/N with 1 ≤ K ≤ N, such as --shard 2/4 (the second of four shards).`);
  }
  return { index, count };
}

/** Loads the files and cuts them into units; refuses local experiments, which need no stack. */
export async function planUnits(files: readonly string[], options: { split: boolean }): Promise<PipelineUnit[]> {
  const units: PipelineUnit[] = [];
  for (const file of files) {
    const experiment = await loadExperimentFile(file, { drawSeed: () => 0 });
    const vendor = cloudVendorOf(experiment);
    if (options.split && experiment.keepAlive !== null) {
      throw new UserError(
        `${file} is a keep-alive study: its idle times make one curve and one estimate, from one run, so --split cannot cut it into stacks; run it without --split.`,
      );
    }
    if (options.split) {
      for (const sub of experiment.subExperiments) {
        units.push({ index: units.length, sourceFile: file, title: experiment.title, vendor, subExperiments: [sub.title], subExperimentIndex: sub.index });
      }
    } else {
      units.push({
        index: units.length,
        sourceFile: file,
        title: experiment.title,
        vendor,
        subExperiments: experiment.subExperiments.map((s) => s.title),
        subExperimentIndex: null,
      });
    }
  }
  return units;
}

/** The units of shard K of N: every N-th, starting at the K-th, so each shard gets a mix. */
export function unitsOfShard(units: readonly PipelineUnit[], shard: Shard | null): PipelineUnit[] {
  return shard === null ? [...units] : units.filter((unit) => unit.index % shard.count === shard.index - 1);
}

/**
 * The experiment file a unit's stack deploys: the source file itself, or for a split unit a copy
 * holding only its sub-experiment, written into `dir` under the source's own name (a STeLLAR file
 * takes its title from its name). The copy is kept with the unit's results, so what ran is on record.
 */
export async function unitExperimentFile(unit: PipelineUnit, dir: string): Promise<string> {
  if (unit.subExperimentIndex === null) return unit.sourceFile;
  const raw = JSON.parse(await readFile(unit.sourceFile, 'utf8')) as Record<string, unknown>;
  const key = looksLikeStellar(raw) ? 'SubExperiments' : 'subExperiments';
  const subs = raw[key] as unknown[];
  const copy = { ...raw, [key]: [subs[unit.subExperimentIndex]] };
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, path.basename(unit.sourceFile));
  await writeFile(file, `${JSON.stringify(copy, null, 2)}\n`);
  return file;
}

function cloudVendorOf(experiment: ResolvedExperiment): CloudVendor {
  if (experiment.vendor === 'local') {
    throw new UserError(
      `${experiment.file} runs on the local platform, which needs no stack: run it with \`npm run bench -- ${experiment.file}\`, and give the pipeline cloud experiments only.`,
    );
  }
  return experiment.vendor;
}
