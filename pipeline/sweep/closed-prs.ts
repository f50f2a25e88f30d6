import { execFile } from 'node:child_process';
import { parseClosedPrs } from './select-leftovers.js';

export type RunCommand = (command: string, args: readonly string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;

const runCommand: RunCommand = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : null, stdout, stderr: error !== null && stderr === '' ? error.message : stderr });
    });
  });

/** Closed (and merged) pull requests of the current repository, asked of the GitHub CLI (CI has it and a token). */
export async function closedPrsFromGh(limit: number, run: RunCommand = runCommand): Promise<Set<number>> {
  const result = await run('gh', ['pr', 'list', '--state', 'closed', '--limit', String(limit), '--json', 'number']);
  if (result.code !== 0) throw new Error(`\`gh pr list\` failed: ${result.stderr.trim() || `exit status ${result.code}`}`);
  return parseClosedPrs(result.stdout, 'the output of `gh pr list`');
}
