import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FAKE_CLI = fileURLToPath(new URL('./fake-pulumi.mjs', import.meta.url));

export interface Faults {
  failUp?: string[];
  leaveLock?: string[];
  hangUp?: string[];
  failDestroy?: string[];
  hang?: string[];
  badOutputs?: string[];
  notReadyRequests?: Record<string, number>;
  keepAliveMs?: number;
  maxLifeMs?: number;
}

export interface FakePulumi {
  /** Hand this to `PulumiCommand.get({ root })` (--pulumi-root). */
  readonly root: string;
  readonly stateDir: string;
  /** A project folder with the experiment files; results go under it. */
  readonly workDir: string;
  setFaults(faults: Faults): Promise<void>;
  /** Every command the CLI was called with, in order (`--non-interactive` left out). */
  calls(): Promise<string[][]>;
  /** Stack names that still exist in the fake backend. */
  stacks(): Promise<string[]>;
  /** Process ids of fake-cloud deployments ever started, by stack. */
  deploymentPids(): Promise<Map<string, number>>;
  writeExperiment(name: string, experiment: unknown): Promise<string>;
}

/** A temp Pulumi "installation" whose bin/pulumi is the scripted CLI, with its own state. */
export async function fakePulumi(): Promise<FakePulumi> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'faasbench-fake-pulumi-'));
  const root = path.join(base, 'pulumi');
  const stateDir = path.join(base, 'state');
  const workDir = path.join(base, 'project');
  await mkdir(path.join(root, 'bin'), { recursive: true });
  await mkdir(stateDir);
  await mkdir(path.join(workDir, 'experiments'), { recursive: true });
  const bin = path.join(root, 'bin', 'pulumi');
  await writeFile(bin, `#!/bin/sh\nFAKE_PULUMI_STATE='${stateDir}' exec '${process.execPath}' '${FAKE_CLI}' "$@"\n`);
  await chmod(bin, 0o755);
  await writeFile(path.join(workDir, 'Pulumi.yaml'), 'name: faasbench\nruntime: nodejs\n');
  const pids = new Map<string, number>();
  return {
    root,
    stateDir,
    workDir,
    setFaults: (faults) => writeFile(path.join(stateDir, 'faults.json'), JSON.stringify(faults)),
    calls: async () =>
      (await readFile(path.join(stateDir, 'calls.log'), 'utf8').catch(() => ''))
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as string[]),
    stacks: async () =>
      (await readdir(stateDir)).filter((f) => /^stack-.*\.json$/.test(f)).map((f) => f.slice('stack-'.length, -'.json'.length)),
    deploymentPids: async () => {
      for (const file of await readdir(stateDir)) {
        const match = /^deploy-(.*)\.json$/.exec(file);
        if (match === null) continue;
        const deployed = JSON.parse(await readFile(path.join(stateDir, file), 'utf8')) as { pid: number };
        pids.set(match[1] as string, deployed.pid);
      }
      return pids;
    },
    writeExperiment: async (name, experiment) => {
      const file = path.join('experiments', name);
      await writeFile(path.join(workDir, file), JSON.stringify(experiment, null, 2));
      return file;
    },
  };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
