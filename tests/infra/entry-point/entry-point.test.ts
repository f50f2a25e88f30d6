import { describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StackOutputs } from '../../../infra/outputs.js';
import { unwrapSecrets } from '../pulumi-mocks.js';

/**
 * Proves `pulumi up` will load the program: Pulumi's language host runs
 * `node <nodeargs> node_modules/@pulumi/pulumi/cmd/run <flags> <main>` with the stack config in
 * PULUMI_CONFIG. This runs exactly that, with the node arguments and `main` read from
 * Pulumi.yaml, and a preload that swaps the engine for Pulumi's mocks.
 */

async function pulumiYaml(): Promise<{ nodeargs: string[]; main: string; runtime: string; typescript: string }> {
  const text = await readFile('Pulumi.yaml', 'utf8');
  // Pulumi.yaml is small and flat enough that its few fields can be read without a YAML parser.
  const field = (source: string, name: string) => new RegExp(`^\\s*${name}:\\s*"?([^"\\n]+?)"?\\s*$`, 'm').exec(source)?.[1] ?? '';
  const runtimeBlock = /^runtime:\s*\n((?:[ \t]+.*\n?)+)/m.exec(text)?.[1] ?? '';
  return {
    nodeargs: field(runtimeBlock, 'nodeargs').split(/\s+/).filter(Boolean),
    main: field(text, 'main'),
    runtime: field(runtimeBlock, 'name'),
    typescript: field(runtimeBlock, 'typescript'),
  };
}

async function runEntry(config: Record<string, unknown>, options: { elsewhere?: boolean } = {}) {
  const yaml = await pulumiYaml();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-entry-'));
  const resultFile = path.join(dir, 'result.json');
  // `elsewhere`: Pulumi runs the program from another working folder (its --pwd), as when the
  // program is driven from another folder; every path must then be resolved from the project.
  const args = [
    ...yaml.nodeargs,
    '--import', path.resolve('tests/infra/entry-point/mocks-preload.mjs'),
    path.resolve('node_modules/@pulumi/pulumi/cmd/run/index.js'),
    '--monitor=127.0.0.1:1', '--project=faasbench', '--stack=test', `--pwd=${options.elsewhere === true ? dir : process.cwd()}`,
    options.elsewhere === true ? path.resolve(yaml.main) : yaml.main,
  ];
  const pulumiConfig = Object.fromEntries(Object.entries(config).map(([k, v]) => [`faasbench:${k}`, typeof v === 'string' ? v : JSON.stringify(v)]));
  const { stderr, exitCode } = await new Promise<{ stderr: string; exitCode: number | null }>((resolve) => {
    execFile(process.execPath, args, {
      env: { ...process.env, PULUMI_CONFIG: JSON.stringify(pulumiConfig), FAASBENCH_ENTRY_RESULT: resultFile, PULUMI_NODEJS_PROJECT: 'faasbench', PULUMI_NODEJS_STACK: 'test' },
      timeout: 120_000,
    }, (error, _stdout, stderr) => resolve({ stderr, exitCode: error === null ? 0 : typeof error.code === 'number' ? error.code : null }));
  });
  // The preload's exit hook runs before Pulumi's own, which may still raise the status: take the real one.
  const result = JSON.parse(await readFile(resultFile, 'utf8')) as { resources: { type: string; name: string; files: string[] }[]; stackOutputs: unknown };
  return { ...result, code: exitCode, stderr, yaml };
}

// Each case starts node with tsx and Pulumi's runner: seconds, more while other suites run.
const SPAWN_TIMEOUT_MS = 180_000;

describe('the Pulumi entry point', () => {
  test('Pulumi.yaml runs an ES module through tsx, without ts-node', async () => {
    const yaml = await pulumiYaml();
    expect(yaml).toMatchObject({ runtime: 'nodejs', typescript: 'false', main: 'infra/index.ts' });
    expect(yaml.nodeargs).toEqual(['--import', 'tsx']);
  });

  test('loads as Pulumi loads it and exports the stack outputs for every vendor', async () => {
    const { code, resources, stackOutputs, stderr } = await runEntry({
      experiments: ['experiments/aws/warm-baseline.json', 'experiments/azure/warm-baseline.json', 'experiments/gcp/warm-baseline.json', 'experiments/cloudflare/warm-baseline.json'],
      aws: { region: 'eu-west-1' },
      azure: { location: 'westeurope' },
      gcp: { project: 'faasbench-test', region: 'europe-west1' },
      cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'faasbench' },
    });
    expect({ code, stderr: stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ code: 0, stderr: [] });
    const types = new Set(resources.map((r) => r.type));
    for (const type of ['aws:lambda/function:Function', 'azure-native:web:WebApp', 'gcp:cloudfunctionsv2/function:Function', 'cloudflare:index/workersScript:WorkersScript']) {
      expect(types).toContain(type);
    }
    const outputs = StackOutputs.parse(unwrapSecrets(stackOutputs));
    expect(outputs.experiments.map((e) => [e.file, e.vendor])).toEqual([
      ['experiments/aws/warm-baseline.json', 'aws'],
      ['experiments/azure/warm-baseline.json', 'azure'],
      ['experiments/gcp/warm-baseline.json', 'gcp'],
      ['experiments/cloudflare/warm-baseline.json', 'cloudflare'],
    ]);
  }, SPAWN_TIMEOUT_MS);

  test('run from another working folder, it finds the experiment files and hands providers absolute package paths', async () => {
    const { code, resources, stderr } = await runEntry(
      {
        experiments: ['experiments/cloudflare/warm-baseline.json', 'experiments/azure/flex-cold-baseline.json'],
        cloudflare: { accountId: '0123456789abcdef0123456789abcdef', workersDevSubdomain: 'faasbench' },
        azure: { location: 'westeurope', plan: 'flex-consumption' },
      },
      { elsewhere: true },
    );
    expect({ code, stderr: stderr.split('\n').filter((l) => /error/i.test(l)) }).toEqual({ code: 0, stderr: [] });
    const files = resources.flatMap((r) => r.files);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(path.isAbsolute(file) && file.startsWith(process.cwd())).toBe(true);
    expect(resources.filter((r) => r.type === 'azure-native:web:AppServicePlan')).toHaveLength(50);
  }, SPAWN_TIMEOUT_MS);

  test('a config mistake fails `pulumi up` with one message naming the key, no stack trace', async () => {
    const { code, stderr } = await runEntry({ experiments: ['experiments/aws/warm-baseline.json'], aws: { region: 'Ireland' } });
    expect(code).not.toBe(0);
    expect(stderr).toContain('Stack config of test: faasbench:aws.region must look like "eu-west-1".');
    expect(stderr).not.toMatch(/\n\s+at /);
  }, SPAWN_TIMEOUT_MS);
});
