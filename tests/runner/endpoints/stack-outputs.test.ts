import { describe, expect, test } from '@jest/globals';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseStackOutputs, readOutputsFile } from '../../../runner/endpoints/outputs-file.js';
import { type RunCommand, readPulumiStack } from '../../../runner/endpoints/pulumi-stack.js';
import { experimentFixture, outputsFixture } from '../fixtures.js';

const outputs = outputsFixture(experimentFixture('experiments/cloud.json'));

describe('saved outputs files', () => {
  test('round trip', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'faasbench-outputs-'));
    const file = path.join(dir, 'outputs.json');
    await writeFile(file, JSON.stringify({ ...outputs, somethingElse: 1 }));
    expect(await readOutputsFile(file)).toEqual(outputs);
  });

  test.each([
    ['{', /^Outputs file o\.json is not valid JSON: /],
    [JSON.stringify({ ...outputs, formatVersion: 2 }), /^Outputs file o\.json does not hold faasbench stack outputs: formatVersion: /],
    [JSON.stringify({ ...outputs, token: 'short' }), /token: /],
    [JSON.stringify({}), /formatVersion: .*\(and 2 more problems\)/],
  ])('%s is refused', (text, message) => {
    expect(() => parseStackOutputs(text, 'Outputs file o.json')).toThrow(message);
  });

  test.each([
    ['tok-0123456789abcdef-secret\r\n', 'a line break at character 28'],
    ['tok-0123456789abcdef secret', 'white space at character 21'],
    ['tok-0123456789abcdef-sécret', 'a character outside visible ASCII at character 23'],
  ])('a token that cannot be a header value (%j) is refused without showing it', (token, what) => {
    const text = JSON.stringify({ ...outputs, token });
    expect(() => parseStackOutputs(text, 'Outputs file o.json')).toThrow(
      `Outputs file o.json: token has ${what}; it is sent as an HTTP header value, so it may hold only visible ASCII characters (no spaces, tabs or line breaks).`,
    );
    try {
      parseStackOutputs(text, 'Outputs file o.json');
    } catch (error) {
      expect((error as Error).message).not.toContain('0123456789abcdef');
    }
  });

  test('a byte-order mark is accepted', () => {
    expect(parseStackOutputs(`\uFEFF${JSON.stringify(outputs)}`, 'Outputs file o.json')).toEqual(outputs);
  });

  test('a missing file', async () => {
    await expect(readOutputsFile('nowhere/outputs.json')).rejects.toThrow('Outputs file nowhere/outputs.json cannot be read: there is no such file.');
  });
});

describe('the selected Pulumi stack', () => {
  const scripted = (answers: Record<string, { code: number | null; stdout?: string; stderr?: string; missing?: boolean }>): RunCommand =>
    async (_command, args) => {
      const answer = answers[args.slice(0, 2).join(' ')] ?? { code: 1 };
      return { code: answer.code, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '', missing: answer.missing ?? false };
    };

  test('no CLI: not found, with the reason', async () => {
    expect(await readPulumiStack(null, scripted({ 'stack --show-name': { code: null, missing: true } }))).toEqual({
      found: false, why: 'the Pulumi CLI is not installed',
    });
  });

  test('no stack selected: not found', async () => {
    expect(await readPulumiStack(null, scripted({ 'stack --show-name': { code: 255, stderr: 'error: no stack selected' } }))).toEqual({
      found: false, why: 'no Pulumi stack is selected',
    });
  });

  test('a stack never deployed: not found, saying so', async () => {
    const lookup = await readPulumiStack(null, scripted({ 'stack --show-name': { code: 0, stdout: 'dev\n' }, 'stack output': { code: 0, stdout: '{}' } }));
    expect(lookup).toEqual({ found: false, why: 'Pulumi stack dev has no faasbench outputs (run `pulumi up` first)' });
  });

  test('a deployed stack', async () => {
    const lookup = await readPulumiStack(null, scripted({
      'stack --show-name': { code: 0, stdout: 'dev\n' },
      'stack output': { code: 0, stdout: JSON.stringify(outputs) },
    }));
    expect(lookup).toEqual({ found: true, stack: 'dev', outputs });
  });

  test('a named stack that cannot be selected is a user error', async () => {
    await expect(readPulumiStack('prod', scripted({ 'stack --show-name': { code: 255, stderr: 'error: no stack named prod found\n' } }))).rejects.toThrow(
      'Pulumi stack prod cannot be selected: no stack named prod found.',
    );
  });
});
