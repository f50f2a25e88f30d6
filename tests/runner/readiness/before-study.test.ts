import { describe, expect, it } from '@jest/globals';
import { parseBenchArgs } from '../../../runner/cli/args.js';
import { parseWaitReady } from '../../../runner/readiness/index.js';

describe('--wait-ready', () => {
  it('takes a duration with a unit, or 0 for no wait', () => {
    expect(parseWaitReady('10m')).toBe(600_000);
    expect(parseWaitReady('90s')).toBe(90_000);
    expect(parseWaitReady('1.5h')).toBe(5_400_000);
    expect(parseWaitReady('250ms')).toBe(250);
    expect(parseWaitReady('0')).toBeNull();
    expect(parseBenchArgs(['--wait-ready', '2m']).waitReadyMs).toBe(120_000);
    expect(parseBenchArgs([]).waitReadyMs).toBeNull();
  });

  it('refuses anything else in one sentence', () => {
    expect(() => parseBenchArgs(['--wait-ready', '10'])).toThrow(
      '--wait-ready 10 is not a duration: write a number with a unit (ms, s, m, h), such as 10m, or 0 for no wait.',
    );
  });
});
