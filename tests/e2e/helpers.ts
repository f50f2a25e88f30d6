import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
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

/** `npm run bench -- ...args` exactly as the script runs it (node --import tsx runner/main.ts), without npm's own lines. */
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

export interface NpmBench {
  readonly child: ChildProcess;
  /** npm's pid, also the id of the process group it leads. */
  readonly pid: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

/**
 * A real `npm run bench -- ...args`, in a process group of its own (as a terminal would start
 * it), so a test can signal the group, npm alone or the runner alone.
 */
export function npmBench(args: readonly string[]): NpmBench {
  const child = spawn('npm', ['run', 'bench', '--', ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, pid: child.pid as number, exited, stdout: () => out, stderr: () => err };
}

export async function waitFor(check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  return check();
}

/** Process ids whose command line contains `needle` (Linux /proc), this test process excluded. */
export async function processesMatching(needle: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    const cmdline = await commandLine(Number(entry));
    if (cmdline !== null && cmdline.includes(needle)) pids.push(Number(entry));
  }
  return pids;
}

async function commandLine(pid: number): Promise<string | null> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
  } catch {
    return null;
  }
}

/** Parent pid and state of a live process, or null when it is gone (or a zombie). */
async function processStat(pid: number): Promise<{ ppid: number; state: string } | null> {
  try {
    const text = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold anything: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const state = fields[0] as string;
    return state === 'Z' ? null : { ppid: Number(fields[1]), state };
  } catch {
    return null;
  }
}

export async function isAlive(pid: number): Promise<boolean> {
  return (await processStat(pid)) !== null;
}

/** Direct children of `pid` whose command line contains `needle`. */
export async function childrenMatching(pid: number, needle: string): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = Number(entry);
    const info = await processStat(child);
    if (info?.ppid !== pid) continue;
    if ((await commandLine(child))?.includes(needle) === true) found.push(child);
  }
  return found;
}

/** The runner (runner/main.ts) under an npm process, once it has started. */
export async function runnerOf(npmPid: number, timeoutMs = 60_000): Promise<number> {
  let runner: number | undefined;
  await waitFor(async () => (runner = (await childrenMatching(npmPid, 'runner/main.ts'))[0]) !== undefined, timeoutMs);
  if (runner === undefined) throw new Error(`no runner under npm ${npmPid}`);
  return runner;
}

/** The local platform process started by a runner, once it runs. */
export async function platformOf(runnerPid: number, timeoutMs = 60_000): Promise<number> {
  let platform: number | undefined;
  await waitFor(async () => (platform = (await childrenMatching(runnerPid, 'platform-main'))[0]) !== undefined, timeoutMs);
  if (platform === undefined) throw new Error(`no local platform under runner ${runnerPid}`);
  return platform;
}

/** Every instance of one platform runs in that platform's folder, named after its pid. */
export function instancesOf(platformPid: number): Promise<number[]> {
  return processesMatching(`${path.sep}platforms${path.sep}${platformPid}-`);
}

/** True once the runner, the platform and every instance of that platform are gone. */
export async function nothingLeft(runnerPid: number, platformPid: number): Promise<boolean> {
  return (
    !(await isAlive(runnerPid)) &&
    // A pid is reused only after the counter wraps; still, a live pid must be a platform to count.
    !((await isAlive(platformPid)) && (await commandLine(platformPid))?.includes('platform-main') === true) &&
    (await instancesOf(platformPid)).length === 0
  );
}

/** Data rows of latencies.csv (complete lines after the header); 0 while it does not exist. */
export async function csvRowCount(file: string): Promise<number> {
  try {
    return Math.max(0, (await readFile(file, 'utf8')).split('\n').length - 2);
  } catch {
    return 0;
  }
}

/** Waits until the run under results/<slug>/ has written at least `rows` rows; returns its folder. */
export async function waitForRows(results: string, slug: string, rows: number, timeoutMs = 90_000): Promise<string> {
  let dir: string | null = null;
  const ok = await waitFor(async () => {
    try {
      dir ??= await runFolder(results, slug);
    } catch {
      return false;
    }
    return (await csvRowCount(path.join(dir, 'latencies.csv'))) >= rows;
  }, timeoutMs, 200);
  if (!ok || dir === null) throw new Error(`no ${rows} rows under ${results}/${slug} within ${timeoutMs} ms`);
  return dir;
}
