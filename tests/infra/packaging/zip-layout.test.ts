import { describe, expect, test } from '@jest/globals';
import { FILLER_NAME, planPackage, prepareCodeEntries } from '../../../infra/packaging/zip-layout.js';

const code = prepareCodeEntries([{ name: 'index.mjs', content: 'export {};' }]);
const codeBytes = planPackage(code, 0).totalBytes;
// Local and central headers with the name twice, and the data descriptor of a streamed entry.
const fillerHeaders = 30 + 46 + 2 * FILLER_NAME.length + 16;

describe('planPackage', () => {
  test('pads with a filler entry sized to the byte', () => {
    expect(planPackage(code, 10_000)).toMatchObject({ fillerBytes: 10_000 - codeBytes - fillerHeaders, commentBytes: 0, totalBytes: 10_000 });
  });

  test('a gap too small for a filler entry becomes the archive comment', () => {
    expect(planPackage(code, codeBytes + 5)).toMatchObject({ fillerBytes: null, commentBytes: 5, totalBytes: codeBytes + 5 });
    expect(planPackage(code, codeBytes + fillerHeaders)).toMatchObject({ fillerBytes: 0, commentBytes: 0 });
  });

  test('a target at or below the code size gives just the code', () => {
    expect(planPackage(code, codeBytes)).toMatchObject({ fillerBytes: null, commentBytes: 0, totalBytes: codeBytes });
    expect(planPackage(code, 1)).toMatchObject({ fillerBytes: null, totalBytes: codeBytes });
  });
});

describe('prepareCodeEntries', () => {
  test.each(['', '/abs', 'a/../b', 'a\\b', 'dir/', FILLER_NAME])('refuses the name %j', (name) => {
    expect(() => prepareCodeEntries([{ name, content: 'x' }])).toThrow();
  });

  test('refuses the same name twice', () => {
    expect(() => prepareCodeEntries([{ name: 'a', content: 'x' }, { name: 'a', content: 'y' }])).toThrow(/twice/);
  });
});
