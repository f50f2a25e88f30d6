import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import winston from 'winston';
import { UserError } from '../../experiments/schema/user-error.js';
import type { RunEvent, RunListener } from '../engine/events.js';
import { burstLine, calibrationLine, emptyTally, runEndLine, runStartLine, type SubExperimentTally, subExperimentEndLine } from './log-lines.js';

/**
 * run.log (JSON lines: timestamp, level, message, then the event's fields) and a short human log
 * on the console. Requests are only counted, never logged one by one; the console gets one line per
 * burst when it is not a terminal; on a terminal the progress line stands in for those.
 *
 * The engine's events are written straight to the file and the console, one JSON.stringify per
 * line: through winston each burst line was copied three times over (logger and two transports)
 * and serialised with sorted keys, ~17 kB of garbage a burst, the largest allocation left per
 * request once dispatch itself was lean (profiled). winston remains the `logger` for everything
 * else worth a line (warnings from the CLI, say), writing the same line format into the same file.
 *
 * Nothing here logs URLs or headers, and RunEvents carry no token: keep both true.
 */

export const RUN_LOG_FILE_NAME = 'run.log';

export interface RunLogOptions {
  readonly filePath: string;
  /** Where human lines go (normally stderr); null for none. */
  readonly console: NodeJS.WritableStream | null;
  /** The console is a terminal that shows the progress line. */
  readonly tty: boolean;
}

export interface RunLog {
  readonly listener: RunListener;
  /** For anything else worth a line in run.log and on the console (warnings from the CLI, say). */
  readonly logger: winston.Logger;
  /** Flushes run.log and ends the logger; idempotent. Rejects if run.log could not be written. */
  close(): Promise<void>;
}

type Level = 'info' | 'warn' | 'error';

