import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The runner's entry, run exactly as `npm run bench` runs it (tsx runner/main.ts). */
const BENCH_MAIN = fileURLToPath(new URL('../../runner/main.ts', import.meta.url));
/** tsx's loader (its package export "." is the loader for `--import`). */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface BenchProcessOptions {
  /** Arguments after `npm run bench --`. */
  readonly args: readonly string[];
  /** Working folder (the project root: experiment paths are relative to it). */
  readonly cwd: string;
  /** stdout and stderr of the run go here, whole. */
  readonly logFile: string;
  /** First stop: SIGINT, the runner stops scheduling and writes everything measured. */
  readonly stop: AbortSignal;
  /** Second stop: SIGKILL; rows already in latencies.csv stay. */
  readonly kill: AbortSignal;
  /** After a stop, how long the runner may take to write before it is killed. */
  readonly graceMs: number;
  readonly env?: NodeJS.ProcessEnv;
}

export interface BenchProcessResult {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * One study as a child process. Why not in-process (`benchCli`): several stacks run at once, and
 * their studies must not share one event loop — a burst of one study would wait behind another's
 * CSV writes and JSON parsing, which is exactly the client-side delay the runner is built to keep
 * out of its timings (the local platform runs in its own process for the same reason). A child
 * can also be stopped and, if it does not stop, killed without taking the pipeline down.
 *
 * The child gets its own process group (detached), so a terminal's Ctrl-C reaches it only through
 * the pipeline: one SIGINT on the first stop, SIGKILL on the second or when `graceMs` runs out.
 */
export async function runBenchProcess(options: BenchProcessOptions): Promise<BenchProcessResult> {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', TSX, BENCH_MAIN, ...options.args], {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout.pipe(log, { end: false });
  child.stderr.pipe(log, { end: false });
  const exited = new Promise<BenchProcessResult>((resolve) => {
    child.once('exit', (exitCode, signal) => resolve({ exitCode, signal }));
    child.once('error', (error) => {
      log.write(`faasbench pipeline: the runner could not start: ${error.message}\n`);
      resolve({ exitCode: null, signal: null });
    });
  });

  let graceTimer: NodeJS.Timeout | null = null;
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
    graceTimer ??= setTimeout(kill, options.graceMs);
  };
  if (options.stop.aborted) stop();
  options.stop.addEventListener('abort', stop, { once: true });
  if (options.kill.aborted) kill();
  options.kill.addEventListener('abort', kill, { once: true });
  try {
    const result = await exited;
    // Let the pipes drain into the log before it is closed.
    await Promise.all([child.stdout.readableEnded ? null : once(child.stdout, 'end').catch(() => null), child.stderr.readableEnded ? null : once(child.stderr, 'end').catch(() => null)]);
    return result;
  } finally {
    if (graceTimer !== null) clearTimeout(graceTimer);
    options.stop.removeEventListener('abort', stop);
    options.kill.removeEventListener('abort', kill);
    log.end();
    await once(log, 'close').catch(() => null);
  }
}
