import os from 'node:os';
import path from 'node:path';
import type { RunEvent, RunListener } from '../engine/events.js';
import { writeFileAtomic } from '../results/atomic-write.js';
import type { ResolvedFileStatus } from '../results/resolved-file.js';
import { HEARTBEAT_EVERY_MS, type RunnerPhase, STATUS_FILE_NAME, STATUS_FORMAT_VERSION, type RunStatusDocument } from '../results/run-status.js';

/**
 * Keeps status.json current while this process works on a run (see runner/results/run-status.ts).
 * A small file rewritten on a timer: a few hundred bytes, written off the event loop, never from a
 * burst's firing loop (timers cannot run inside it). A beat that fails (a full disk) is skipped;
 * the latency file reports that failure.
 */

export interface Heartbeat {
  /** Counts bursts and requests for the progress the file shows. */
  readonly listener: RunListener;
  /** The study is over; statistics and report are being written. */
  finishing(status: ResolvedFileStatus): void;
  /** The process is done with the run: stops the timer and writes the last beat. */
  stop(status: ResolvedFileStatus): Promise<void>;
}

export interface HeartbeatOptions {
  readonly dir: string;
  readonly runId: string;
  readonly segment: number;
  readonly planned: { readonly bursts: number; readonly requests: number };
  /** Counts carried over from earlier segments of a resumed run. */
  readonly done?: { readonly bursts: number; readonly requests: number; readonly errors: number };
  readonly everyMs?: number;
  readonly now?: () => Date;
}

export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const filePath = path.join(options.dir, STATUS_FILE_NAME);
  const now = options.now ?? (() => new Date());
  const everyMs = options.everyMs ?? HEARTBEAT_EVERY_MS;
  const done = { bursts: 0, requests: 0, errors: 0, ...options.done };
  let phase: RunnerPhase = 'running';
  let status: ResolvedFileStatus = 'running';
  let writing: Promise<void> = Promise.resolve();
  let busy = false;

  const document = (): RunStatusDocument => ({
    formatVersion: STATUS_FORMAT_VERSION,
    runId: options.runId,
    phase,
    status,
    pid: process.pid,
    host: os.hostname(),
    segment: options.segment,
    heartbeatAt: now().toISOString(),
    heartbeatEveryMs: everyMs,
    done: { ...done },
    planned: options.planned,
  });
  const beat = (): void => {
    // A slow disk must not pile up writes: skip a beat while the last one is still going.
    if (busy) return;
    busy = true;
    writing = writeFileAtomic(filePath, `${JSON.stringify(document(), null, 2)}\n`)
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  };
  beat();
  const timer = setInterval(beat, everyMs);
  timer.unref();

  const listener: RunListener = (event: RunEvent) => {
    if (event.type === 'request') {
      done.requests += 1;
      if (!event.record.ok) done.errors += 1;
    } else if (event.type === 'burst-end') {
      done.bursts += 1;
    }
  };
  return {
    listener,
    finishing(next) {
      phase = 'finishing';
      status = next;
      beat();
    },
    async stop(final) {
      clearInterval(timer);
      await writing;
      phase = 'exited';
      status = final;
      busy = false;
      beat();
      await writing;
    },
  };
}