/** One run.log line: when, how bad, the sentence, then the fields (which never repeat those three). */
export function runLogLine(timestamp: string, level: string, message: string, fields: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify({ timestamp, level, message, ...fields })}\n`;
}

export function createRunLog(options: RunLogOptions): RunLog {
  const file = createWriteStream(options.filePath, { flags: 'a', encoding: 'utf8' });
  // Without a listener a failing log file would crash the run; the failure is reported by close().
  let failure: Error | null = null;
  file.on('error', (error) => {
    failure ??= error;
  });
  const fileLine = winston.format.printf((info) => {
    const { level, message, timestamp, ...fields } = info;
    return runLogLine(String(timestamp), level, String(message), fields).slice(0, -1);
  });
  const transports: winston.transport[] = [
    new winston.transports.Stream({ stream: file, format: winston.format.combine(winston.format.timestamp(), fileLine) }),
  ];
  if (options.console !== null) {
    transports.push(new winston.transports.Stream({ stream: options.console, format: consoleFormat(options.tty) }));
  }
  const logger = winston.createLogger({ level: 'info', format: winston.format.errors({ stack: true }), transports });
  // On a terminal the progress line is on screen without a newline: clear it before printing over it.
  const clearProgress = options.tty ? '\r\x1b[K' : '';
  const write = (level: Level, message: string, fields: Readonly<Record<string, unknown>>, onConsole: boolean): void => {
    file.write(runLogLine(new Date().toISOString(), level, message, fields));
    if (onConsole && options.console !== null) options.console.write(`${clearProgress}${level === 'info' ? '' : `${level}: `}${message}\n`);
  };

  let closing: Promise<void> | null = null;
  const close = async (): Promise<void> => {
    // The logger hands lines to its transports asynchronously; each transport finishing means its lines were written.
    const transportsDone = Promise.all(transports.map((transport) => once(transport, 'finish')));
    logger.end();
    await transportsDone;
    file.end();
    await finished(file).catch((error: Error) => {
      failure ??= error;
    });
    if (failure !== null) {
      const code = (failure as NodeJS.ErrnoException).code;
      throw new UserError(`Run log ${options.filePath} could not be written: ${code ?? failure.message}.`);
    }
  };
  return { listener: eventLogger(write, options.tty), logger, close: () => (closing ??= close()) };
}

/** Human lines: just the sentence for info, `warn:`/`error:` in front otherwise. */
function consoleFormat(tty: boolean): winston.Logform.Format {
  const clearProgress = tty ? '\r\x1b[K' : '';
  return winston.format.printf((info) => `${clearProgress}${info.level === 'info' ? '' : `${info.level}: `}${String(info.message)}`);
}

type WriteLine = (level: Level, message: string, fields: Readonly<Record<string, unknown>>, onConsole: boolean) => void;

function eventLogger(write: WriteLine, tty: boolean): RunListener {
  const titles = new Map<number, string>();
  const tallies = new Map<number, SubExperimentTally>();
  const total = emptyTally();
  let runId = '';
  const tallyOf = (index: number): SubExperimentTally => {
    let tally = tallies.get(index);
    if (tally === undefined) tallies.set(index, (tally = emptyTally()));
    return tally;
  };

  return (event: RunEvent) => {
    switch (event.type) {
      case 'run-start': {
        const { run } = event;
        runId = run.runId;
        for (const sub of run.experiment.subExperiments) titles.set(sub.index, sub.title);
        const endpointCount = run.endpoints.subExperiments.reduce((n, sub) => n + sub.endpoints.length, 0);
        write('info', runStartLine(run, endpointCount), {
          event: event.type,
          runId: run.runId,
          experimentFile: run.experiment.file,
          title: run.experiment.title,
          vendor: run.experiment.vendor,
          seed: run.experiment.seed,
          seedGenerated: run.experiment.seedGenerated,
          toolVersion: run.toolVersion,
          nodeVersion: run.nodeVersion,
          endpointSource: run.endpointSource,
          endpointCount,
          subExperiments: run.experiment.subExperiments.length,
          plannedRequests: run.plannedRequests,
          plannedBursts: run.plannedBursts,
          plannedLastBurstMs: run.plannedLastBurstMs,
          startedAt: new Date(run.originEpochMs).toISOString(),
        }, true);
        return;
      }
      case 'calibration': {
        const level = event.calibration.problem === null ? 'info' : 'warn';
        write(level, calibrationLine(event.calibration), { event: event.type, ...event.calibration }, true);
        return;
      }
      case 'request': {
        const { record } = event;
        for (const tally of [tallyOf(record.subExperimentIndex), total]) {
          tally.requests += 1;
          if (!record.ok) {
            tally.errors += 1;
            const code = record.errorCode ?? 'UNKNOWN';
            tally.errorCounts[code] = (tally.errorCounts[code] ?? 0) + 1;
          }
          if (record.requestClass === 'cold') tally.cold += 1;
          if (record.requestClass === 'warm') tally.warm += 1;
        }
        return;
      }
      case 'burst-end':
        tallyOf(event.summary.subExperimentIndex).bursts += 1;
        total.bursts += 1;
        // On a terminal the progress line covers bursts.
        write('info', burstLine(event.summary), { event: event.type, ...event.summary }, !tty);
        return;
      case 'sub-experiment-end': {
        const title = titles.get(event.subExperimentIndex) ?? `sub-experiment ${event.subExperimentIndex}`;
        const tally = tallyOf(event.subExperimentIndex);
        write('info', subExperimentEndLine(title, tally), {
          event: event.type,
          subExperimentIndex: event.subExperimentIndex,
          subExperiment: title,
          endMs: event.endMs,
          ...tally,
        }, true);
        return;
      }
      case 'run-end': {
        const level = event.status === 'completed' ? 'info' : event.status === 'interrupted' ? 'warn' : 'error';
        write(level, runEndLine(runId, event.status, event.reason, event.endMs, total), {
          event: event.type,
          status: event.status,
          reason: event.reason,
          endMs: event.endMs,
          ...total,
        }, true);
        return;
      }
      case 'burst-start':
        // burst-end repeats everything burst-start says, with the outcome.
        return;
    }
  };
}
