import { closeSync, openSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { UserError } from '../../experiments/schema/user-error.js';
import type { CalibrationResult } from '../engine/events.js';
import type { DispatchedRound, JournalState } from '../engine/resume-plan.js';
import type { BurstSpec, DispatchJournal } from '../engine/study-deps.js';

/**
 * dispatch-journal.jsonl: one JSON line per fact a resume needs, written with a synchronous write
 * so the line is in the operating system's hands before the call returns (a kill -9 right after
 * cannot lose it). A round is one line, written shortly before it is due and never while it fires;
 * a line cut off by a kill is the last one, and it is ignored.
 *
 *   {"t":"segment","segment":0,"pid":4242,"at":"2026-…Z"}     a process starts (or resumes) the run
 *   {"t":"calibration","calibration":{…}}                      reused on resume
 *   {"t":"start","sub":0,"startMs":1834.2}                     rounds are timed from here
 *   {"t":"dispatched","sub":0,"round":3,"scheduledMs":…,"spin":0,"bursts":[6,7]}
 *   {"t":"cancelled","sub":0,"round":3,"bursts":[6,7]}        journaled, then the run stopped first
 */

export const JOURNAL_FILE_NAME = 'dispatch-journal.jsonl';

type JournalEntry =
  | { readonly t: 'segment'; readonly segment: number; readonly pid: number; readonly at: string }
  | { readonly t: 'calibration'; readonly calibration: CalibrationResult }
  | { readonly t: 'start'; readonly sub: number; readonly startMs: number }
  | { readonly t: 'dispatched'; readonly sub: number; readonly round: number; readonly scheduledMs: number; readonly spin: number; readonly bursts: readonly number[] }
  | { readonly t: 'cancelled'; readonly sub: number; readonly round: number; readonly bursts: readonly number[] };

export interface DispatchJournalFile extends DispatchJournal {
  /** Closes the file; idempotent. */
  close(): void;
}

/** Opens (appending) the run's journal and writes the segment line. Throws a UserError when the file cannot be opened. */
export function openDispatchJournal(filePath: string, segment: number, now: Date): DispatchJournalFile {
  let fd: number | null;
  try {
    fd = openSync(filePath, 'a');
  } catch (error) {
    throw new UserError(`Dispatch journal ${filePath} cannot be opened: ${String((error as NodeJS.ErrnoException).code ?? error)}.`);
  }
  const write = (entry: JournalEntry): void => {
    if (fd === null) throw new Error('the dispatch journal is closed');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Without its journal line a round must not leave: a resume could not know it was sent.
      throw new Error(`the dispatch journal ${filePath} could not be written (${code ?? String(error)}), so no further round is sent`);
    }
  };
  try {
    write({ t: 'segment', segment, pid: process.pid, at: now.toISOString() });
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  const round = (specs: readonly BurstSpec[]) => {
    const first = specs[0] as BurstSpec;
    return { sub: first.sub.index, round: first.round, bursts: specs.map((spec) => spec.burstId) };
  };
  return {
    calibrated: (calibration) => write({ t: 'calibration', calibration }),
    subStarted: (sub, startMs) => write({ t: 'start', sub, startMs }),
    willFire: (specs) => {
      if (specs.length > 0) write({ t: 'dispatched', ...round(specs), scheduledMs: (specs[0] as BurstSpec).scheduledMs, spin: (specs[0] as BurstSpec).spinIncrements });
    },
    cancelled: (specs) => {
      if (specs.length > 0) write({ t: 'cancelled', ...round(specs) });
    },
    close: () => {
      if (fd !== null) closeSync(fd);
      fd = null;
    },
  };
}

export interface JournalContents {
  readonly state: JournalState;
  /** Segments written so far (the next one is this number). */
  readonly segments: number;
  /** The latest scheduled time of a dispatched round (run timeline), null when none. */
  readonly lastScheduledMs: number | null;
}

/** Reads a journal; `null` when the run has none. A cut-off last line is ignored; any other bad line is a UserError. */
export async function readDispatchJournal(filePath: string): Promise<JournalContents | null> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new UserError(`Dispatch journal ${filePath} cannot be read: ${String((error as NodeJS.ErrnoException).code ?? error)}.`);
  }
  return foldJournal(text, filePath);
}

/** The journal's text as state (pure). */
export function foldJournal(text: string, source: string): JournalContents {
  const lines = text.split('\n');
  // The last element is '' after a final newline, or a line cut off by a kill: either way not an entry.
  lines.pop();
  const calibrations = new Map<number, CalibrationResult>();
  const starts = new Map<number, number>();
  const dispatched = new Map<number, Map<number, DispatchedRound>>();
  let segments = 0;
  lines.forEach((line, index) => {
    let entry: JournalEntry;
    try {
      entry = JSON.parse(line) as JournalEntry;
    } catch {
      throw new UserError(`Dispatch journal ${source}, line ${index + 1}, is not a journal entry; the run folder was edited or damaged, so it cannot be resumed safely.`);
    }
    switch (entry.t) {
      case 'segment':
        segments = Math.max(segments, entry.segment + 1);
        return;
      case 'calibration':
        calibrations.set(entry.calibration.subExperimentIndex, entry.calibration);
        return;
      case 'start':
        starts.set(entry.sub, entry.startMs);
        return;
      case 'dispatched': {
        let bursts = dispatched.get(entry.sub);
        if (bursts === undefined) dispatched.set(entry.sub, (bursts = new Map()));
        const round: DispatchedRound = { subExperimentIndex: entry.sub, round: entry.round, scheduledMs: entry.scheduledMs, spinIncrements: entry.spin, burstIds: entry.bursts };
        for (const id of entry.bursts) bursts.set(id, round);
        return;
      }
      case 'cancelled':
        for (const id of entry.bursts) dispatched.get(entry.sub)?.delete(id);
        return;
      default:
        throw new UserError(`Dispatch journal ${source}, line ${index + 1}, has an unknown entry; it was written by another faasbench version or damaged.`);
    }
  });
  let lastScheduledMs: number | null = null;
  for (const bursts of dispatched.values()) {
    for (const round of bursts.values()) lastScheduledMs = Math.max(lastScheduledMs ?? round.scheduledMs, round.scheduledMs);
  }
  return { state: { calibrations, starts, dispatched }, segments, lastScheduledMs };
}
