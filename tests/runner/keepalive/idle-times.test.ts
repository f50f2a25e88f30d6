import { describe, expect, test } from '@jest/globals';
import { idleSincePreviousMs } from '../../../runner/keepalive/idle-times.js';

describe('idle time since the same replica’s previous request', () => {
  test('is dispatch minus the previous end, per sub-experiment and replica, in dispatch order whatever the input order', () => {
    const requests = [
      { subExperimentIndex: 0, endpointIndex: 0, dispatchedMs: 5000, endMs: 5020 },
      { subExperimentIndex: 0, endpointIndex: 1, dispatchedMs: 500, endMs: 700 },
      { subExperimentIndex: 0, endpointIndex: 0, dispatchedMs: 0, endMs: 100 },
      { subExperimentIndex: 1, endpointIndex: 0, dispatchedMs: 0, endMs: 10 },
      { subExperimentIndex: 0, endpointIndex: 1, dispatchedMs: 600, endMs: 650 },
      { subExperimentIndex: 0, endpointIndex: 0, dispatchedMs: 1000, endMs: 1050 },
    ];
    // Replica (0, 0): 0–100, 1000–1050, 5000–5020 → null, 900, 3950.
    // Replica (0, 1): 500–700, then 600 while the first still ran → null, −100 (busy, no idle sample).
    // Replica (1, 0): its only request → null (sub-experiment 0's replica 0 is another function).
    expect(idleSincePreviousMs(requests)).toEqual([3950, null, null, null, -100, 900]);
  });

  test('no requests, no idle times', () => {
    expect(idleSincePreviousMs([])).toEqual([]);
  });
});
