import { describe, expect, test } from '@jest/globals';
import type { LocalPlatformEnd } from '../../../infra/local/index.js';
import { objectStoreLogLine } from '../../../runner/bench/object-store-log.js';

const storage = { subExperiments: [{ chain: null }, { chain: { length: 3, transfer: 'storage', payloadBytes: 10 } }] } as never;
const inline = { subExperiments: [{ chain: { length: 3, transfer: 'inline', payloadBytes: 10 } }] } as never;
const plain = { subExperiments: [{ chain: null }] } as never;

const end = (left: number, bytes: number, puts = 4): LocalPlatformEnd => ({
  objectStore: { objects: left, bytesStored: bytes, puts, gets: puts - left, deletes: puts - left, refused: 0, removed: { objects: left, bytes } },
});

describe('the run log line on the local object store', () => {
  test('a clean study: everything written was deleted, nothing to remove', () => {
    expect(objectStoreLogLine(storage, end(0, 0))).toEqual({
      level: 'info',
      message: 'local object store: 4 objects written, 4 reads, 4 deletes by the chain functions; at the end of the study 0 objects were left, none to remove',
      fields: { event: 'object-store', counted: 'yes', puts: 4, gets: 4, deletes: 4, refused: 0, leftObjects: 0, leftBytes: 0, removedObjects: 0, removedBytes: 0 },
    });
  });

  test('leftovers are a warning that says how many were left and removed', () => {
    const line = objectStoreLogLine(storage, end(2, 2048));
    expect(line?.level).toBe('warn');
    expect(line?.message).toContain('at the end of the study 2 objects were left (2048 bytes) and the platform removed them');
    expect(line?.fields).toMatchObject({ leftObjects: 2, leftBytes: 2048, removedObjects: 2, removedBytes: 2048 });
    expect(objectStoreLogLine(storage, end(1, 5))?.message).toContain('1 object was left (5 bytes) and the platform removed it');
  });

  test('a platform that had died could not count: said so for a storage study, never called clean', () => {
    expect(objectStoreLogLine(storage, null)).toMatchObject({ level: 'warn', fields: { counted: 'no' } });
    expect(objectStoreLogLine(storage, null)?.message).toContain('uncounted');
    expect(objectStoreLogLine(inline, null)).toBeNull();
  });

  test('a study that never used the store gets no line', () => {
    expect(objectStoreLogLine(plain, end(0, 0, 0))).toBeNull();
    expect(objectStoreLogLine(inline, end(0, 0, 0))).toBeNull();
  });
});
