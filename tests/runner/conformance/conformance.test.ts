import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { localConformance } from '../../../infra/local/conformance.js';
import { conformanceCli, type ConformanceReport, conformanceText, runConformance } from '../../../runner/conformance/index.js';
import { type ContractServer, type Fault, startContractServer, TEST_LIMITS } from './contract-server.js';

const servers: ContractServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function check(fault: Fault): Promise<ConformanceReport> {
  const server = await startContractServer(fault);
  servers.push(server);
  return runConformance({
    experiments: server.outputs.experiments,
    token: server.outputs.token,
    signal: new AbortController().signal,
    expectationsFor: () => ({ ...localConformance, ...TEST_LIMITS }),
  });
}

const failed = (report: ConformanceReport) => report.endpoints.flatMap((e) => e.checks.filter((c) => c.status === 'fail').map((c) => c.id));

describe('conformance suite against endpoints broken one way each', () => {
  it('passes every check on a correct endpoint, and each broken property fails exactly its check', async () => {
    const faults: Fault[] = ['none', 'wrong-types', 'no-cold-flag', 'token-ignored', 'spin-ignored'];
    // One after another: the servers spin on this process's CPU, and parallel spins would skew calibration.
    const reports: ConformanceReport[] = [];
    for (const fault of faults) reports.push(await check(fault));
    const byFault = Object.fromEntries(faults.map((fault, i) => [fault, failed(reports[i] as ConformanceReport)]));
    expect({ byFault, details: reports.map((r) => conformanceText(r).split('\n\n')[1]) }).toMatchObject({ byFault: {
      none: [],
      'wrong-types': ['contract'],
      'no-cold-flag': ['cold-flag'],
      'token-ignored': ['token'],
      'spin-ignored': ['spin-cap'],
    } });
    // Nothing was merely skipped on the correct endpoint: every check had something to judge.
    expect(reports[0]?.endpoints[0]?.checks.map((c) => c.status)).toEqual(Array(10).fill('pass'));
    const detail = (fault: Fault, id: string) => reports[faults.indexOf(fault)]?.endpoints[0]?.checks.find((c) => c.id === id)?.detail;
    expect(detail('wrong-types', 'contract')).toBe('invocationCount: Invalid input: expected number, received string (and 2 more)');
    expect(detail('no-cold-flag', 'cold-flag')).toMatch(/coldStart false,? with invocationCount 1,? and refusedBeforeFirst 0|the first call of a new instance said coldStart false, invocationCount 1, refusedBeforeFirst 0/);
    expect(detail('token-ignored', 'token')).toBe('a request without a token got HTTP 200, not 401');
    expect(detail('spin-ignored', 'spin-cap')).toMatch(/^spinMs 600 \(twice the cap of 300 ms\) was accepted and spun \d+ ms without saying spinCapped$/);
    expect(conformanceText(reports[3] as ConformanceReport)).toMatch(/fault-token-ignored\/only\/0 token: FAIL: a request without a token got HTTP 200, not 401/);
  }, 120_000);
});

describe('npm run conformance', () => {
  it('checks a saved outputs file, prints the table, exits 1 on a failure and writes the JSON report', async () => {
    const server = await startContractServer('no-cold-flag', 2);
    servers.push(server);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-conformance-'));
    const outputs = path.join(dir, 'outputs.json');
    await writeFile(outputs, JSON.stringify(server.outputs));
    let out = '';
    const status = await conformanceCli(['--outputs', outputs, '--json', path.join(dir, 'report.json')], {
      stdout: { write: (t: string) => ((out += t), true) } as never,
      stderr: process.stderr,
      signal: new AbortController().signal,
    });
    expect(status).toBe(1);
    // The vendor here is "local": the local platform's limits apply (spin cap 10 s is refused at once).
    expect(out).toMatch(/^endpoint\s+contract\s+identity\s+instance-id\s+invocation-count\s+token\s+spin-cap\s+payload\s+calibration\s+cold-flag\s+timestamps\n/);
    expect(out).toMatch(/fault-no-cold-flag\/only\/0\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+\S+\s+pass\s+FAIL\s+pass/);
    const json = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as { passed: boolean; endpoints: { replica: number; checks: { id: string; status: string }[] }[] };
    expect(json.passed).toBe(false);
    expect(json.endpoints.map((e) => e.replica)).toEqual([0, 1]);
  }, 120_000);

  it('deploys a local experiment on the local platform and finds it conformant', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-conformance-'));
    const file = path.join(dir, 'local.json');
    await writeFile(
      file,
      JSON.stringify({
        title: 'conformance-local',
        vendor: 'local',
        local: { keepAliveMs: 5000, maxInstancesPerFunction: 4 },
        subExperiments: [{ title: 'one', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 100 } }],
      }),
    );
    let out = '';
    let err = '';
    const status = await conformanceCli([file], {
      stdout: { write: (t: string) => ((out += t), true) } as never,
      stderr: { write: (t: string) => ((err += t), true) } as never,
      signal: new AbortController().signal,
    });
    expect({ status, err }).toEqual({ status: 0, err: `conformance: ${file}: deploying on the local platform\n` });
    expect(out).toMatch(/conformance-local\/one\/0\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\s+pass\n/);
    expect(out).toContain('every endpoint meets the contract (1 endpoints, 10 checks)');
  }, 120_000);

  it('refuses to guess where endpoints are', async () => {
    let err = '';
    const status = await conformanceCli(['--outputs', 'a.json', '--stack', 'dev'], { stdout: process.stdout, stderr: { write: (t: string) => ((err += t), true) } as never, signal: new AbortController().signal });
    expect(status).toBe(2);
    expect(err).toBe('faasbench conformance: --outputs and --stack both name where endpoints come from; give one of them.\n');
  });
});
