import { type ChildProcess, fork } from 'node:child_process';
import type { PlatformMessage, PlatformRequest } from './ipc-messages.js';
import type { LocalFunctionSpec, LocalPlatformApi, LocalPlatformEnd, LocalPlatformOptions, LocalPlatformStats } from './platform-types.js';
import { prepareRuntimeEntries } from './runtime-entries.js';

export interface LocalPlatformHandle extends LocalPlatformApi {
  /** The platform process; its instances are its children. */
  readonly pid: number;
  /**
   * Settles, with how it ended ("was killed by SIGKILL"), if the platform process ends before
   * stop() was called: every request sent after that fails, so a run must stop at once.
   */
  readonly died: Promise<string>;
}

/** How long stop() waits for the platform's orderly exit before it kills it. */
const STOP_TIMEOUT_MS = 10_000;

type Call = { method: 'deploy'; specs: readonly LocalFunctionSpec[] } | { method: 'stats' | 'stop' };

/**
 * Starts the local platform in a process of its own (plain `node`, bundled entry point), so
 * the gateway and the instance pool never share the runner's event loop, and returns a handle
 * that talks to it over IPC. The platform exits when this process does, however it ends.
 *
 * It runs in a process group of its own (detached): a Ctrl-C in the terminal signals the whole
 * foreground group, and the platform must keep serving the requests in flight while the runner
 * finishes; the runner stops it after writing. Its instances are its children, in its group.
 */
export async function startLocalPlatformProcess(options: LocalPlatformOptions): Promise<LocalPlatformHandle> {
  const runtime = await prepareRuntimeEntries(options.workDir);
  const child = fork(runtime.platformMain, [], {
    execPath: process.execPath,
    execArgv: [],
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A new process group on POSIX; on Windows it would open a console window instead.
    detached: process.platform !== 'win32',
  });
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal === null ? `exited with code ${code}` : `was killed by ${signal}`));
    child.on('error', (error) => resolve(`could not run: ${error.message}`));
  });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    child.on('message', function onStart(message: PlatformMessage) {
      if (message.type === 'started') resolve(message.baseUrl);
      else if (message.type === 'start-failed') reject(new Error(`the local platform could not start: ${message.message}`));
      else return;
      child.off('message', onStart);
    });
    void exited.then((why) => reject(new Error(`the local platform process ${why} while starting`)));
    child.send({ type: 'start', options: { ...options, instanceHostPath: runtime.instanceHost } } satisfies PlatformRequest);
  });
  return handleFor(child, baseUrl, exited);
}

function handleFor(child: ChildProcess, baseUrl: string, exited: Promise<string>): LocalPlatformHandle {
  const pending = new Map<number, { resolve(value: LocalPlatformStats | LocalPlatformEnd | undefined): void; reject(error: Error): void }>();
  let nextId = 1;
  let gone: string | null = null;
  child.on('message', (message: PlatformMessage) => {
    if (message.type !== 'reply') return;
    const call = pending.get(message.id);
    pending.delete(message.id);
    if (message.ok) call?.resolve(message.value);
    else call?.reject(new Error(`local platform: ${message.message}`));
  });
  void exited.then((why) => {
    gone = why;
    for (const call of pending.values()) call.reject(new Error(`the local platform process ${why}`));
    pending.clear();
  });

  const call = (request: Call): Promise<LocalPlatformStats | LocalPlatformEnd | undefined> => {
    if (gone !== null) return Promise.reject(new Error(`the local platform process ${gone}`));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ type: 'call', id, ...request } satisfies PlatformRequest);
    });
  };

  let stopping: Promise<LocalPlatformEnd | null> | null = null;
  const died = new Promise<string>((resolve) => {
    void exited.then((why) => {
      if (stopping === null) resolve(why);
    });
  });
  return {
    baseUrl,
    pid: child.pid ?? -1,
    died,
    deploy: async (specs) => {
      await call({ method: 'deploy', specs });
    },
    stats: async () => {
      const stats = await call({ method: 'stats' });
      if (stats === undefined || !('instancePids' in stats)) throw new Error('the local platform sent no stats');
      return stats;
    },
    stop: () => {
      stopping ??= (async () => {
        if (gone !== null) return null;
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        const end = await call({ method: 'stop' }).catch(() => undefined);
        await exited;
        clearTimeout(timer);
        // Killed before it answered: what its object store held went with it, unknown.
        return end !== undefined && 'objectStore' in end && !('instancePids' in end) ? end : null;
      })();
      return stopping;
    },
  };
}
