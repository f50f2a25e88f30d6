import { describe, expect, test } from '@jest/globals';
import { parseExperimentText } from '../../experiments/schema/index.js';
import { UserError } from '../../experiments/schema/user-error.js';
import { checkReplicaNamesFit, type NameLimit, replicaName, slug, subExperimentName } from '../../infra/naming.js';

const LAMBDA: NameLimit = { maxLength: 64, resource: 'AWS Lambda function names' };
const FORTY: NameLimit = { maxLength: 40, resource: 'test names' };

describe('physical names', () => {
  test('slugs', () => {
    expect(slug('Cold Baseline (AWS)!')).toBe('cold-baseline-aws');
    expect(slug('---')).toBe('x');
  });

  test('a replica name carries stack, experiment, file hash, sub-experiment and replica', () => {
    const name = replicaName({ stack: 'dev', experimentTitle: 'cold-baseline', experimentFile: 'experiments/aws/cold-baseline.json', subIndex: 2, replica: 17 }, LAMBDA);
    expect(name).toMatch(/^fb-dev-cold-baseline-[0-9a-f]{4}-s2-r17$/);
  });

  test('a sub-experiment name is the replica name without the replica', () => {
    const parts = { stack: 'dev', experimentTitle: 'cold-baseline', experimentFile: 'x.json', subIndex: 3 };
    expect(subExperimentName(parts, LAMBDA)).toBe(replicaName({ ...parts, replica: 0 }, LAMBDA).replace(/-r0$/, ''));
  });

  test('long titles are shortened to fit, distinguishing parts kept', () => {
    const a = replicaName({ stack: 'prod', experimentTitle: 'a very long experiment title that goes on and on', experimentFile: 'a.json', subIndex: 10, replica: 99 }, FORTY);
    const b = replicaName({ stack: 'prod', experimentTitle: 'a very long experiment title that goes on and on', experimentFile: 'b.json', subIndex: 10, replica: 99 }, FORTY);
    expect(a.length).toBeLessThanOrEqual(40);
    expect(a).toMatch(/-s10-r99$/);
    expect(a).not.toBe(b);
  });
});

describe('a stack name too long for the vendor', () => {
  const experiment = parseExperimentText(
    JSON.stringify({ title: 't', vendor: 'aws', subExperiments: [{ title: 'a', bursts: 1, burstSizes: [1], iat: { distribution: 'fixed', ms: 1 }, parallelism: 12 }] }),
    'experiments/x.json',
    { drawSeed: () => 1 },
  );
  // fb- + stack + - + 1 title character + -hhhh-s0-r11 (12) = 64 leaves 64 - 3 - 1 - 1 - 12 = 47.
  const longest = 'a'.repeat(47);

  test('is a UserError naming the stack, its length, the limit, the resource and the room left', () => {
    expect(() => checkReplicaNamesFit(longest, [experiment], LAMBDA)).not.toThrow();
    const tooLong = 'a'.repeat(48);
    const run = () => checkReplicaNamesFit(tooLong, [experiment], LAMBDA);
    expect(run).toThrow(UserError);
    expect(run).toThrow(
      `Stack name "${tooLong}" is 48 characters long, too long for AWS Lambda function names (at most 64 characters): experiments/x.json, sub-experiment 0, replica 11,`,
    );
    expect(run).toThrow('leaves room for a stack name of at most 47 characters. Use a shorter stack name');
    // The replica that fits with room to spare still fits; the check went by the longest tail.
    expect(replicaName({ stack: longest, experimentTitle: 't', experimentFile: 'experiments/x.json', subIndex: 0, replica: 11 }, LAMBDA)).toHaveLength(64);
  });

  test('replicaName itself refuses with a UserError, not a plain Error', () => {
    expect(() => replicaName({ stack: 'a'.repeat(60), experimentTitle: 't', experimentFile: 'x.json', subIndex: 0, replica: 0 }, LAMBDA)).toThrow(UserError);
  });
});
