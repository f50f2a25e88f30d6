import { describe, expect, test } from '@jest/globals';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseExperimentText } from '../../experiments/schema/index.js';
import type { StackOutputs } from '../../infra/outputs.js';
import { benchCli } from '../../runner/cli/bench-cli.js';
import { readLatencyCsv } from '../../runner/results/index.js';
import { outputsFixture } from '../runner/fixtures.js';
import { type Behaviour, startScriptServer } from '../runner/dispatch/script-server.js';
import { experimentFile, runFolder } from './helpers.js';

/**
 * Runs against "deployed" endpoints: an outputs file pointing at a real server on 127.0.0.1, the
 * way a cloud run reads its stack outputs, in process.
 */

function collect() {
  let text = '';
  return { stream: { write: (chunk: string) => ((text += chunk), true) } as unknown as NodeJS.WritableStream, text: () => text };
}

async function deployedRun(experiment: Record<string, unknown>, script: (n: number) => Behaviour, urlOf: (base: string, path: string) => string) {
  const server = await startScriptServer((_request, n) => script(n));
  const { dir, file, results } = await experimentFile(experiment);
  const resolved = parseExperimentText(JSON.stringify(experiment), file, { drawSeed: () => 1 });
  const outputs: StackOutputs = outputsFixture(resolved, 'http://base.invalid');
  const withUrls: StackOutputs = {
    ...outputs,
    experiments: outputs.experiments.map((e) => ({
      ...e,
      subExperiments: e.subExperiments.map((sub) => ({
        ...sub,
        endpoints: sub.endpoints.map((endpoint) => ({ ...endpoint, url: urlOf(`127.0.0.1:${server.port}`, new URL(endpoint.url).pathname) })),
      })),
    })),
  };
  const outputsPath = path.join(dir, 'outputs.json');
  await writeFile(outputsPath, JSON.stringify(withUrls));
  const stdout = collect();
  const stderr = collect();
  try {
    const code = await benchCli([file, '--outputs', outputsPath, '--results', results, '--quiet'], {
      stdout: stdout.stream,
      stderr: stderr.stream,
      signal: new AbortController().signal,
    });
    const slug = String(experiment['title']);
    return { code, stdout: stdout.text(), stderr: stderr.text(), runDir: await runFolder(results, slug), seen: server.seen };
  } finally {
    await server.close();
  }
}

describe('runs against deployed endpoints', () => {
  test('the URL sent keeps its query; the URL recorded has no query, fragment or credentials', async () => {
    const experiment = {
      title: 'urls',
      vendor: 'aws',
      seed: 3,
      subExperiments: [{ title: 'a', bursts: 3, burstSizes: [1], iat: { distribution: 'fixed', ms: 50 }, parallelism: 1 }],
    };
    const run = await deployedRun(experiment, () => ({ kind: 'reply' }), (host, pathname) => `http://user:hunter2@${host}${pathname}?code=vendorkey#frag`);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.seen.length).toBe(3);
    for (const request of run.seen) expect(request.url).toMatch(/^\/s0-r0\?code=vendorkey&spinIncrements=0$/);
    const records = await readLatencyCsv(path.join(run.runDir, 'latencies.csv'));
    expect(new Set(records.map((r) => r.endpointUrl))).toEqual(new Set([`http://${new URL(`http://${run.seen[0]?.headers.host}`).host}/s0-r0`]));
    for (const name of ['latencies.csv', 'experiment.resolved.json', 'run.log', 'report.html', 'statistics.json']) {
      const text = await readFile(path.join(run.runDir, name), 'utf8');
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('vendorkey');
    }
  }, 60_000);

  test('endpoints that stop answering end the run as failed, with every row measured written', async () => {
    const experiment = {
      title: 'dark',
      vendor: 'aws',
      seed: 3,
      subExperiments: [
        { title: 'a', bursts: 400, burstSizes: [2], iat: { distribution: 'fixed', ms: 100 }, parallelism: 1, requestTimeoutMs: 400 },
      ],
    };
    // Answers the first 20 requests, then accepts connections and never answers again.
    const run = await deployedRun(experiment, (n) => (n < 20 ? { kind: 'reply' } : { kind: 'hang' }), (host, pathname) => `http://${host}${pathname}`);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^faasbench: the run in .* failed: the endpoints went dark: all (\d+) requests of the last (\d+) bursts \(over [\d.]+ s\) got no answer \(TIMEOUT \1\)\.\n$/);
    const resolved = JSON.parse(await readFile(path.join(run.runDir, 'experiment.resolved.json'), 'utf8')) as { status: string; reason: string };
    expect(resolved.status).toBe('failed');
    expect(resolved.reason).toContain('the endpoints went dark');
    const records = await readLatencyCsv(path.join(run.runDir, 'latencies.csv'));
    expect(records.filter((r) => r.ok)).toHaveLength(20);
    expect(records.length).toBeLessThan(800);
    // Every request the server saw is a row; the rows beyond are requests the stop cut short on their way (ABORTED).
    expect(records.length).toBeGreaterThanOrEqual(run.seen.length);
    expect(records.filter((r) => r.errorCode !== 'ABORTED').length).toBeLessThanOrEqual(run.seen.length);
    const keys = records.map((r) => `${r.burstId}/${r.indexInBurst}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.stdout).toContain('dark: failed (the endpoints went dark');
  }, 120_000);
});
