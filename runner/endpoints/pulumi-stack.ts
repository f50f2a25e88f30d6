import { execFile } from 'node:child_process';
import { UserError } from '../../experiments/schema/index.js';
import type { StackOutputs } from '../../infra/outputs.js';
import { parseStackOutputs } from './outputs-file.js';

export type StackLookup =
  | { readonly found: true; readonly outputs: StackOutputs; readonly stack: string }
  /** No usable stack: no Pulumi CLI, no stack selected, or a stack without faasbench outputs. */
  | { readonly found: false; readonly why: string };

interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly missing: boolean;
}

export type RunCommand = (command: string, args: readonly string[]) => Promise<CommandResult>;

const runPulumi: RunCommand = (command, args) =>
  new Promise((resolve) => {
    execFile(command, [...args], { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });

/**
 * Reads the outputs of the selected (or named) Pulumi stack with
 * `pulumi stack output --json --show-secrets`. A stack that exists but was never deployed, or
 * deploys no faasbench experiments, counts as not found; a stack named with --stack that cannot
 * be read is a user error.
 */
export async function readPulumiStack(stack: string | null, run: RunCommand = runPulumi): Promise<StackLookup> {
  const stackArgs = stack === null ? [] : ['--stack', stack];
  const name = await run('pulumi', ['stack', '--show-name', ...stackArgs]);
  if (name.missing) {
    if (stack !== null) throw new UserError(`--stack ${stack} needs the Pulumi CLI, but \`pulumi\` is not on the PATH.`);
    return { found: false, why: 'the Pulumi CLI is not installed' };
  }
  if (name.code !== 0) {
    if (stack !== null) throw new UserError(`Pulumi stack ${stack} cannot be selected: ${oneLine(name.stderr)}.`);
    return { found: false, why: 'no Pulumi stack is selected' };
  }
  const stackName = name.stdout.trim();
  const output = await run('pulumi', ['stack', 'output', '--json', '--show-secrets', ...stackArgs]);
  if (output.code !== 0) {
    throw new UserError(`Reading the outputs of Pulumi stack ${stackName} failed: ${oneLine(output.stderr)}.`);
  }
  const raw = output.stdout.trim() === '' ? {} : (JSON.parse(output.stdout) as Record<string, unknown>);
  if (!('experiments' in raw)) {
    return { found: false, why: `Pulumi stack ${stackName} has no faasbench outputs (run \`pulumi up\` first)` };
  }
  return { found: true, stack: stackName, outputs: parseStackOutputs(output.stdout, `The outputs of Pulumi stack ${stackName}`) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^error:\s*/i, '') || 'no message';
}
