import { describe, expect, test } from '@jest/globals';
import { BurstIndexes } from '../../../runner/bench/resume-rows.js';

describe('the indexes in burst that have a row, per burst', () => {
  test('the same as a Set per burst; bursts with the same indexes share one; indexes past 30 work', () => {
    const rows = new BurstIndexes();
    const expected = new Map<string, Set<number>>();
    const add = (key: string, index: number) => {
      rows.add(key, index);
      if (!expected.has(key)) expected.set(key, new Set());
      expected.get(key)?.add(index);
    };
    for (const burst of [0, 1, 2]) add(`0/${burst}`, 0);
    for (const index of [3, 0, 1, 2]) add('1/0', index);
    for (const index of [0, 1, 2, 3]) add('1/1', index);
    add('1/2', 0);
    add('1/2', 2);
    // A burst of 1,000 with a gap, its indexes past the mask arriving before and after.
    for (let index = 999; index >= 0; index -= 1) if (index !== 500) add('2/0', index);
    add('2/1', 30);
    add('2/1', 31);
    const finished = rows.finish();
    expect(new Map([...finished].map(([key, set]) => [key, new Set([...set].sort((a, b) => a - b))]))).toEqual(
      new Map([...expected].map(([key, set]) => [key, new Set([...set].sort((a, b) => a - b))])),
    );
    expect(finished.size).toBe(8);
    expect(finished.get('0/0')).toBe(finished.get('0/2'));
    expect(finished.get('1/0')).toBe(finished.get('1/1'));
    expect(finished.get('1/2')).not.toBe(finished.get('1/1'));
    expect(finished.get('2/0')?.has(500)).toBe(false);
    expect(finished.get('2/0')?.size).toBe(999);
    expect(finished.get('9/9')).toBeUndefined();
  });
});
