import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../../experiments/schema/user-error.js';
import type { LatencyTable } from '../results/latency-table.js';
import { readLatencyTable } from '../results/read-latency-table.js';
import { RESOLVED_FILE_NAME } from '../results/resolved-file.js';
import { readRunLiveness } from '../results/run-status.js';
import { LATENCY_FILE_NAME } from '../sinks/index.js';
import { COMPARISON_MARKER_FILE_NAME } from './comparison/comparison-folder.js';
import { parseRunDocument, type RunDocument } from './resolved-document.js';

/**
 * Everything a report is made from, read from one run folder: latencies.csv as a table of columns
 * (streamed; a truncated last row from an interrupted run is dropped by the reader) and experiment.resolved.json
 * when it is there and readable. A missing or unreadable resolved file is not an error: the report
 * says why it is missing and works from the records alone. A folder that is not a run is a UserError
 * naming the folder.
 */

export interface RunInputs {
  readonly runDir: string;
  /** The requests of latencies.csv, as the columns reports use (results/latency-table.ts). */
  readonly table: LatencyTable;
  readonly document: RunDocument | null;
  /** Why experiment.resolved.json could not be used; null when it was. */
  readonly documentProblem: string | null;
}

export async function readRunInputs(runDir: string): Promise<RunInputs> {
  await requireRunFolder(runDir);
  const table = await readLatencyTable(path.join(runDir, LATENCY_FILE_NAME));
  const { document, documentProblem } = await readRunDocument(runDir);
  return { runDir, table, document, documentProblem };
}

async function requireRunFolder(runDir: string): Promise<void> {
  const kind = await pathKind(runDir);
  if (kind === 'missing') throw new UserError(`${runDir}: no such folder.`);
  if (kind === 'file') throw new UserError(`${runDir}: is a file, not a results folder; pass the run's folder (results/<experiment>/<run-id>).`);
  if ((await pathKind(path.join(runDir, LATENCY_FILE_NAME))) === 'file') return;
  if ((await pathKind(path.join(runDir, COMPARISON_MARKER_FILE_NAME))) === 'file') {
    throw new UserError(`${runDir}: is a comparison made by npm run report, not a run; pass the run folders it compares.`);
  }
  throw new UserError(`${runDir}: has no ${LATENCY_FILE_NAME}, so it is not a faasbench run folder (results/<experiment>/<run-id>).`);
}

async function readRunDocument(runDir: string): Promise<{ document: RunDocument | null; documentProblem: string | null }> {
  const filePath = path.join(runDir, RESOLVED_FILE_NAME);
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { document: null, documentProblem: code === 'ENOENT' ? `${RESOLVED_FILE_NAME} is missing` : `${RESOLVED_FILE_NAME} cannot be read (${String(code ?? error)})` };
  }
  const parsed = parseRunDocument(text);
  if (typeof parsed === 'string') return { document: null, documentProblem: `${RESOLVED_FILE_NAME} cannot be used: ${parsed}` };
  if (parsed.status === 'running') {
    // `running` is also what a killed run leaves: its heartbeat tells (runner/results/run-status.ts).
    const liveness = await readRunLiveness(runDir, 'running', filePath);
    if (liveness.state === 'killed') return { document: { ...parsed, status: 'killed', reason: liveness.why }, documentProblem: null };
  }
  return { document: parsed, documentProblem: null };
}

async function pathKind(filePath: string): Promise<'missing' | 'file' | 'folder'> {
  try {
    return (await stat(filePath)).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}
