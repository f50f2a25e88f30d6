import { describe, expect, test } from '@jest/globals';
import { MAX_CHAIN_LENGTH, parseExperimentText } from '../../experiments/schema/index.js';

const sub = { title: 'c', bursts: 2, burstSizes: [1], iat: { distribution: 'fixed', ms: 10 } };
const parse = (value: unknown, file = 'chains.json') => parseExperimentText(JSON.stringify(value), file, { drawSeed: () => 1 });
const problem = (value: unknown): string => {
  try {
    parse(value);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('chain in the experiment schema', () => {
  test('resolves to length, transfer and payload; absent it is null', () => {
    const experiment = parse({ title: 't', subExperiments: [{ ...sub, chain: { length: 3, transfer: 'storage', payloadBytes: 4096 } }, { ...sub, title: 'd' }] });
    expect(experiment.subExperiments[0]?.chain).toEqual({ length: 3, transfer: 'storage', payloadBytes: 4096 });
    expect(experiment.subExperiments[1]?.chain).toBeNull();
  });

  test.each([
    [{ length: 1, transfer: 'inline', payloadBytes: 0 }, 'subExperiments[0].chain.length must be at least 2'],
    [{ length: MAX_CHAIN_LENGTH + 1, transfer: 'inline', payloadBytes: 0 }, `subExperiments[0].chain.length must be at most ${MAX_CHAIN_LENGTH}`],
    [{ length: 2, transfer: 'carrier-pigeon', payloadBytes: 0 }, 'subExperiments[0].chain.transfer must be one of "inline", "storage"'],
    [{ length: 2, transfer: 'inline' }, 'subExperiments[0].chain.payloadBytes is required'],
    [{ length: 2, transfer: 'inline', payloadBytes: 1, hops: 3 }, 'subExperiments[0].chain has unknown field "hops"; known fields here are length, transfer, payloadBytes'],
  ])('refuses %j naming the field', (chain, message) => {
    expect(problem({ title: 't', subExperiments: [{ ...sub, chain }] })).toContain(message);
  });

  test('a chain on a Python runtime is refused with the file, the field and the runtimes that work', () => {
    const message = problem({ title: 't', vendor: 'aws', subExperiments: [{ ...sub, runtime: 'python3.12', chain: { length: 2, transfer: 'inline', payloadBytes: 1 } }] });
    expect(message).toBe(
      'Experiment file chains.json: subExperiments[0].chain needs a Node.js runtime (runtime is "python3.12"): chain functions exist for Node.js only; allowed runtimes on aws are nodejs22, nodejs24.',
    );
  });

  test('an inline payload over the vendor front end limit and a storage payload over the memory limit are refused', () => {
    expect(problem({ title: 't', vendor: 'aws', subExperiments: [{ ...sub, chain: { length: 2, transfer: 'inline', payloadBytes: 5 * 1024 * 1024 } }] })).toContain(
      'subExperiments[0].chain.payloadBytes 5242880 is more than aws accepts in a request body, which is how inline payloads travel (at most 4194304); use transfer "storage"',
    );
    expect(problem({ title: 't', vendor: 'aws', subExperiments: [{ ...sub, memoryMb: 128, chain: { length: 2, transfer: 'storage', payloadBytes: 64 * 1024 * 1024 } }] })).toContain(
      'subExperiments[0].chain.payloadBytes 67108864 is more than a storage payload may be here (at most 33554432: a quarter of the function\'s 128 MB',
    );
    // The same payload fits a bigger function.
    expect(parse({ title: 't', vendor: 'aws', subExperiments: [{ ...sub, memoryMb: 1024, chain: { length: 2, transfer: 'storage', payloadBytes: 64 * 1024 * 1024 } }] }).subExperiments[0]?.chain?.payloadBytes).toBe(
      64 * 1024 * 1024,
    );
  });

  test("a client body next to a chain is refused: the chain's payload is chain.payloadBytes", () => {
    expect(problem({ title: 't', subExperiments: [{ ...sub, payloadBytes: 10, chain: { length: 2, transfer: 'inline', payloadBytes: 1 } }] })).toContain(
      'subExperiments[0].payloadBytes must be 0 with a chain',
    );
  });
});
