import { describe, expect, test } from '@jest/globals';
import { checkKey, isValidKey, keyPath, MAX_KEY_LENGTH, newTransferKey, TRANSFER_KEY_PREFIX } from '../../../measurement-functions/storage/transfer-key.js';

describe('transfer object keys', () => {
  test('a new key sits under the lifecycle prefix, names the request and hop, and is unique by its random part', () => {
    expect(newTransferKey('7f3c-req', 2, () => 'abc-123')).toBe('transfers/7f3c-req/hop-2-abc-123');
    expect(TRANSFER_KEY_PREFIX).toBe('transfers/');
    const a = newTransferKey('r', 0);
    const b = newTransferKey('r', 0);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^transfers\/r\/hop-0-[0-9a-f-]{36}$/);
  });

  test('request ids with unsafe characters are made safe rather than trusted into a path', () => {
    expect(newTransferKey('../../etc/passwd?x=1', 1, () => 'z')).toBe('transfers/etc-passwd-x-1/hop-1-z');
    expect(newTransferKey('', 0, () => 'z')).toBe('transfers/request/hop-0-z');
    expect(newTransferKey('a'.repeat(200), 0, () => 'z')).toBe(`transfers/${'a'.repeat(64)}/hop-0-z`);
    expect(() => newTransferKey('r', -1)).toThrow('hop must be a non-negative integer, got -1');
  });

  test('only slash-separated segments of safe characters are valid keys', () => {
    for (const key of ['a', 'transfers/r/hop-0-x', 'A.b_c-d/e', 'x'.repeat(MAX_KEY_LENGTH)]) expect([key, isValidKey(key)]).toEqual([key, true]);
    for (const key of ['', '/a', 'a/', 'a//b', '../a', 'a/../b', '.a', 'a/.b', 'a b', 'a?b', 'a%2Fb', 'é', 'x'.repeat(MAX_KEY_LENGTH + 1)]) {
      expect([key, isValidKey(key)]).toEqual([key, false]);
    }
    expect(() => checkKey('a b')).toThrow(`object key "a b" is not allowed: use at most ${MAX_KEY_LENGTH} characters`);
  });

  test('a key becomes a URL path with its slashes kept', () => {
    expect(keyPath('transfers/r-1/hop-0-a.b_c')).toBe('transfers/r-1/hop-0-a.b_c');
  });
});
