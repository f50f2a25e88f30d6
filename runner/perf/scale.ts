import { fork } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeScaleRunFolder } from './scale-latency-file.js';
import { formatScale, type ScaleFigures } from './scale-report.js';
import { cutLastRowInHalf, SCALE_RESUME_CHAIN_SUB, type ScaleResumeFigures } from './scale-resume.js';
import type { PerfSection } from './section.js';

/**
 * The scale section of `npm run perf`: how the report's time and memory grow with the size of a
 * study. For each row count a synthetic run folder is written (scale-latency-file.ts) and its
 * report built in a child process of its own (scale-child.ts), exactly as `npm run report` builds
 * it; the child reports its time and its peak resident memory. Then the folder's last row is cut in
 * half, as a kill leaves it, and what `--resume` reads of it is measured the same way, in a child
 * of its own (scale-resume.ts). The smallest count is the baseline the others are compared with.
 * Takes a few minutes; the files are removed after each count.
 */

export const SCALE_ROW_COUNTS = [10_000, 100_000, 1_000_000] as const;

export const scaleSection: PerfSection = {
  name: 'scale',
  description: 'report and resume preparation of synthetic studies of 10k, 100k and 1M requests: time and peak memory (a few minutes)',
  run: () => measureScale(SCALE_ROW_COUNTS),
};

export async function measureScale(rowCounts: readonly number[]): Promise<string> {
  const figures: ScaleFigures[] = [];
  for (const rows of rowCounts) figures.push(await measureOne(rows));
  return formatScale(figures);
}

async function measureOne(rows: number): Promise<ScaleFigures> {
  const root = await mkdtemp(path.join(os.tmpdir(), `faasbench-scale-${rows}-`));
  try {
    const dir = path.join(root, 'scale', `run-${rows}`);
    const generateStartMs = performance.now();
    await writeScaleRunFolder(dir, rows);
    const generateMs = performance.now() - generateStartMs;
    const fileBytes = (await stat(path.join(dir, 'latencies.csv'))).size;
    const processStartMs = performance.now();
    const child = await runChild(dir, 'report');
    const processMs = performance.now() - processStartMs;

    const { halfRowBytes } = await cutLastRowInHalf(path.join(dir, 'latencies.csv'));
    const resumeStartMs = performance.now();
    const resume = (await runChild(dir, 'resume')) as ChildFigures & ScaleResumeFigures;
    const resumeProcessMs = performance.now() - resumeStartMs;
    // The figures are only worth printing if the resume read what is there.
    if (resume.requests !== rows - 1 || resume.cutBytes !== halfRowBytes || (rows > 100 && resume.lostHopRows === 0)) {
      throw new Error(
        `the resume preparation of ${dir} found ${resume.requests} requests (expected ${rows - 1}), cut ${resume.cutBytes} bytes (expected the half row's ${halfRowBytes}), ` +
          `${resume.lostHopRows} LOST hop rows for sub-experiment ${SCALE_RESUME_CHAIN_SUB}`,
      );
    }
    return {
      rows,
      fileBytes,
      generateMs,
      reportMs: child.wallMs,
      processMs,
      peakRssMb: child.peakRssMb,
      resume: { ms: resume.wallMs, processMs: resumeProcessMs, peakRssMb: resume.peakRssMb },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

interface ChildFigures {
  readonly wallMs: number;
  readonly peakRssMb: number;
}

/** Runs scale-child.ts on `dir` (same loader flags as this process, so tsx applies) and reads its one JSON line. */
function runChild(dir: string, mode: 'report' | 'resume'): Promise<ChildFigures> {
  const child = fork(new URL('./scale-child.ts', import.meta.url), [dir, mode], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const out: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const lines = Buffer.concat(out).toString('utf8').trim().split('\n');
      if (code !== 0) {
        reject(new Error(`the ${mode} child of ${dir} failed (${signal ?? `exit status ${code}`}): ${lines.join(' ').slice(0, 500)}`));
        return;
      }
      try {
        resolve(JSON.parse(lines.at(-1) ?? '') as ChildFigures);
      } catch {
        reject(new Error(`the ${mode} child printed no figures: ${lines.join(' ').slice(0, 500)}`));
      }
    });
  });
}
