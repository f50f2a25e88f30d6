import { describe, expect, test } from '@jest/globals';
import { spinFor, spinIncrements } from '../../../measurement-functions/core/spin.js';
import { tokenMatches } from '../../../measurement-functions/core/token.js';
import { systemClock } from '../../../measurement-functions/core/index.js';

describe('spin', () => {
  test('counts exactly the increments asked for', () => {
    expect(spinIncrements(0, 100, systemClock)).toMatchObject({ increments: 0, capped: false });
    expect(spinIncrements(200_001, 1000, systemClock)).toMatchObject({ increments: 200_001, capped: false });
  });

  test('stops at the cap after a multiple of the check interval', () => {
    let now = 0;
    const clock = { epochMs: () => now, monotonicMs: () => (now += 10) };
    const result = spinIncrements(10_000_000, 25, clock);
    expect(result.capped).toBe(true);
    expect(result.increments % 65_536).toBe(0);
    expect(result.increments).toBeLessThan(10_000_000);
  });

  test('without a cap only the increments bound it', () => {
    const frozen = { epochMs: () => 0, monotonicMs: () => 0 };
    expect(spinIncrements(300_000, null, frozen)).toEqual({ increments: 300_000, elapsedMs: 0, capped: false });
  });

  test('spinFor runs until the monotonic clock has moved by the target', () => {
    let now = 0;
    const clock = { epochMs: () => now, monotonicMs: () => (now += 1) };
    const result = spinFor(20, clock);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(20);
    expect(result.increments).toBeGreaterThan(0);
  });
});

describe('token comparison', () => {
  test('matches only the exact token', () => {
    expect(tokenMatches('abc', 'abc')).toBe(true);
    expect(tokenMatches('abc', 'abd')).toBe(false);
    expect(tokenMatches('abc', 'ab')).toBe(false);
    expect(tokenMatches('abc', 'abcd')).toBe(false);
    expect(tokenMatches('abc', undefined)).toBe(false);
    expect(tokenMatches('', '')).toBe(false);
    expect(tokenMatches('ünï', 'ünï')).toBe(true);
  });
});
