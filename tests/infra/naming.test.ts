import { describe, expect, test } from '@jest/globals';
import { replicaName, slug } from '../../infra/naming.js';

describe('physical names', () => {
  test('slugs', () => {
    expect(slug('Cold Baseline (AWS)!')).toBe('cold-baseline-aws');
    expect(slug('---')).toBe('x');
  });

  test('a replica name carries stack, experiment, file hash, sub-experiment and replica', () => {
    const name = replicaName({ stack: 'dev', experimentTitle: 'cold-baseline', experimentFile: 'experiments/aws/cold-baseline.json', subIndex: 2, replica: 17 }, 64);
    expect(name).toMatch(/^fb-dev-cold-baseline-[0-9a-f]{4}-s2-r17$/);
  });

  test('long titles are shortened to fit, distinguishing parts kept', () => {
    const a = replicaName({ stack: 'prod', experimentTitle: 'a very long experiment title that goes on and on', experimentFile: 'a.json', subIndex: 10, replica: 99 }, 40);
    const b = replicaName({ stack: 'prod', experimentTitle: 'a very long experiment title that goes on and on', experimentFile: 'b.json', subIndex: 10, replica: 99 }, 40);
    expect(a.length).toBeLessThanOrEqual(40);
    expect(a).toMatch(/-s10-r99$/);
    expect(a).not.toBe(b);
  });
});
