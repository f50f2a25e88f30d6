import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { firstTooDeep, MAX_JSON_DEPTH, parseJsonText, readTextFile } from '../../experiments/schema/json-text.js';
import { parseExperimentText } from '../../experiments/schema/index.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'faasbench-json-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('reading a JSON file a user gave', () => {
  test('a byte-order mark is accepted', () => {
    expect(parseJsonText('\uFEFF{"a":1}', 'File x')).toEqual({ a: 1 });
  });

  test('nesting is checked before anything recursive walks it; brackets in strings do not count', () => {
    expect(firstTooDeep('[[[]]]', 3)).toBeNull();
    expect(firstTooDeep('[[[[]]]]', 3)).toEqual({ line: 1 });
    expect(firstTooDeep('{"a":\n"[[[[[\\"[[["}', 1)).toBeNull();
    expect(firstTooDeep('{\n"a":\n[[', 2)).toEqual({ line: 3 });
    expect(() => parseJsonText('['.repeat(MAX_JSON_DEPTH + 1), 'Experiment file deep.json')).toThrow(
      'Experiment file deep.json nests lists and objects more than 32 levels deep (line 1); faasbench files need at most a few levels. Is it the right file?',
    );
    // Far beyond what a recursive walk survives: still one sentence.
    expect(() => parseExperimentText(`${'['.repeat(200_000)}${']'.repeat(200_000)}`, 'deep.json', { drawSeed: () => 1 })).toThrow('Experiment file deep.json nests lists');
  });

  test('invalid JSON names the file', () => {
    expect(() => parseJsonText('{', 'Outputs file o.json')).toThrow(/^Outputs file o\.json is not valid JSON: /);
  });

  test('a file over the cap is not read', async () => {
    const file = path.join(root, 'big.json');
    await writeFile(file, 'x'.repeat(2048));
    await expect(readTextFile(file, `Experiment file ${file}`, 1024)).rejects.toThrow(`Experiment file ${file} is 2 KiB; faasbench reads files of at most 1 KiB. Is it the right file?`);
    await expect(readTextFile(root, 'Experiment file d', 1024)).rejects.toThrow('Experiment file d cannot be read: it is a folder.');
    await expect(readTextFile(path.join(root, 'none.json'), 'Experiment file n', 1024)).rejects.toThrow('Experiment file n cannot be read: there is no such file.');
  });

  test('free text has a cap, named in the message', () => {
    const file = { title: 't', description: 'd'.repeat(4001), subExperiments: [{ title: 'a', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 } }] };
    expect(() => parseExperimentText(JSON.stringify(file), 'x.json', { drawSeed: () => 1 })).toThrow(/^Experiment file x\.json: description must have at most 4000 characters \(got "d{36}\.\.\.\)\.$/);
    const stellar = { Provider: 'aws', SubExperiments: [{ Title: 't'.repeat(201), Bursts: 1, BurstSizes: [1], IATSeconds: 1 }] };
    expect(() => parseExperimentText(JSON.stringify(stellar), 's.json', { drawSeed: () => 1 })).toThrow('SubExperiments[0].Title must have at most 200 characters');
  });
});
