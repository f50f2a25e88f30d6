import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { readLatencyCsv } from '../../runner/results/index.js';

/** One line of a run's statistics, as the pipeline's summaries show it. */
export interface StatisticsLine {
  readonly subExperiment: string;
  readonly class: string;
  readonly count: number;
  readonly errors: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
}

export interface ReadinessLine {
  readonly ready: boolean;
  readonly endpoints: number;
  readonly readyEndpoints: number;
  readonly requests: number;
  readonly waitedMs: number;
  readonly problem: string | null;
}

/** What one study left in its results folder. */
export interface StudyOutcome {
  readonly runDir: string;
  readonly runId: string;
  /** From experiment.resolved.json; `running` when the runner was killed; null when it never began measuring. */
  readonly status: string | null;
  readonly reason: string | null;
  /** Rows of latencies.csv: the truth, whatever the resolved file last said. */
  readonly requests: number;
  readonly errors: number;
  readonly reportPath: string | null;
  readonly readiness: ReadinessLine | null;
  /** Rows of statistics.json without a factor split; empty when there is none. */
  readonly statistics: readonly StatisticsLine[];
}

/** Every run folder (`<experiment>/<run-id>/` with a run.log) under `resultsDir`, read. */
export async function readStudyOutcomes(resultsDir: string): Promise<StudyOutcome[]> {
  const outcomes: StudyOutcome[] = [];
  for (const experiment of await subfolders(resultsDir)) {
    for (const run of await subfolders(path.join(resultsDir, experiment))) {
      const runDir = path.join(resultsDir, experiment, run);
      if (await isFile(path.join(runDir, 'run.log'))) outcomes.push(await readStudyOutcome(runDir));
    }
  }
  return outcomes.sort((a, b) => a.runId.localeCompare(b.runId));
}

export async function readStudyOutcome(runDir: string): Promise<StudyOutcome> {
  const resolved = (await readJson(path.join(runDir, 'experiment.resolved.json'))) as { status?: string; reason?: string | null } | null;
  const records = (await isFile(path.join(runDir, 'latencies.csv'))) ? await readLatencyCsv(path.join(runDir, 'latencies.csv')) : [];
  const statistics = (await readJson(path.join(runDir, 'statistics.json'))) as { rows?: Record<string, unknown>[] } | null;
  return {
    runDir,
    runId: path.basename(runDir),
    status: resolved?.status ?? null,
    reason: resolved?.reason ?? null,
    requests: records.length,
    errors: records.filter((r) => !r.ok).length,
    reportPath: (await isFile(path.join(runDir, 'report.html'))) ? path.join(runDir, 'report.html') : null,
    readiness: await readinessOf(path.join(runDir, 'run.log')),
    statistics: (statistics?.rows ?? [])
      .filter((row) => row['factor'] === null)
      .map((row) => ({
        subExperiment: String(row['subExperiment']),
        class: String(row['class']),
        count: Number(row['count']),
        errors: Number(row['errors']),
        p50Ms: typeof row['p50Ms'] === 'number' ? row['p50Ms'] : null,
        p99Ms: typeof row['p99Ms'] === 'number' ? row['p99Ms'] : null,
      })),
  };
}

/** The `readiness` summary line of run.log (JSON lines), if the run waited for its endpoints. */
async function readinessOf(runLog: string): Promise<ReadinessLine | null> {
  let text: string;
  try {
    text = await readFile(runLog, 'utf8');
  } catch {
    return null;
  }
  for (const line of text.split('\n').reverse()) {
    if (!line.includes('"readiness"')) continue;
    try {
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (entry['event'] !== 'readiness') continue;
      return {
        ready: entry['ready'] === true,
        endpoints: Number(entry['endpoints']),
        readyEndpoints: Number(entry['readyEndpoints']),
        requests: Number(entry['requests']),
        waitedMs: Number(entry['waitedMs']),
        problem: typeof entry['problem'] === 'string' ? entry['problem'] : null,
      };
    } catch {
      // A line cut off by a killed run.
    }
  }
  return null;
}

async function subfolders(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() === true;
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}
