import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/** A temp folder with an experiment file in it. */
export async function experimentFile(experiment: unknown): Promise<{ dir: string; file: string; results: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-e2e-'));
  const file = path.join(dir, 'experiment.json');
  await writeFile(file, JSON.stringify(experiment));
  return { dir, file, results: path.join(dir, 'results') };
}

/** The one run folder under results/<slug>/. */
export async function runFolder(results: string, slug: string): Promise<string> {
  const runs = await readdir(path.join(results, slug));
  if (runs.length !== 1) throw new Error(`expected one run under ${results}/${slug}, found ${runs.length}`);
  return path.join(results, slug, runs[0] as string);
}

/** `npm run bench -- ...args` exactly as the script runs it (tsx runner/main.ts), without npm's own lines. */
export function benchProcess(args: readonly string[]) {
  return spawn(process.execPath, ['--import', 'tsx', 'runner/main.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

export function runBench(args: readonly string[], timeoutMs = 60_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'runner/main.ts', ...args], { timeout: timeoutMs }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr });
    });
  });
}

/** Process ids whose command line contains `needle` (Linux /proc), this test process excluded. */
export async function processesMatching(needle: string): Promise<number[]> {
  const { readFile } = await import('node:fs/promises');
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = (await readFile(`/proc/${entry}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      if (cmdline.includes(needle)) pids.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}
