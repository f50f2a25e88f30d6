import { open, readFile, truncate } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedChain, ResolvedExperiment } from '../../experiments/schema/index.js';
import { readResumeRows } from '../bench/resume-rows.js';

/**
 * The resume half of the scale benchmark: what `--resume` reads of a killed study before it sends
 * anything (bench/resume-rows.ts, the function prepare-resume calls), on the synthetic run folder
 * with its last row cut in half as a kill leaves it. The synthetic study has no chain, so its
 * `cold` sub-experiment (a tenth of the rows) is taken as a 3-function chain whose transfers.csv
 * never reached the disk: the worst case for transfers.csv, every one of its requests gets its
 * 2 LOST hop rows.
 */

export const SCALE_RESUME_CHAIN_SUB = 2;
const SCALE_RESUME_CHAIN: ResolvedChain = { length: 3, transfer: 'storage', payloadBytes: 1024 };
const TAIL_BYTES = 64 * 1024;

/**
 * Cuts the file's last line (it ends with a newline) in half; resolves with the bytes removed and
 * the half row left behind (what a resume must cut away).
 */
export async function cutLastRowInHalf(filePath: string): Promise<{ removedBytes: number; halfRowBytes: number }> {
  const handle = await open(filePath, 'r');
  let size: number;
  let tail: Buffer;
  try {
    size = (await handle.stat()).size;
    const start = Math.max(0, size - TAIL_BYTES);
    tail = Buffer.alloc(size - start);
    await handle.read(tail, 0, tail.length, start);
  } finally {
    await handle.close();
  }
  const lineStart = tail.lastIndexOf(0x0a, tail.length - 2) + 1;
  const lineBytes = tail.length - lineStart;
  const removedBytes = Math.ceil(lineBytes / 2);
  await truncate(filePath, size - removedBytes);
  return { removedBytes, halfRowBytes: lineBytes - removedBytes };
}

export interface ScaleResumeFigures {
  readonly requests: number;
  readonly bursts: number;
  readonly cutBytes: number;
  readonly lostHopRows: number;
}

/** What prepare-resume reads of the rows of `dir`, with the chain sub-experiment above. */
export async function prepareScaleResume(dir: string): Promise<ScaleResumeFigures> {
  const document = JSON.parse(await readFile(path.join(dir, 'experiment.resolved.json'), 'utf8')) as { experiment: Pick<ResolvedExperiment, 'subExperiments'> };
  const experiment = {
    subExperiments: document.experiment.subExperiments.map((sub) => ({
      ...sub,
      chain: sub.index === SCALE_RESUME_CHAIN_SUB ? SCALE_RESUME_CHAIN : null,
      preinitThresholdMs: 10_000,
    })),
  };
  const resume = await readResumeRows(dir, experiment);
  return { requests: resume.done.requests, bursts: resume.done.bursts, cutBytes: resume.cutBytes, lostHopRows: resume.transfers.lostRows };
}
