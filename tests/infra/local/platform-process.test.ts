import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { functionUrl, localNodeRecipe, startLocalPlatformProcess } from '../../../infra/local/index.js';
import { buildPackage } from '../../../infra/packaging/index.js';
import { call, functionEnv, processGone, waitUntil } from './helpers.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'faasbench-local-process-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('local platform in its own process', () => {
  test('serves functions, reports stats over IPC and leaves nothing when stopped', async () => {
    const workDir = path.join(root, 'work');
    const built = await buildPackage({ recipe: localNodeRecipe, packageSizeMb: 0, cacheDir: path.join(root, 'cache') });
    const platform = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 2, workDir });
    let instancePids: readonly number[] = [];
    try {
      expect(platform.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(platform.pid).not.toBe(process.pid);
      await platform.deploy([{ name: 'in-process', packagePath: built.path, env: functionEnv(), memoryMb: 128 }]);
      const url = functionUrl(platform.baseUrl, 'in-process');
      const first = await call(url);
      const second = await call(url);
      expect(first.body).toMatchObject({ coldStart: true, invocationCount: 1 });
      expect(second.body).toMatchObject({ coldStart: false, instanceId: first.body.instanceId });
      const stats = await platform.stats();
      expect(stats).toMatchObject({ instancesStarted: 1, instancesRunning: 1, instancesBusy: 0, instancesEvicted: 0, requestsQueued: 0, queueLength: 0 });
      instancePids = stats.instancePids;
      await expect(platform.deploy([{ name: 'bad name!', packagePath: built.path, env: {}, memoryMb: 128 }])).rejects.toThrow(/letters, digits/);
    } finally {
      await platform.stop();
    }
    expect(processGone(platform.pid)).toBe(true);
    expect(instancePids.length).toBe(1);
    expect(instancePids.every(processGone)).toBe(true);
    expect(await readdir(path.join(workDir, 'platforms'))).toEqual([]);
    await expect(platform.stats()).rejects.toThrow(/local platform process/);
  });

  test('no process outlives a runner killed with SIGKILL', async () => {
    const workDir = path.join(root, 'orphans');
    const script = path.resolve('tests/infra/local/fixtures/killable-runner.ts');
    const runner = spawn(process.execPath, ['--import', 'tsx', script, workDir, path.join(root, 'cache')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let line: string | undefined;
    try {
      line = await new Promise<string>((resolve, reject) => {
        createInterface({ input: runner.stdout }).once('line', resolve);
        runner.once('exit', (code) => reject(new Error(`the runner exited with ${code} before reporting`)));
      });
    } finally {
      runner.kill('SIGKILL');
    }
    const started = JSON.parse(line) as { status: number; platformPid: number; instancePids: number[] };
    expect(started.status).toBe(200);
    expect(started.instancePids).toHaveLength(1);
    const pids = [runner.pid!, started.platformPid, ...started.instancePids];
    await waitUntil('every process is gone', () => pids.every(processGone), 5000);
    // The platform removed its own folder on the way out.
    await waitUntil('the platform folder is gone', async () => (await readdir(path.join(workDir, 'platforms'))).length === 0, 2000);
  });

  test('instances exit when their platform is killed, and the next platform clears what it left', async () => {
    const workDir = path.join(root, 'killed-platform');
    const built = await buildPackage({ recipe: localNodeRecipe, packageSizeMb: 0, cacheDir: path.join(root, 'cache') });
    const platform = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 1, workDir });
    await platform.deploy([{ name: 'victim', packagePath: built.path, env: functionEnv(), memoryMb: 128 }]);
    await call(functionUrl(platform.baseUrl, 'victim'));
    const { instancePids } = await platform.stats();
    process.kill(platform.pid, 'SIGKILL');
    await waitUntil('the instance is gone', () => [platform.pid, ...instancePids].every(processGone), 5000);
    await platform.stop();
    const platforms = path.join(workDir, 'platforms');
    expect(await readdir(platforms)).toHaveLength(1);
    const next = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 1, workDir });
    try {
      const left = await readdir(platforms);
      expect(left).toHaveLength(1);
      expect(left[0]).toMatch(new RegExp(`^${next.pid}-`));
    } finally {
      await next.stop();
    }
  });
});

describe('the platform process and the terminal', () => {
  test('runs in a process group of its own, so a Ctrl-C to the runner\'s group does not reach it', async () => {
    const platform = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 1, workDir: path.join(root, 'group') });
    try {
      const { readFile } = await import('node:fs/promises');
      const pgrp = async (pid: number) => Number((await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ')[2]);
      expect(await pgrp(platform.pid)).toBe(platform.pid);
      expect(await pgrp(platform.pid)).not.toBe(await pgrp(process.pid));
    } finally {
      await platform.stop();
    }
  });

  test('`died` settles when the platform dies under the runner, not when it is stopped', async () => {
    const stopped = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 1, workDir: path.join(root, 'died-a') });
    const settled = { value: false };
    void stopped.died.then(() => (settled.value = true));
    await stopped.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(settled.value).toBe(false);

    const killed = await startLocalPlatformProcess({ keepAliveMs: 60_000, maxInstancesPerFunction: 1, workDir: path.join(root, 'died-b') });
    process.kill(killed.pid, 'SIGKILL');
    expect(await killed.died).toBe('was killed by SIGKILL');
  });
});
