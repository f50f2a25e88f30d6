import path from 'node:path';
import {
  CommandError,
  ConcurrentUpdateError,
  LocalWorkspace,
  PulumiCommand,
  Stack,
  StackAlreadyExistsError,
  StackNotFoundError,
} from '@pulumi/pulumi/automation/index.js';
import { type PipelineStack, type StackBackend, StackExistsError, type StackListing, StackLockedError, StackMissingError } from './backend.js';

export interface AutomationBackendOptions {
  /** The Pulumi project folder (Pulumi.yaml). */
  readonly workDir: string;
  /** A Pulumi installation root whose bin/pulumi is used; null for `pulumi` on the PATH. */
  readonly pulumiRoot: string | null;
  /** Extra environment for the CLI (the process environment is passed through as well). */
  readonly envVars?: Readonly<Record<string, string>>;
}

/**
 * The StackBackend on Pulumi's Automation API: one LocalWorkspace on the project folder, one CLI
 * (`PulumiCommand.get`, from a chosen root or the PATH), every call with an explicit `--stack`, so
 * several stacks can be worked on at once. CLI failures become short errors carrying the CLI's
 * own `error:` lines.
 */
export async function automationBackend(options: AutomationBackendOptions): Promise<StackBackend> {
  const pulumiCommand = await PulumiCommand.get(options.pulumiRoot === null ? {} : { root: options.pulumiRoot }).catch((error: unknown) => {
    const where = options.pulumiRoot === null ? '`pulumi` on the PATH' : path.join(options.pulumiRoot, 'bin', 'pulumi');
    throw new Error(`the Pulumi CLI (${where}) cannot be run: ${cliProblem(error)}`);
  });
  const workspace = await LocalWorkspace.create({ workDir: options.workDir, pulumiCommand, envVars: { ...options.envVars } });
  const cli = options.pulumiRoot === null ? 'pulumi' : path.join(options.pulumiRoot, 'bin', 'pulumi');

  const wrap = (stack: Stack): PipelineStack => ({
    name: stack.name,
    setConfig: (values) =>
      translate(stack.setAllConfig(Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value, secret: false }])), true)),
    up: async ({ signal, onOutput }) => {
      await translate(stack.up({ signal, onOutput, onError: onOutput }));
    },
    outputs: async () => Object.fromEntries(Object.entries(await translate(stack.outputs())).map(([key, output]) => [key, output.value])),
    destroy: async ({ onOutput }) => {
      await translate(stack.destroy({ onOutput, onError: onOutput }));
    },
    remove: () => translate(workspace.removeStack(stack.name)),
    cancel: () => translate(stack.cancel()),
  });

  return {
    create: async (name) => wrap(await translate(Stack.create(name, workspace))),
    createOrSelect: async (name) => wrap(await translate(Stack.createOrSelect(name, workspace))),
    select: async (name) => wrap(await translate(Stack.select(name, workspace))),
    list: async () =>
      (await translate(workspace.listStacks())).map(
        (summary): StackListing => ({
          name: summary.name,
          lastUpdate: summary.lastUpdate === undefined || Number.isNaN(Date.parse(summary.lastUpdate)) ? null : new Date(summary.lastUpdate),
          updateInProgress: summary.updateInProgress === true,
          resourceCount: summary.resourceCount ?? null,
        }),
      ),
    finishCommands: (name, { locked }) => {
      const quoted = shellQuote(name);
      const steps = [
        `cd ${shellQuote(options.workDir)}`,
        ...(locked ? [`${shellQuote(cli)} cancel --yes --stack ${quoted}`] : []),
        `${shellQuote(cli)} destroy --yes --skip-preview --stack ${quoted}`,
        `${shellQuote(cli)} stack rm --yes ${quoted}`,
      ];
      return steps.join(' && ');
    },
  };
}

/** Automation API errors → the pipeline's own, with the CLI's message in one line. */
async function translate<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof StackAlreadyExistsError) throw new StackExistsError(cliProblem(error));
    if (error instanceof StackNotFoundError) throw new StackMissingError(cliProblem(error));
    if (error instanceof ConcurrentUpdateError) throw new StackLockedError(cliProblem(error));
    if (error instanceof CommandError) throw new Error(cliProblem(error));
    throw error;
  }
}

/**
 * The CLI's own complaint: its `error:` lines (Pulumi prefixes them so), else the last non-empty
 * lines of stderr. CommandError messages hold the whole stdout and stderr of the command.
 */
export function cliProblem(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const stderr = /\n stderr: ([\s\S]*?)\n err\?: /.exec(text)?.[1] ?? text;
  const lines = stderr.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const errors = lines.filter((line) => /^error:/i.test(line)).map((line) => line.replace(/^error:\s*/i, ''));
  const picked = errors.length > 0 ? errors : lines.slice(-3);
  const message = picked.join(' ').replace(/\s+/g, ' ').trim();
  return message === '' ? 'the Pulumi CLI failed without a message' : message.length > 600 ? `${message.slice(0, 600)}…` : message;
}

function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
