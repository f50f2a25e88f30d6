import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../../experiments/schema/index.js';
import { canonicalJson, experimentHash } from '../../../runner/bench/experiment-hash.js';

const sub = { title: 'a', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } };
const load = (file: object, path = 'experiments/x.json', seed = 1) => parseExperimentText(JSON.stringify(file), path, { drawSeed: () => seed });

describe('the hash a resume checks the experiment file against', () => {
  test('key order, formatting and the path do not count', () => {
    const a = load({ title: 't', seed: 4, subExperiments: [sub] });
    const b = parseExperimentText(`{\n  "subExperiments": [{"iat": {"ms": 10, "distribution": "fixed"}, "burstSizes": [1], "bursts": 2, "title": "a"}],\n  "seed": 4, "title": "t"\n}`, '/elsewhere/x.json', { drawSeed: () => 9 });
    expect(experimentHash(b)).toBe(experimentHash(a));
    expect(experimentHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a seed drawn for the run does not count; one in the file does', () => {
    expect(experimentHash(load({ title: 't', subExperiments: [sub] }, 'x', 1))).toBe(experimentHash(load({ title: 't', subExperiments: [sub] }, 'x', 2)));
    expect(experimentHash(load({ title: 't', seed: 1, subExperiments: [sub] }))).not.toBe(experimentHash(load({ title: 't', seed: 2, subExperiments: [sub] })));
  });

  test('any change of content counts, defaults included', () => {
    const base = experimentHash(load({ title: 't', seed: 1, subExperiments: [sub] }));
    expect(experimentHash(load({ title: 't', seed: 1, subExperiments: [{ ...sub, bursts: 3 }] }))).not.toBe(base);
    expect(experimentHash(load({ title: 't', seed: 1, description: 'now described', subExperiments: [sub] }))).not.toBe(base);
    // Writing a default out changes nothing that was resolved.
    expect(experimentHash(load({ title: 't', seed: 1, subExperiments: [{ ...sub, parallelism: 1 }] }))).toBe(base);
  });

  test('canonical JSON sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });
});
